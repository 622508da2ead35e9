import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
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

describe('the holidays commands', () => {
  const lines = (printed: string) => printed.trimEnd().split('\n');

  it('list the table a new hub starts with, and add, replace and remove days of it', async () => {
    const pool = await database();
    const year2026 = lines(await run(pool, ['holidays', 'list', '--year', '2026']));
    expect(year2026).toHaveLength(16);
    expect(year2026[0]).toBe('2026-01-01\tday_off\tTết Dương lịch');
    expect(year2026).toContain('2026-01-10\tmake_up_day\tLàm bù cho thứ Sáu 02/01/2026 (Công văn 12729/VPCP-KGVX)');

    expect(await run(pool, ['holidays', 'add', '--date', '2027-02-12', '--note', 'Nghỉ Tết, hoán đổi'])).toBe('2027-02-12 is now a day off: Nghỉ Tết, hoán đổi\n');
    expect(await run(pool, ['holidays', 'add', '--date', '2027-02-20', '--kind', 'make_up_day', '--note', 'Làm bù cho thứ Sáu 12/02/2027'])).toContain('make-up working day');
    // Added again: the note is replaced, not a second row.
    await run(pool, ['holidays', 'add', '--date', '2027-02-12', '--note', 'Nghỉ Tết Âm lịch']);
    const year2027 = lines(await run(pool, ['holidays', 'list', '--year', '2027']));
    expect(year2027).toContain('2027-02-12\tday_off\tNghỉ Tết Âm lịch');
    expect(year2027).toContain('2027-02-20\tmake_up_day\tLàm bù cho thứ Sáu 12/02/2027');
    expect(year2027.filter((line) => line.startsWith('2027-02-12'))).toHaveLength(1);

    expect(await run(pool, ['holidays', 'remove', '--date', '2027-09-03'])).toContain('2027-09-03 removed');
    await expect(run(pool, ['holidays', 'remove', '--date', '2027-09-03'])).rejects.toThrow(/says nothing of 2027-09-03/);
    expect(lines(await run(pool, ['holidays', 'list'])).some((line) => line.startsWith('2027-09-03'))).toBe(false);
    const { rows } = await pool.query("SELECT action, subject FROM audit_log WHERE action LIKE 'calendar.%' ORDER BY seq");
    expect(rows).toEqual([
      { action: 'calendar.set', subject: 'calendar:2027-02-12' },
      { action: 'calendar.set', subject: 'calendar:2027-02-20' },
      { action: 'calendar.set', subject: 'calendar:2027-02-12' },
      { action: 'calendar.remove', subject: 'calendar:2027-09-03' },
    ]);
  });

  it('refuse a day that would mean nothing, a date that is not one, or no note, and change nothing', async () => {
    const pool = await database();
    const before = await run(pool, ['holidays', 'list']);
    await expect(run(pool, ['holidays', 'add', '--date', '2027-02-13', '--note', 'Thứ Bảy'])).rejects.toThrow(/a day off must be a weekday/);
    await expect(run(pool, ['holidays', 'add', '--date', '2027-02-15', '--kind', 'make_up_day', '--note', 'Thứ Hai'])).rejects.toThrow(/make-up day a Saturday or Sunday/);
    await expect(run(pool, ['holidays', 'add', '--date', '2027-02-30', '--note', 'x'])).rejects.toThrow(/YYYY-MM-DD/);
    await expect(run(pool, ['holidays', 'add', '--date', '2027-02-15'])).rejects.toThrow(/note/);
    await expect(run(pool, ['holidays', 'add', '--date', '2027-02-15', '--kind', 'holiday', '--note', 'x'])).rejects.toThrow(/kind/);
    expect(await run(pool, ['holidays', 'list'])).toBe(before);
    expect(() => parseCommand(['holidays', 'import'])).toThrow(/holidays import takes one file/);
    expect(parseCommand(['holidays', 'import', 'ngay-nghi-2027.tsv'])).toMatchObject({ command: 'holidays import', flags: { file: 'ngay-nghi-2027.tsv' } });
    expect(() => parseCommand(['holidays', 'clear'])).toThrow(UsageError);
  });

  it('import a file that replaces the years it lists, or nothing when one line is wrong', async () => {
    const pool = await database();
    const year2026 = await run(pool, ['holidays', 'list', '--year', '2026']);
    const file = path.join(await tempDir(), 'ngay-nghi-2027.tsv');
    const wrong = '# Lịch nghỉ 2027\n2027-01-01\tday_off\tTết Dương lịch\n2027-01-02\tday_off\tThứ Bảy\n';
    await writeFile(file, wrong);
    await expect(run(pool, ['holidays', 'import', file])).rejects.toThrow(/Line 3: .*a day off must be a weekday/);
    await writeFile(file, '2027-01-01\tday_off\tTết Dương lịch\n2027-01-01\tday_off\tLần hai\n');
    await expect(run(pool, ['holidays', 'import', file])).rejects.toThrow(/Line 2: 2027-01-01 is on line 1 already/);
    expect(lines(await run(pool, ['holidays', 'list', '--year', '2027']))).toHaveLength(12);

    // What list prints is what import reads; commas do too, and a note may hold commas.
    const notice = [
      '# Thông báo lịch nghỉ Tết Âm lịch 2027',
      '',
      '2027-01-01\tday_off\tTết Dương lịch',
      '2027-02-04,day_off,Tết Âm lịch, 28 tháng Chạp',
      '2027-02-05\tday_off\tTết Âm lịch (29 tháng Chạp)',
      '2027-02-08\tday_off\tTết Âm lịch',
      '2027-02-20\tmake_up_day\tLàm bù cho thứ Năm 04/02/2027',
    ];
    // As a spreadsheet saves it: a byte-order mark, CRLF line ends.
    await writeFile(file, `\uFEFF${notice.join('\r\n')}`);
    expect(await run(pool, ['holidays', 'import', file])).toBe('Imported 5 day(s) for 2027, replacing the 12 the table had for that year.\n');
    expect(await run(pool, ['holidays', 'list', '--year', '2027'])).toBe(
      [
        '2027-01-01\tday_off\tTết Dương lịch',
        '2027-02-04\tday_off\tTết Âm lịch, 28 tháng Chạp',
        '2027-02-05\tday_off\tTết Âm lịch (29 tháng Chạp)',
        '2027-02-08\tday_off\tTết Âm lịch',
        '2027-02-20\tmake_up_day\tLàm bù cho thứ Năm 04/02/2027',
        '',
      ].join('\n'),
    );
    expect(await run(pool, ['holidays', 'list', '--year', '2026'])).toBe(year2026);
    const { rows } = await pool.query("SELECT details FROM audit_log WHERE action = 'calendar.import'");
    expect(JSON.parse(rows[0].details)).toMatchObject({ years: [2027], days: 5, replaced: 12 });
    expect(await run(pool, ['holidays', 'list', '--year', '2030'])).toContain('No days off or make-up days in 2030');
  });
});

