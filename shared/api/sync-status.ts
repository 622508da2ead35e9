/** `disk_full`: receiving is paused until the data folder's disk has room again (sending goes on). */
export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'stopped' | 'not_configured' | 'disk_full';

export interface SyncProgress {
  /** Pulling the agency directory, or receiving packages. */
  task: 'directory' | 'receiving';
  done: number;
  total: number | null;
}

export interface SyncStatus {
  phase: SyncPhase;
  /** ISO 8601 time of the last successful round with the axis. */
  lastSyncAt: string | null;
  /** Next automatic try, when waiting after a retryable failure. */
  nextAttemptAt: string | null;
  /** Packages waiting in the outbox. */
  queueLength: number;
  progress: SyncProgress | null;
  /** Actionable text for 'error' / 'offline' / 'stopped'. */
  message: string | null;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  phase: 'not_configured',
  lastSyncAt: null,
  nextAttemptAt: null,
  queueLength: 0,
  progress: null,
  message: null,
};
