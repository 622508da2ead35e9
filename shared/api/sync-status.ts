/** `disk_full`: receiving is paused until the data folder's disk has room again (sending goes on). */
export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'stopped' | 'not_configured' | 'disk_full';

export interface SyncProgress {
  /** Pulling the agency directory, or receiving packages. */
  task: 'directory' | 'receiving';
  done: number;
  total: number | null;
}

/**
 * What is wrong, as the status bar and the connect forms say it in the clerk's words (each has its
 * text in the i18n table, 'axisProblem.<code>'), with the technical detail kept for "Chi tiết".
 */
export const AXIS_PROBLEMS = [
  /** The axis refused the agency code or the secret (VXP 15). */
  'credentials',
  /** The axis does not know this agency as a sender (VXP 19). */
  'sender_not_registered',
  /** No axis answers at this address (HTTP 404/405, or not a VXP endpoint). */
  'wrong_address',
  /** Nothing answered: network down, server off, wrong host or port. */
  'unreachable',
  'timeout',
  /** The axis failed on its side (VXP 20/21, HTTP 5xx); VanThu tries again by itself. */
  'axis_error',
  /** The axis refused a package or a call for another reason. */
  'refused',
  /** The saved axis address is plain http to another computer, and the AllowHttp policy is off. */
  'plain_http',
  /** This computer has no secret for the saved connection. */
  'secret_missing',
  /** The sync process kept crashing and was stopped. */
  'sync_stopped',
  /** The demo's embedded axis kept crashing and was stopped. */
  'demo_axis_stopped',
  'internal',
] as const;
export type AxisProblemCode = (typeof AXIS_PROBLEMS)[number];

export interface SyncProblem {
  code: AxisProblemCode;
  /** The axis the problem is with (shown: the clerk and IT must know which address is meant). */
  axisUrl: string | null;
  /** The technical detail: the error as the code saw it, with the axis's own words. */
  detail: string;
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
  /** Technical text for 'error' / 'offline' / 'stopped' (English, for "Chi tiết" and the log). */
  message: string | null;
  /** What the clerk is told for 'error' / 'offline' / 'stopped'. */
  problem: SyncProblem | null;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  phase: 'not_configured',
  lastSyncAt: null,
  nextAttemptAt: null,
  queueLength: 0,
  progress: null,
  message: null,
  problem: null,
};
