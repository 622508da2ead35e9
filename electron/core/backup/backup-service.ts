/**
 * The core's backups: one soon after start when the newest is a day old (or there is none), then
 * again whenever a day has passed while the app runs, and on `backup.now`. Runs are queued one after
 * the other: a backup and the pruning of shared blobs must never overlap.
 */
import path from 'node:path';
import type { BackupInfo } from '../../../shared/api/backup.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Db } from '../store/database.js';
import { listBackups, pruneBackups, type BackupSet } from './backup-sets.js';
import { readBackupSettings } from './backup-settings.js';
import { createBackup } from './create-backup.js';

const BACKUP_INTERVAL_MS = 24 * 3_600_000;
/** Checked hourly rather than one 24 h timer, so that a laptop asleep at the due time catches up. */
const CHECK_MS = 3_600_000;
/** The first check waits a little: a start (and its first sync) is when the clerk is waiting. */
const FIRST_CHECK_MS = 5 * 60_000;

export function backupInfo(set: BackupSet): BackupInfo {
  const { createdAt, appVersion, counts } = set.manifest;
  return { name: path.basename(set.dir), createdAt, appVersion, documents: counts.documents, files: counts.blobs };
}

export async function listBackupInfos(dataDir: string): Promise<BackupInfo[]> {
  return (await listBackups((await readBackupSettings(dataDir)).location)).map(backupInfo);
}

export class BackupService {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: { db: Db; blobs: BlobStore; dataDir: string; appVersion: string; onError(error: unknown): void }) {}

  now(): Promise<BackupInfo> {
    return this.enqueue(() => this.backUp());
  }

  startSchedule(): void {
    const check = () => {
      this.enqueue(async () => ((await this.dueNow()) ? this.backUp() : null)).catch((error: unknown) => this.options.onError(error));
    };
    this.timer = setTimeout(() => {
      check();
      this.timer = setInterval(check, CHECK_MS);
      this.timer.unref();
    }, FIRST_CHECK_MS);
    this.timer.unref();
  }

  /** Stops the schedule and waits for a backup under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.queue;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new Error('VanThu is closing: no backup now.');
      return work();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async dueNow(): Promise<boolean> {
    const [newest] = await listBackups((await readBackupSettings(this.options.dataDir)).location);
    return !newest || Date.now() - newest.createdAt.getTime() >= BACKUP_INTERVAL_MS;
  }

  private async backUp(): Promise<BackupInfo> {
    const { location, retention } = await readBackupSettings(this.options.dataDir);
    const created = await createBackup({ db: this.options.db, blobs: this.options.blobs, location, appVersion: this.options.appVersion });
    await pruneBackups(location, retention);
    return backupInfo({ dir: created.dir, manifest: created.manifest, createdAt: new Date(created.manifest.createdAt) });
  }
}
