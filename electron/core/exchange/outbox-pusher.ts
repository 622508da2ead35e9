/**
 * Uploads everything due in the outbox, oldest first. A failure of the way to the axis (network,
 * timeout, HTTP 5xx, an answer not understood) is not the package's: it stays queued, the round
 * stops, and the sync engine's back-off decides when to try again, so the package goes as soon
 * as the axis is back. A retryable failure the axis gave about this package (its errors 20/21)
 * puts this package alone back with its own jittered back-off, and the queue goes on. A
 * permanent one (the axis refused this package) fails that package alone, with the reason shown
 * in the queue and a Retry for the clerk.
 */
import type { BlobStore } from '../store/blob-store.js';
import type { ExchangeStore, ExchangeTransaction, OutboxEntry } from '../store/exchange-store.js';
import { AxisError, type AxisClient } from './axis-client/types.js';
import { retryDelayMs } from '../process/backoff.js';

/** Rows read at a time: a bound on memory, not on how many go in one round. */
const OUTBOX_BATCH = 50;

export interface PushResult {
  sent: number;
  failed: number;
  /** Documents whose state changed (for the UI). */
  documentIds: number[];
}

export async function pushOutbox(deps: { store: ExchangeStore; blobs: BlobStore; client: AxisClient; now: () => Date; random?: () => number }): Promise<PushResult> {
  const { store, blobs, client, now } = deps;
  const result: PushResult = { sent: 0, failed: 0, documentIds: [] };
  for await (const row of dueRows(store, now)) {
    await store.write((tx) => tx.setOutboxState(row.id, { state: 'sending', error: row.lastError }, now().toISOString()));
    try {
      const axisDocId = await client.send(blobs.pathOf(row.packageSha256), row.messageType, row.recipients);
      await store.write((tx) => markSent(tx, row, axisDocId, now()));
      result.sent++;
      if (row.documentId !== null) result.documentIds.push(row.documentId);
    } catch (error) {
      const transport = isTransportFailure(error);
      const retryable = !(error instanceof AxisError) || error.kind === 'retryable';
      const message = error instanceof Error ? error.message : String(error);
      const at = now();
      await store.write(async (tx) => {
        if (transport) {
          await tx.setOutboxState(row.id, { state: 'queued', error: message, countAttempt: true }, at.toISOString());
        } else if (retryable) {
          const step = row.retryStep + 1;
          const next = new Date(at.getTime() + retryDelayMs(step, deps.random));
          await tx.setOutboxState(row.id, { state: 'retry_wait', error: message, nextAttemptAt: next.toISOString(), countAttempt: true, retryStep: step }, at.toISOString());
        } else {
          await tx.setOutboxState(row.id, { state: 'failed', error: message, countAttempt: true }, at.toISOString());
          if (row.messageType === 'edoc' && row.purpose === 'document' && row.documentId !== null) {
            await tx.markDocumentFailed(row.documentId, at.toISOString());
          }
          await tx.appendAudit({ actor: 'sync', action: 'outbox.failed', subject: `outbox:${row.id}`, details: { error: message } }, at);
        }
      });
      if (row.documentId !== null) result.documentIds.push(row.documentId);
      result.failed++;
      // The way to the axis failed: the rest of the queue would fail the same way. Stop the round.
      if (transport) throw error;
    }
  }
  return result;
}

/**
 * What is due, batch after batch until nothing is: a queue left for the next poll would wait a
 * minute. Each row handed out leaves the due set (sent, on its own back-off, failed) or stops the round.
 */
async function* dueRows(store: ExchangeStore, now: () => Date): AsyncGenerator<OutboxEntry> {
  const batch = () => store.read.dueOutbox(now().toISOString(), OUTBOX_BATCH);
  for (let rows = await batch(); rows.length > 0; rows = await batch()) yield* rows;
}

/** The axis did not answer about the package (it was not reached, or its answer was not one): any package would have failed. */
function isTransportFailure(error: unknown): boolean {
  return error instanceof AxisError && error.kind === 'retryable' && !/^\d+$/.test(error.code);
}

async function markSent(tx: ExchangeTransaction, row: OutboxEntry, axisDocId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await tx.setOutboxState(row.id, { state: 'sent', axisDocId, countAttempt: true }, at);
  if (row.messageType === 'edoc' && row.documentId !== null) {
    await tx.setRecipientsState(row.documentId, 'queued', 'sent', at);
    if (row.purpose === 'document') await tx.markDocumentSent(row.documentId, axisDocId, at);
  }
  await tx.appendAudit({ actor: 'sync', action: 'outbox.sent', subject: `outbox:${row.id}`, details: { axisDocId, purpose: row.purpose, recipients: row.recipients } }, now);
}
