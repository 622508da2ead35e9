/**
 * Signing across desks at the desk: a user's signatures of a hub document are the revision.upload
 * commands queued here (migration 210's hub_commands); the last one says where that signature
 * stands (waiting for the hub, taken, refused). docs/architecture.md, "The desk in agency mode".
 */
import type { CommandRefusal } from '../../../shared/hub/commands.js';
import type { Db } from './database.js';

export interface RevisionUploadRow {
  commandId: string;
  state: 'queued' | 'applied' | 'refused';
  attachmentId: number;
  baseSha256: string;
  revisionSha256: string;
  createdAt: string;
  lastError: string | null;
  refusal: { reason: CommandRefusal; message: string } | null;
}

/** The last revision.upload `userId` queued at this desk for a file of `documentId`, or null. */
export function lastRevisionUpload(db: Db, userId: number, documentId: number): RevisionUploadRow | null {
  const row = db
    .prepare(
      `SELECT id, state, payload, created_at, last_error, refusal_reason, refusal_message FROM hub_commands
       WHERE user_id = ? AND kind = 'revision.upload' AND json_extract(payload, '$.documentId') = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(userId, documentId) as
    | { id: string; state: RevisionUploadRow['state']; payload: string; created_at: string; last_error: string | null; refusal_reason: CommandRefusal | null; refusal_message: string | null }
    | undefined;
  if (!row) return null;
  const payload = JSON.parse(row.payload) as { attachmentId: number; baseSha256: string; revisionSha256: string };
  return {
    commandId: row.id,
    state: row.state,
    attachmentId: payload.attachmentId,
    baseSha256: payload.baseSha256,
    revisionSha256: payload.revisionSha256,
    createdAt: row.created_at,
    lastError: row.last_error,
    refusal: row.refusal_reason === null ? null : { reason: row.refusal_reason, message: row.refusal_message ?? '' },
  };
}

/** The recipients of the last draft.send `userId` queued at this desk for `documentId` (none: empty). */
export function lastSendRecipients(db: Db, userId: number, documentId: number): string[] {
  const payload = db
    .prepare(`SELECT payload FROM hub_commands WHERE user_id = ? AND kind = 'draft.send' AND json_extract(payload, '$.documentId') = ? ORDER BY id DESC LIMIT 1`)
    .pluck()
    .get(userId, documentId) as string | undefined;
  return payload === undefined ? [] : (JSON.parse(payload) as { recipients: string[] }).recipients;
}
