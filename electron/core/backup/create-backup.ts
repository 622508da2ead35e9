/**
 * An online backup of a data folder: `VACUUM INTO` gives a consistent snapshot of the database
 * while the app (and the sync process) keep writing, then the blobs it names are added to the
 * location's shared blob folder. Blobs are content-addressed, so sets share them: a daily backup
 * costs the new attachments only. A shared folder rather than hard links because IT staff point
 * the location at another disk, where hard links to the data folder cannot exist.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { syncDirectory, syncFile } from '../fs/sync-directory.js';
import { BlobStore } from '../store/blob-store.js';
import type { Db } from '../store/database.js';
import { schemaVersion } from '../store/migrations/index.js';
import { countRows, makeSingleFile, snapshotInto } from '../store/database-file.js';
import { sha256OfFile } from '../fs/file-hash.js';
import { BACKUP_DB_FILE, MANIFEST_FILE, PARTIAL_PREFIX, SHARED_BLOBS_DIR, type BackupManifest } from './manifest.js';
import { referencedBlobs } from '../store/referenced-blobs.js';

export interface CreateBackupOptions {
  db: Db;
  /** The data folder's blob store, where the referenced blobs are read. */
  blobs: BlobStore;
  location: string;
  appVersion: string;
  now?: Date;
}

export interface CreatedBackup {
  dir: string;
  manifest: BackupManifest;
  /** Blobs copied by this backup (the others were already in the location). */
  blobsCopied: number;
}

/** Sortable and readable, in UTC so that sets from machines in different zones still sort. */
export function backupName(at: Date): string {
  return `vanthu-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

export async function createBackup(options: CreateBackupOptions): Promise<CreatedBackup> {
  const now = options.now ?? new Date();
  await mkdir(options.location, { recursive: true });
  await removePartials(options.location);
  const finalDir = await freeName(options.location, backupName(now));
  const partial = path.join(options.location, `${PARTIAL_PREFIX}${randomUUID()}`);
  await mkdir(partial);
  try {
    const dbFile = path.join(partial, BACKUP_DB_FILE);
    snapshotInto(options.db, dbFile);
    const { counts, version, blobs } = standalone(dbFile);
    await syncFile(dbFile);
    const blobsCopied = await copyBlobs(options.blobs, path.join(options.location, SHARED_BLOBS_DIR), blobs);
    const manifest: BackupManifest = {
      format: 1,
      createdAt: now.toISOString(),
      appVersion: options.appVersion,
      schemaVersion: version,
      databaseSha256: await sha256OfFile(dbFile),
      databaseBytes: (await stat(dbFile)).size,
      counts: { ...counts, blobs: blobs.length },
    };
    const manifestFile = path.join(partial, MANIFEST_FILE);
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    await syncFile(manifestFile);
    await syncDirectory(partial);
    await rename(partial, finalDir);
    await syncDirectory(options.location);
    return { dir: finalDir, manifest, blobsCopied };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Makes the copy a single self-contained file (rollback journal, not WAL: no -wal/-shm beside it)
 * and reads what the manifest reports from the copy itself, so the figures match the snapshot.
 */
function standalone(dbFile: string): { counts: Omit<BackupManifest['counts'], 'blobs'>; version: number; blobs: string[] } {
  const copy = new Database(dbFile);
  try {
    makeSingleFile(copy);
    return {
      counts: { documents: countRows(copy, 'documents'), attachments: countRows(copy, 'attachments'), auditRows: countRows(copy, 'audit_log') },
      version: schemaVersion(copy),
      blobs: referencedBlobs(copy),
    };
  } finally {
    copy.close();
  }
}

async function copyBlobs(source: BlobStore, sharedDir: string, wanted: readonly string[]): Promise<number> {
  const target = new BlobStore(sharedDir);
  await target.init();
  let copied = 0;
  for (const sha256 of wanted) {
    if (await target.has(sha256)) continue;
    const stored = await target.putStream(createReadStream(source.pathOf(sha256)));
    if (stored.sha256 !== sha256) {
      await rm(target.pathOf(stored.sha256), { force: true });
      throw new Error(`The stored file ${sha256} is damaged in the data folder (it hashes to ${stored.sha256}); the backup was not made. Re-sync the document or restore it from an earlier backup.`);
    }
    copied++;
  }
  return copied;
}

async function removePartials(location: string): Promise<void> {
  for (const name of await readdir(location)) {
    if (name.startsWith(PARTIAL_PREFIX)) await rm(path.join(location, name), { recursive: true, force: true });
  }
}

/** Two backups in the same second (backup.now right after the scheduled one) get distinct names. */
async function freeName(location: string, name: string): Promise<string> {
  for (let n = 0; ; n++) {
    const candidate = path.join(location, n === 0 ? name : `${name}-${n}`);
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}
