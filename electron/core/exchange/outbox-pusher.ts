/**
 * Uploads what the outbox holds, oldest first. A failure of the way to the axis (network,
 * timeout, HTTP 5xx, an answer not understood) is not the package's: it stays queued, the round
 * stops, and the sync engine's back-off decides when to try again, so the package goes as soon
 * as the axis is back. A retryable failure the axis gave about this package (its errors 20/21)
 * puts this package alone back with its own jittered back-off, and the queue goes on. A
 * permanent one (the axis refused this package) fails that package alone, with the reason shown
 * in the queue and a Retry for the clerk.
 */
import { appendAudit } from '../store/audit-log.js';
import type { BlobStore } from '../store/blob-store.js';
import { writeTransaction, type Db } from '../store/database.js';
import { dueOutbox, setOutboxState, type OutboxRow } from '../store/outbox.js';
import { setRecipientsState } from '../store/status-events.js';
import { markDocumentFailed, markDocumentSent } from '../store/document-transitions.js';
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
      const transport = isTransportFailure(error);
      const retryable = !(error instanceof AxisError) || error.kind === 'retryable';
      const message = error instanceof Error ? error.message : String(error);
      const at = now();
      writeTransaction(db, () => {
        if (transport) {
          setOutboxState(db, row.id, { state: 'queued', error: message, countAttempt: true }, at.toISOString());
        } else if (retryable) {
          const step = row.retry_step + 1;
          const next = new Date(at.getTime() + retryDelayMs(step, deps.random));
          setOutboxState(db, row.id, { state: 'retry_wait', error: message, nextAttemptAt: next.toISOString(), countAttempt: true, retryStep: step }, at.toISOString());
        } else {
          setOutboxState(db, row.id, { state: 'failed', error: message, countAttempt: true }, at.toISOString());
          if (row.message_type === 'edoc' && row.purpose === 'document' && row.document_id !== null) {
            markDocumentFailed(db, row.document_id, at.toISOString());
          }
          appendAudit(db, { actor: 'sync', action: 'outbox.failed', subject: `outbox:${row.id}`, details: { error: message } }, at);
        }
      });
      if (row.document_id !== null) result.documentIds.push(row.document_id);
      result.failed++;
      // The way to the axis failed: the rest of the queue would fail the same way. Stop the round.
      if (transport) throw error;
    }
  }
  return result;
}

/** The axis did not answer about the package (it was not reached, or its answer was not one): any package would have failed. */
function isTransportFailure(error: unknown): boolean {
  return error instanceof AxisError && error.kind === 'retryable' && !/^\d+$/.test(error.code);
}

function markSent(db: Db, row: OutboxRow, axisDocId: string, now: Date): void {
  const at = now.toISOString();
  setOutboxState(db, row.id, { state: 'sent', axisDocId, countAttempt: true }, at);
  if (row.message_type === 'edoc' && row.document_id !== null) {
    setRecipientsState(db, row.document_id, 'queued', 'sent', at);
    if (row.purpose === 'document') markDocumentSent(db, row.document_id, axisDocId, at);
  }
  appendAudit(db, { actor: 'sync', action: 'outbox.sent', subject: `outbox:${row.id}`, details: { axisDocId, purpose: row.purpose, recipients: JSON.parse(row.recipients) } }, now);
}