describe('the register commands', () => {
  it('name a reader, restrict the register, remove a reader and lift the restriction, as the actor cli, each audited', async () => {
    const pool = await database();
    await run(pool, ['unit', 'add', '--code', 'VP', '--name', 'Văn phòng']);
    await run(pool, ['user', 'add', '--username', 'an', '--name', 'An', '--unit', 'VP', '--role', 'specialist', '--password-stdin'], 'mật khẩu đủ dài của An');
    await run(pool, ['user', 'add', '--username', 'binh', '--name', 'Bình', '--unit', 'VP', '--role', 'leader', '--password-stdin'], 'mật khẩu đủ dài của Bình');
    await pool.query("INSERT INTO registers (code, name, direction) VALUES ('mat', 'Sổ văn bản mật', 'in')");
    expect(await run(pool, ['register', 'list'])).toContain('mat\tSổ văn bản mật\topen\t0 document(s)\tno readers\n');
    await expect(run(pool, ['register', 'restrict', '--code', 'mat'])).rejects.toThrow(/readers first/);
    expect(await run(pool, ['register', 'add-reader', '--code', 'mat', '--username', 'an'])).toBe('mat\tSổ văn bản mật\topen\t0 document(s)\treaders: an\n');
    expect(await run(pool, ['register', 'add-reader', '--code', 'mat', '--username', 'Binh'])).toContain('readers: an, binh');
    expect(await run(pool, ['register', 'restrict', '--code', 'mat'])).toContain('\trestricted\t');
    expect(await run(pool, ['register', 'remove-reader', '--code', 'mat', '--username', 'binh'])).toBe('mat\tSổ văn bản mật\trestricted\t0 document(s)\treaders: an\n');
    expect(await run(pool, ['register', 'unrestrict', '--code', 'mat'])).toContain('\topen\t');
    await expect(run(pool, ['register', 'add-reader', '--code', 'nope', '--username', 'an'])).rejects.toThrow(/no register with the code nope/);
    await expect(run(pool, ['register', 'add-reader', '--code', 'mat', '--username', 'ai'])).rejects.toThrow(/no user ai/);
    expect(() => parseCommand(['register', 'delete'])).toThrow(UsageError);
    const { rows } = await pool.query("SELECT actor, action, details::json->>'username' AS username FROM audit_log WHERE action LIKE 'register.%' ORDER BY seq");
    expect(rows).toEqual([
      { actor: 'cli', action: 'register.reader.add', username: 'an' },
      { actor: 'cli', action: 'register.reader.add', username: 'binh' },
      { actor: 'cli', action: 'register.restrict', username: null },
      { actor: 'cli', action: 'register.reader.remove', username: 'binh' },
      { actor: 'cli', action: 'register.unrestrict', username: null },
    ]);
  });
});
