/**
 * Restore of a backup set into a data folder whose core is not running (the recovery screen's
 * core has no database open; the CLI is for IT staff with the app closed). Everything is checked
 * before anything in the data folder changes: the database's SHA-256 against the manifest,
 * `PRAGMA integrity_check`, and the hash of every blob it names, before the database changes. (Blobs
 * checked so far are already added: named by content, an unused one is harmless.) Then the current
 * database is put aside under `replaced/` and the restored file is renamed into place.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BLOBS_DIR, DATABASE_FILE } from '../config/data-dir.js';
import { syncDirectory } from '../fs/sync-directory.js';
import { BlobStore } from '../store/blob-store.js';
import { sha256OfFile } from '../fs/file-hash.js';
import { BACKUP_DB_FILE, BackupInvalidError, readManifest, sharedBlobsOf, type BackupManifest } from './manifest.js';
import { referencedBlobs } from '../store/referenced-blobs.js';
import { integrityVerdict } from '../store/database-file.js';

export const REPLACED_DIR = 'replaced';

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the database that was replaced now is, or null if the folder had none. */
  replacedDatabase: string | null;
}

export async function restoreBackup(dataDir: string, backupDir: string): Promise<RestoreResult> {
  const manifest = await readManifest(backupDir);
  const source = path.join(backupDir, BACKUP_DB_FILE);
  const dataBlobs = new BlobStore(path.join(dataDir, BLOBS_DIR));
  await dataBlobs.init();
  // Verified on the copy in the data folder, so that what was checked is what is swapped in.
  const staged = dataBlobs.tempPath('.sqlite');
  try {
    await copyFile(source, staged).catch(() => {
      throw new BackupInvalidError(`The backup ${backupDir} has no readable database file.`);
    });
    if ((await sha256OfFile(staged)) !== manifest.databaseSha256) {
      throw new BackupInvalidError(`The backup ${backupDir} is damaged: its database does not match the SHA-256 in its manifest. Choose another backup.`);
    }
    const blobs = checkDatabase(staged, backupDir);
    await copyVerifiedBlobs(new BlobStore(sharedBlobsOf(backupDir)), dataBlobs, blobs, backupDir);
    const replacedDatabase = await replaceDatabase(dataDir, staged);
    return { manifest, replacedDatabase };
  } finally {
    await rm(staged, { force: true });
  }
}

function checkDatabase(file: string, backupDir: string): string[] {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch {
    throw new BackupInvalidError(`The backup ${backupDir} is damaged: its database cannot be opened.`);
  }
  try {
    const verdict = integrityVerdict(db, 'full');
    if (verdict !== 'ok') throw new BackupInvalidError(`The backup ${backupDir} is damaged: the database integrity check failed (${verdict}).`);
    return referencedBlobs(db);
  } catch (error) {
    if (error instanceof BackupInvalidError) throw error;
    throw new BackupInvalidError(`The backup ${backupDir} is damaged: ${(error as Error).message}.`);
  } finally {
    db.close();
  }
}

/** Every blob is read from the backup and hashed, even one the data folder already has: the check is the point. */
async function copyVerifiedBlobs(from: BlobStore, to: BlobStore, wanted: readonly string[], backupDir: string): Promise<void> {
  for (const sha256 of wanted) {
    let stored;
    try {
      stored = await to.stageStream(createReadStream(from.pathOf(sha256)));
    } catch {
      throw new BackupInvalidError(`The backup ${backupDir} is incomplete: the stored file ${sha256} is missing. Choose another backup.`);
    }
    if (stored.sha256 !== sha256) {
      await rm(stored.tempPath, { force: true });
      throw new BackupInvalidError(`The backup ${backupDir} is damaged: the stored file ${sha256} does not match its SHA-256. Choose another backup.`);
    }
    await to.adoptFile(stored.tempPath, stored);
  }
}

/**
 * Puts the data folder's database aside under `replaced/` and, given a staged file, renames it
 * into place. The old WAL must leave with the old database: SQLite would otherwise replay it onto
 * the restored file. With a staged file the main file is hard-linked aside first, so the folder
 * always has a database and the rename over it is atomic. Returns where the old file went.
 */
export async function replaceDatabase(dataDir: string, staged: string | null): Promise<string | null> {
  const live = path.join(dataDir, DATABASE_FILE);
  const asideDir = path.join(dataDir, REPLACED_DIR, `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`);
  await mkdir(asideDir, { recursive: true });
  let replaced: string | null = null;
  if (await exists(live)) {
    replaced = path.join(asideDir, DATABASE_FILE);
    if (staged) await link(live, replaced).catch(() => copyFile(live, replaced!));
    else await rename(live, replaced);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (await exists(live + suffix)) await rename(live + suffix, path.join(asideDir, DATABASE_FILE + suffix));
  }
  await syncDirectory(asideDir);
  if (staged) await rename(staged, live);
  await syncDirectory(dataDir);
  if (!replaced) await rm(asideDir, { recursive: true, force: true });
  return replaced;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
