import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { addDocument, contentsOf, makeDataFolder } from '../../../test/data-folder.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { verifyAuditChain } from '../store/audit-log.js';
import { BlobStore } from '../store/blob-store.js';
import { writeValue } from '../store/key-value.js';
import { SEAL_IMAGE_SETTING } from '../service/signing-images.js';
import { listBackups, pruneBackups } from './backup-sets.js';
import { createBackup } from './create-backup.js';
import { sha256OfFile } from '../fs/file-hash.js';
import { BACKUP_DB_FILE, BackupInvalidError, MANIFEST_FILE, SHARED_BLOBS_DIR } from './manifest.js';
import { referencedBlobs } from '../store/referenced-blobs.js';
import { REPLACED_DIR, restoreBackup } from './restore-backup.js';
import { backupsToKeep } from './retention.js';

const tempDir = useTempDirs();
const dataFolder = async () => makeDataFolder(await tempDir());

function openBackupDb(dir: string): Database.Database {
  return new Database(path.join(dir, BACKUP_DB_FILE), { readonly: true, fileMustExist: true });
}

function message<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (value) => resolve(value as T));
    child.once('exit', (code) => reject(new Error(`writer exited with ${code} before answering`)));
  });
}

describe('online backup', () => {
  it('taken while a second process writes, each set is a consistent snapshot with its blobs', async () => {
    const { dir, db, blobs } = await dataFolder();
    await addDocument(db, blobs, 'before');
    const location = path.join(await tempDir(), 'backups');
    const worker = path.join(await tempDir(), 'writer.cjs');
    await build({ entryPoints: [path.join(import.meta.dirname, '../../../test/backup-writer-worker.ts')], outfile: worker, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
    const writer = fork(worker, [dir], { cwd: process.cwd(), env: { ...process.env, NODE_PATH: path.join(process.cwd(), 'node_modules') } });
    await message<string>(writer);

    const sets = [];
    for (let i = 0; i < 3; i++) {
      sets.push(await createBackup({ db, blobs, location, appVersion: '0.1.0', now: new Date(Date.UTC(2026, 10, 1 + i)) }));
      await sleep(100);
    }
    const done = message<{ written: number }>(writer);
    writer.send('stop');
    const { written } = await done;
    db.close();

    const documentCounts = sets.map((set) => set.manifest.counts.documents);
    // The writer really wrote between the backups: each snapshot saw more, none saw all.
    expect(documentCounts[0]).toBeLessThan(documentCounts[2]!);
    expect(documentCounts[2]).toBeLessThan(written + 1);
    const shared = new BlobStore(path.join(location, SHARED_BLOBS_DIR));
    for (const set of sets) {
      expect(await sha256OfFile(path.join(set.dir, BACKUP_DB_FILE))).toBe(set.manifest.databaseSha256);
      const copy = openBackupDb(set.dir);
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(verifyAuditChain(copy).ok).toBe(true);
      const count = (table: string) => copy.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      // Draft and attachment are separate transactions, each with its audit row: a torn snapshot would break this.
      expect(count('audit_log')).toBe(count('documents') + count('attachments'));
      expect(set.manifest.counts).toEqual({ documents: count('documents'), attachments: count('attachments'), auditRows: count('audit_log'), blobs: referencedBlobs(copy).length });
      for (const sha of referencedBlobs(copy)) await expect(shared.read(sha)).resolves.toBeDefined();
      copy.close();
    }
    // Shared blobs: the second and third sets copied only what was new.
    expect(sets[1]!.blobsCopied).toBe(sets[1]!.manifest.counts.blobs - sets[0]!.manifest.counts.blobs);
    expect((await listBackups(location)).map((set) => set.dir)).toEqual(sets.map((set) => set.dir).reverse());
  });

  it('a folder left by a crash before its manifest is not a backup, and the next backup clears it', async () => {
    const { db, blobs } = await dataFolder();
    await addDocument(db, blobs, 'one');
    const location = path.join(await tempDir(), 'backups');
    const first = await createBackup({ db, blobs, location, appVersion: '0.1.0' });
    await writeFile(path.join(location, '.partial-crashed'), 'half');
    await cp(first.dir, path.join(location, 'vanthu-half'), { recursive: true });
    await writeFile(path.join(location, 'vanthu-half', MANIFEST_FILE), '{"format":1,');
    expect((await listBackups(location)).map((set) => set.dir)).toEqual([first.dir]);
    await createBackup({ db, blobs, location, appVersion: '0.1.0' });
    expect(await readdir(location)).not.toContain('.partial-crashed');
    db.close();
  });
});

describe('retention', () => {
  const at = (iso: string) => ({ createdAt: new Date(iso), name: iso });

  it('keeps the newest of each of the last 7 days and of each of the last 4 weeks', () => {
    // Two backups a day (start and 24 h later) over 40 days, from Monday 2026-09-21.
    const all = Array.from({ length: 80 }, (_, i) => at(new Date(Date.UTC(2026, 8, 21) + i * 12 * 3_600_000 + 3_600_000).toISOString()));
    const kept = [...backupsToKeep(all, { daily: 7, weekly: 4 })].map((b) => b.name).sort();
    expect(kept).toEqual([
      // Sundays (the last backup) of the three weeks before the current one.
      '2026-10-11T13:00:00.000Z',
      '2026-10-18T13:00:00.000Z',
      '2026-10-25T13:00:00.000Z',
      // The last 7 days' newest; the newest of all is also the current week's.
      '2026-10-24T13:00:00.000Z',
      '2026-10-26T13:00:00.000Z',
      '2026-10-27T13:00:00.000Z',
      '2026-10-28T13:00:00.000Z',
      '2026-10-29T13:00:00.000Z',
      '2026-10-30T13:00:00.000Z',
    ].sort());
  });

  it('pruning removes the sets and the shared blobs only they named', async () => {
    const { db, blobs } = await dataFolder();
    const location = path.join(await tempDir(), 'backups');
    const early = await addDocument(db, blobs, 'early');
    await createBackup({ db, blobs, location, appVersion: '0.1.0', now: new Date('2026-10-01T08:00:00Z') });
    const earlySha = db.prepare('SELECT sha256 FROM attachments WHERE document_id = ?').pluck().get(early) as string;
    db.prepare('DELETE FROM attachment_versions').run();
    db.prepare('DELETE FROM attachments').run();
    await addDocument(db, blobs, 'later');
    const kept = [];
    for (let day = 10; day <= 12; day++) kept.push((await createBackup({ db, blobs, location, appVersion: '0.1.0', now: new Date(`2026-10-${day}T08:00:00Z`) })).dir);
    const shared = new BlobStore(path.join(location, SHARED_BLOBS_DIR));
    expect(await shared.has(earlySha)).toBe(true);

    const { removed, blobsRemoved } = await pruneBackups(location, { daily: 2, weekly: 1 });
    expect(removed).toHaveLength(2);
    expect((await listBackups(location)).map((set) => set.dir)).toEqual([kept[2], kept[1]]);
    expect(blobsRemoved).toBe(1);
    expect(await shared.has(earlySha)).toBe(false);
    const laterSha = db.prepare('SELECT sha256 FROM attachments').pluck().get() as string;
    expect(await shared.has(laterSha)).toBe(true);
    db.close();
  });
});

describe('restore', () => {
  it('round-trips documents, attachment bytes and the audit chain, keeping the replaced database aside', async () => {
    const { dir, db, blobs } = await dataFolder();
    for (let i = 0; i < 5; i++) await addDocument(db, blobs, `doc ${i}`);
    const seal = await blobs.putBytes(randomBytes(3000));
    writeValue(db, 'settings', SEAL_IMAGE_SETTING, { ...seal, width: 10, height: 10 });
    const location = path.join(await tempDir(), 'backups');
    const set = await createBackup({ db, blobs, location, appVersion: '0.1.0' });
    const before = await contentsOf(dir);
    await addDocument(db, blobs, 'after the backup');
    db.close();

    // Into the same folder (its WAL must not be replayed onto the restored file) and into an empty one.
    const result = await restoreBackup(dir, set.dir);
    expect(await contentsOf(dir)).toEqual(before);
    expect(referencedBlobsOf(set.dir)).toContain(seal.sha256);
    await expect(new BlobStore(path.join(location, SHARED_BLOBS_DIR)).read(seal.sha256)).resolves.toBeDefined();
    expect(result.replacedDatabase).toContain(path.join(dir, REPLACED_DIR));
    const aside = new Database(result.replacedDatabase!, { readonly: true });
    expect(aside.prepare("SELECT count(*) FROM documents WHERE subject = 'after the backup'").pluck().get()).toBe(1);
    aside.close();

    const empty = await tempDir();
    expect((await restoreBackup(empty, set.dir)).replacedDatabase).toBeNull();
    expect(await contentsOf(empty)).toEqual(before);
  });

  it.each([
    ['a changed byte in the database', 'does not match the SHA-256 in its manifest'],
    ['garbage in pages of the database (manifest rewritten to match)', 'is damaged'],
    ['a damaged attachment', 'does not match its SHA-256'],
    ['a missing attachment', 'is missing'],
    ['no manifest', 'is not a VanThu backup'],
  ])('refuses a backup with %s and leaves the data folder as it was', async (damage, expected) => {
    const { dir, db, blobs } = await dataFolder();
    await addDocument(db, blobs, 'kept');
    const location = path.join(await tempDir(), 'backups');
    const set = await createBackup({ db, blobs, location, appVersion: '0.1.0' });
    await addDocument(db, blobs, 'current');
    db.close();
    const dbFile = path.join(set.dir, BACKUP_DB_FILE);
    const sha = set.manifest.counts.blobs > 0 ? (referencedBlobsOf(set.dir)[0] as string) : '';
    const shared = new BlobStore(path.join(location, SHARED_BLOBS_DIR));
    if (damage.startsWith('a changed byte')) {
      const bytes = await readFile(dbFile);
      bytes[bytes.length - 100]! ^= 0xff;
      await writeFile(dbFile, bytes);
    } else if (damage.startsWith('garbage')) {
      const bytes = await readFile(dbFile);
      randomBytes(bytes.length - 4096).copy(bytes, 4096);
      await writeFile(dbFile, bytes);
      const manifest = JSON.parse(await readFile(path.join(set.dir, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;
      await writeFile(path.join(set.dir, MANIFEST_FILE), JSON.stringify({ ...manifest, databaseSha256: await sha256OfFile(dbFile) }));
    } else if (damage === 'a damaged attachment') {
      await writeFile(shared.pathOf(sha), 'not the file');
    } else if (damage === 'a missing attachment') {
      await rm(shared.pathOf(sha));
    } else {
      await rm(path.join(set.dir, MANIFEST_FILE));
    }
    const before = await contentsOf(dir);

    const refused = restoreBackup(dir, set.dir);
    await expect(refused).rejects.toBeInstanceOf(BackupInvalidError);
    await expect(refused).rejects.toThrow(expected);
    expect(await contentsOf(dir)).toEqual(before);
    expect(await readdir(dir)).not.toContain(REPLACED_DIR);
  });
});

function referencedBlobsOf(backupDir: string): string[] {
  const db = openBackupDb(backupDir);
  try {
    return referencedBlobs(db);
  } finally {
    db.close();
  }
}
