/**
 * The complete backup sets at a location, and the pruning that retention asks for: sets dropped,
 * then the shared blobs no remaining set names.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BACKUP_DB_FILE, BackupInvalidError, PARTIAL_PREFIX, readManifest, SHARED_BLOBS_DIR, type BackupManifest } from './manifest.js';
import { referencedBlobs } from '../store/referenced-blobs.js';
import { backupsToKeep, type RetentionPolicy } from './retention.js';

export interface BackupSet {
  dir: string;
  manifest: BackupManifest;
  createdAt: Date;
}

/** Newest first. A folder without a readable manifest is not a backup (never half-written: see manifest.ts). */
export async function listBackups(location: string): Promise<BackupSet[]> {
  let names: string[];
  try {
    names = await readdir(location);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const sets: BackupSet[] = [];
  for (const name of names) {
    if (name.startsWith(PARTIAL_PREFIX) || name === SHARED_BLOBS_DIR) continue;
    const dir = path.join(location, name);
    try {
      const manifest = await readManifest(dir);
      sets.push({ dir, manifest, createdAt: new Date(manifest.createdAt) });
    } catch (error) {
      if (!(error instanceof BackupInvalidError)) throw error;
    }
  }
  return sets.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

export async function pruneBackups(location: string, policy: RetentionPolicy): Promise<{ removed: string[]; blobsRemoved: number }> {
  const sets = await listBackups(location);
  const keep = backupsToKeep(sets, policy);
  const removed: string[] = [];
  for (const set of sets) {
    if (keep.has(set)) continue;
    await rm(set.dir, { recursive: true, force: true });
    removed.push(set.dir);
  }
  const blobsRemoved = removed.length > 0 ? await removeUnreferencedBlobs(location, [...keep]) : 0;
  return { removed, blobsRemoved };
}

async function removeUnreferencedBlobs(location: string, remaining: readonly BackupSet[]): Promise<number> {
  const named = new Set<string>();
  for (const set of remaining) {
    const db = new Database(path.join(set.dir, BACKUP_DB_FILE), { readonly: true, fileMustExist: true });
    try {
      for (const sha of referencedBlobs(db)) named.add(sha);
    } finally {
      db.close();
    }
  }
  const blobsDir = path.join(location, SHARED_BLOBS_DIR);
  let count = 0;
  for (const prefix of await readdir(blobsDir).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of await readdir(path.join(blobsDir, prefix))) {
      if (named.has(name)) continue;
      await rm(path.join(blobsDir, prefix, name), { force: true });
      count++;
    }
  }
  return count;
}
