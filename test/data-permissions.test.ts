/**
 * File permissions do not depend on whether the data folder was new: a folder an older version
 * (or IT, or a restore) left readable by others is made owner-only at the next start, with the
 * database and its -wal/-shm, blobs, logs, secrets, backups and the backup location elsewhere.
 * The demo axis keeps the agencies' secrets as tight as the app's own.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTemporaryAxis } from '../axis/testing.js';
import { createAxisServer } from '../axis/app.js';
import { NO_POLICY } from '../electron/core/policy/load-policy.js';
import { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { ROOT } from '../e2e/app-harness.js';
import { useTempDirs } from './temp-dir.js';
import { offlineCoreHost } from './offline-core-host.js';

const tempDir = useTempDirs();
const runtimes: CoreRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
});

async function start(dataDir: string): Promise<CoreRuntime> {
  const runtime = await CoreRuntime.start({ dataDir, version: 'test', host: offlineCoreHost(dataDir), policy: NO_POLICY });
  runtimes.push(runtime);
  return runtime;
}

/** Every folder and file under `root` with its permission bits. */
async function modes(root: string): Promise<Map<string, number>> {
  const found = new Map<string, number>([[root, (await stat(root)).mode & 0o777]]);
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(file, (await stat(file)).mode & 0o777);
  }
  return found;
}

/** Everything readable by group or others: what a looser start left. */
async function loose(root: string): Promise<string[]> {
  return [...(await modes(root))].filter(([, mode]) => (mode & 0o077) !== 0).map(([file, mode]) => `${path.relative(root, file) || '.'} ${mode.toString(8)}`);
}

async function loosen(root: string): Promise<void> {
  for (const [file] of await modes(root)) await chmod(file, (await stat(file)).isDirectory() ? 0o755 : 0o644);
}

describe('data folder permissions', () => {
  it('an existing 0755 folder with 0644 files is made owner-only at start: database, -wal, -shm, blobs, logs, secrets, backups, the backup location', async () => {
    const dataDir = await tempDir();
    const elsewhere = path.join(await tempDir(), 'vanthu-backups');
    // A first start, with work: a document with an attachment, a secret, a backup in each place.
    const first = await start(dataDir);
    await first.call('drafts.create', { subject: 'Quyền truy cập tệp', summary: '' });
    await first.call('attachments.add', { documentId: 1, name: 'a.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 quyền') });
    await offlineCoreHost(dataDir).secrets.set('axis:H41', 'a-secret-of-the-agency');
    await first.call('backup.now', {});
    await writeFile(path.join(dataDir, 'backup.json'), JSON.stringify({ location: elsewhere }));
    await mkdir(path.join(dataDir, 'logs'), { recursive: true });
    await writeFile(path.join(dataDir, 'logs', 'vanthu.log'), 'a line\n');
    await first.close();
    runtimes.splice(0);
    await mkdir(elsewhere, { recursive: true });
    await writeFile(path.join(elsewhere, 'notes.txt'), 'IT made this folder by hand');

    // As an older version, or a folder made under umask 022, left it.
    await loosen(dataDir);
    await loosen(elsewhere);
    const before = await modes(dataDir);
    for (const name of ['vanthu.sqlite', 'secrets.json', 'blobs', 'logs', 'backups']) {
      expect([...before.keys()].some((file) => path.relative(dataDir, file) === name), name).toBe(true);
    }
    expect([...before.keys()].some((file) => /^blobs\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(path.relative(dataDir, file)))).toBe(true);
    expect((await loose(dataDir)).length).toBeGreaterThan(5);

    await start(dataDir);
    expect(await loose(dataDir)).toEqual([]);
    expect(await loose(elsewhere)).toEqual([]);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    // The open database's journal files take the database file's (now tight) mode.
    const after = [...(await modes(dataDir)).keys()].map((file) => path.relative(dataDir, file));
    expect(after).toEqual(expect.arrayContaining(['vanthu.sqlite-wal', 'vanthu.sqlite-shm']));
  });

  it('new files are owner-only without being tightened: the host runs with umask 077', async () => {
    const dataDir = await tempDir();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'core', 'host.cjs'), '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 30_000 }).toMatch(/Open: /);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await loose(dataDir)).toEqual([]);
  });

  it('the demo axis makes its folder, its database (every agency secret) and its credentials owner-only at every start', async () => {
    const axis = await startTemporaryAxis();
    const dir = axis.dataDir;
    await axis.server.close();
    await writeFile(path.join(dir, 'demo-credentials.json'), '[]');
    await loosen(dir);
    expect((await loose(dir)).length).toBeGreaterThan(2);
    const again = await createAxisServer({ dataDir: dir, port: 0, log: () => {} });
    try {
      expect(await loose(dir)).toEqual([]);
    } finally {
      await again.close();
      await axis.dispose();
    }
  });
});
