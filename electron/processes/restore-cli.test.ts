import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { addDocument, contentsOf, makeDataFolder } from '../../test/data-folder.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { LOCK_FILE } from '../core/host/instance-lock.js';
import { createBackup } from '../core/backup/create-backup.js';
import { BACKUP_DB_FILE } from '../core/backup/manifest.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tempDir = useTempDirs();

/** The CLI bundled as scripts/build.mjs bundles it, into a private folder (dist/ may be rebuilt meanwhile). */
async function bundle(): Promise<string> {
  const cli = path.join(await tempDir(), 'restore-cli.cjs');
  await build({ absWorkingDir: ROOT, entryPoints: ['electron/processes/restore-cli.ts'], outfile: cli, bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
  return cli;
}


describe('npm run restore', () => {
  it('lists the sets, restores one, and refuses a damaged one or a folder in use, with one clear line', async () => {
    const cli = await bundle();
    // The bundle resolves better-sqlite3 from this repository's node_modules.
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
    const { dir, db, blobs } = await makeDataFolder(await tempDir());
    await addDocument(db, blobs, 'in the backup');
    const location = path.join(await tempDir(), 'backups');
    const set = await createBackup({ db, blobs, location, appVersion: '0.1.0' });
    const before = await contentsOf(dir);
    await addDocument(db, blobs, 'after');
    db.close();

    expect(run('--list', location).stdout).toContain(`${set.dir}\t${set.manifest.createdAt}\tVanThu 0.1.0\t1 documents, 1 files`);

    await writeFile(path.join(dir, LOCK_FILE), String(process.pid));
    const busy = run('--data-dir', dir, '--backup', set.dir);
    expect(busy.status).toBe(1);
    expect(busy.stderr).toMatch(/^Restore failed: VanThu is already running with the data folder/);
    await rm(path.join(dir, LOCK_FILE));

    const restored = run('--data-dir', dir, '--backup', set.dir);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('Restored the backup of');
    expect(await contentsOf(dir)).toEqual(before);

    await writeFile(path.join(set.dir, BACKUP_DB_FILE), 'garbage');
    const damaged = run('--data-dir', dir, '--backup', set.dir);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(/^Restore failed: The backup .* is damaged: its database does not match the SHA-256 in its manifest/);
    expect(run('--data-dir', dir).status).toBe(2);
  });
});
