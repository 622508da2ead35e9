import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTestPostgres } from '../../test/postgres.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { SIGN_IN_POLICY } from '../accounts/policy.js';
import { FileBlobStore } from '../blobs/blob-store.js';
import { SignInService } from '../accounts/sign-in.js';
import { HubError } from '../errors.js';
import { migrateHub } from '../store/migrations/index.js';
import { parseCommand, runCommand, UsageError } from './commands.js';

const postgres = useTestPostgres();
const tempDir = useTempDirs();

async function database() {
  const { pool } = await postgres().freshDatabase();
  await migrateHub(pool);
  return pool;
}

async function run(pool: Awaited<ReturnType<typeof database>>, argv: string[], stdin = ''): Promise<string> {
  const { command, flags } = parseCommand(argv);
  const stdout = new PassThrough();
  let printed = '';
  stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  await runCommand({ pool, blobs: await FileBlobStore.open(path.join(await tempDir(), 'blobs')) }, command, flags, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr: new PassThrough() });
  return printed;
}

describe('the set-up commands', () => {
  it('add units in a tree and a first administrator who can then sign in', async () => {
    const pool = await database();
    expect(await run(pool, ['unit', 'add', '--code', 'VP', '--name', 'Văn phòng'])).toBe('Unit VP "Văn phòng" added (id 1).\n');
    expect(await run(pool, ['unit', 'add', '--code', 'VP-TH', '--name', 'Tổ tổng hợp', '--parent', 'vp'])).toContain('under VP');
    expect(await run(pool, ['unit', 'list'])).toBe('VP\tVăn phòng\nVP-TH\tTổ tổng hợp\t(under VP)\n');
    const added = await run(pool, ['user', 'add', '--username', 'QuanTri', '--name', 'Quản trị', '--unit', 'VP', '--role', 'admin', '--role', 'clerk', '--password-stdin'], 'mật khẩu đầu tiên rất dài\n');
    expect(added).toBe('User quantri added to VP with the roles admin, clerk (id 1).\n');
    expect(await run(pool, ['user', 'list'])).toBe('quantri\tQuản trị\tVP\tadmin,clerk\n');
    const signIn = new SignInService(pool, SIGN_IN_POLICY, () => []);
    const signedIn = await signIn.withPassword({ username: 'quantri', password: 'mật khẩu đầu tiên rất dài' }, { address: '127.0.0.1', userAgent: 'test' });
    expect(signedIn.user.roles).toEqual(['admin', 'clerk']);
    const { rows } = await pool.query("SELECT actor, action FROM audit_log WHERE action <> 'sign_in' ORDER BY seq");
    expect(rows).toEqual([
      { actor: 'cli', action: 'unit.create' },
      { actor: 'cli', action: 'unit.create' },
      { actor: 'cli', action: 'user.create' },
    ]);
  });

  it('registers a token certificate from a file and resets a password', async () => {
    const pool = await database();
    const dir = await tempDir();
    const certificate = path.join(dir, 'leader.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/C=VN/CN=Nguyễn Văn An', '-utf8', '-keyout', path.join(dir, 'key.pem'), '-out', certificate, '-days', '30'], { stdio: 'ignore' });
    await run(pool, ['unit', 'add', '--code', 'VP', '--name', 'Văn phòng']);
    const added = await run(pool, ['user', 'add', '--username', 'an', '--name', 'Nguyễn Văn An', '--unit', 'VP', '--role', 'leader', '--certificate', certificate]);
    expect(added).toContain('Token certificate registered: C=VN, CN=Nguyễn Văn An');
    expect(await run(pool, ['user', 'password', '--username', 'an', '--password-stdin'], 'mật khẩu mới của anh An')).toBe('Password of an set; the sessions it had are ended.\n');
    expect((await pool.query('SELECT password_hash IS NOT NULL AS has FROM users')).rows).toEqual([{ has: true }]);
  });

  it('refuses bad input with the reason, and adds nothing', async () => {
    const pool = await database();
    await run(pool, ['unit', 'add', '--code', 'VP', '--name', 'Văn phòng']);
    await expect(run(pool, ['user', 'add', '--username', 'an', '--name', 'An', '--unit', 'VP', '--role', 'boss'])).rejects.toThrow(/roles/);
    await expect(run(pool, ['user', 'add', '--username', 'an', '--name', 'An', '--unit', 'VP', '--role', 'leader', '--password-stdin'], 'ngắn')).rejects.toThrow(/at least 12 characters/);
    await expect(run(pool, ['user', 'add', '--username', 'an', '--name', 'An', '--unit', 'XX', '--role', 'leader'])).rejects.toThrow(HubError);
    await expect(run(pool, ['unit', 'add', '--code', 'vp', '--name', 'Trùng'])).rejects.toThrow(/exists already/);
    expect((await pool.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    expect(() => parseCommand(['user', 'delete'])).toThrow(UsageError);
    expect(() => parseCommand(['user', 'add', '--password', 'visible-in-ps'])).toThrow(UsageError);
    expect(() => parseCommand(['import'])).toThrow(/import takes one folder/);
    expect(() => parseCommand(['import', 'a', 'b'])).toThrow(/import takes one folder/);
  });

  it('import: names a folder without a VanThu database and imports nothing', async () => {
    const pool = await database();
    expect(parseCommand(['import', '/srv/vanthu-xa'])).toMatchObject({ command: 'import', flags: { from: '/srv/vanthu-xa' } });
    const empty = await tempDir();
    await expect(run(pool, ['import', empty])).rejects.toThrow(`${empty} holds no VanThu database (vanthu.sqlite): give the data folder of the standalone VanThu.`);
    expect((await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(0);
  });
});
