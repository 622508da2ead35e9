/**
 * Messages between the core and the sync process. The secret travels only in `configure`,
 * from the process that holds it (core in browser mode, main under Electron), and is never
 * written by the sync process.
 */
import type { SyncStatus } from '../../../shared/api/sync-status.js';

export interface AxisCredentials {
  url: string;
  systemId: string;
  secret: string;
}

export type SyncCommand =
  | { type: 'configure'; databaseFile: string; axis: AxisCredentials }
  | { type: 'syncNow' }
  /** The outbox or the quarantine changed: push and retry now rather than at the next poll. */
  | { type: 'kick' }
  /** Finish the round under way and stop, answering `paused`: the core changes the folder's axis meanwhile. */
  | { type: 'pause' }
  | { type: 'shutdown' };

export type SyncMessage =
  | { type: 'status'; status: SyncStatus }
  | { type: 'changed'; what: 'agencies' | 'quarantine' }
  | { type: 'changed'; what: 'documents'; ids: number[] }
  | { type: 'arrived'; id: number; subject: string; senderName: string | null; priority: number }
  | { type: 'paused' };

export function isSyncMessage(value: unknown): value is SyncMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'status' || type === 'changed' || type === 'arrived' || type === 'paused';
}
