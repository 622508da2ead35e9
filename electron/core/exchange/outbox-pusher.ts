/**
 * Uploads what the outbox holds, oldest first. A retryable failure puts the package back with
 * a jittered delay and leaves the rest of the queue waiting behind it only if the axis itself
 * is down; a permanent one (the axis refused this package) fails that package alone, with the
 * reason shown in the queue and a Retry for the clerk.
 */
import { appendAudit } from '../store/audit-log.js';
import type { BlobStore } from '../store/blob-store.js';
import { writeTransaction, type Db } from '../store/database.js';
import { dueOutbox, setOutboxState, type OutboxRow } from '../store/outbox.js';
import { setRecipientsState } from '../store/status-events.js';
import { AxisError, type AxisClient } from './axis-client/types.js';
import { retryDelayMs } from './backoff.js';

export interface PushResult {
  sent: number;
  failed: number;
  /** Documents whose state changed (for the UI). */
  documentIds: number[];
}

export async function pushOutbox(deps: { db: Db; blobs: BlobStore; client: AxisClient; now: () => Date; random?: () => number }): Promise<PushResult> {
  const { db, blobs, client, now } = deps;
  const result: PushResult = { sent: 0, failed: 0, documentIds: [] };
  for (const row of dueOutbox(db, now().toISOString())) {
    writeTransaction(db, () => setOutboxState(db, row.id, { state: 'sending', error: row.last_error }, now().toISOString()));
    try {
      const axisDocId = await client.send(blobs.pathOf(row.package_sha256), row.message_type, JSON.parse(row.recipients) as string[]);
      writeTransaction(db, () => markSent(db, row, axisDocId, now()));
      result.sent++;
      if (row.document_id !== null) result.documentIds.push(row.document_id);
    } catch (error) {
      const retryable = !(error instanceof AxisError) || error.kind === 'retryable';
      const message = error instanceof Error ? error.message : String(error);
      const at = now();
      writeTransaction(db, () => {
        if (retryable) {
          const next = new Date(at.getTime() + retryDelayMs(row.attempts + 1, deps.random));
          setOutboxState(db, row.id, { state: 'retry_wait', error: message, nextAttemptAt: next.toISOString(), countAttempt: true }, at.toISOString());
        } else {
          setOutboxState(db, row.id, { state: 'failed', error: message, countAttempt: true }, at.toISOString());
          if (row.message_type === 'edoc' && row.purpose === 'document' && row.document_id !== null) {
            db.prepare("UPDATE documents SET state = 'failed', updated_at = ? WHERE id = ?").run(at.toISOString(), row.document_id);
          }
          appendAudit(db, { actor: 'sync', action: 'outbox.failed', subject: `outbox:${row.id}`, details: { error: message } }, at);
        }
      });
      if (row.document_id !== null) result.documentIds.push(row.document_id);
      result.failed++;
      // The axis is unreachable: the rest of the queue would fail the same way. Stop the round.
      if (retryable) throw error;
    }
  }
  return result;
}

function markSent(db: Db, row: OutboxRow, axisDocId: string, now: Date): void {
  const at = now.toISOString();
  setOutboxState(db, row.id, { state: 'sent', axisDocId, countAttempt: true }, at);
  if (row.message_type === 'edoc' && row.document_id !== null) {
    setRecipientsState(db, row.document_id, 'queued', 'sent', at);
    if (row.purpose === 'document') db.prepare("UPDATE documents SET state = 'sent', axis_doc_id = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'failed')").run(axisDocId, at, row.document_id);
  }
  appendAudit(db, { actor: 'sync', action: 'outbox.sent', subject: `outbox:${row.id}`, details: { axisDocId, purpose: row.purpose, recipients: JSON.parse(row.recipients) } }, now);
}
