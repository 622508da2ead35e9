/**
 * Uploads everything due in the outbox, oldest first. A failure of the way to the axis (network,
 * timeout, HTTP 5xx, an answer not understood) is not the package's: it stays queued, the round
 * stops, and the sync engine's back-off decides when to try again, so the package goes as soon
 * as the axis is back. A retryable failure the axis gave about this package (its errors 20/21)
 * puts this package alone back with its own jittered back-off, and the queue goes on. A
 * permanent one (the axis refused this package) fails that package alone, with the reason shown
 * in the queue and a Retry for the clerk.
 *
 * The rows of a batch are marked 'sending' in one transaction, uploaded one after another (in
 * queue order: two statuses of one document must reach the axis in the order they were made),
 * and marked sent together: one transaction for many rows, where one each before and after its
 * upload made two per package. A crash in between leaves them 'sending'; the next start queues
 * them again and sends the same bytes, which the axis answers with the id it gave the first time
 * (docs/reliability.md#group-commit), so nothing is lost and nothing reaches a recipient twice.
 */
import type { BlobStore } from '../store/blob-store.js';
import type { ExchangeStore, ExchangeTransaction, OutboxEntry } from '../store/exchange-store.js';
import { AxisError, type AxisClient } from './axis-client/types.js';
import { retryDelayMs } from '../process/backoff.js';

/** Rows read, and marked 'sending', at a time: a bound on memory, not on how many go in one round. */
const OUTBOX_BATCH = 50;

export interface PushResult {
  sent: number;
  failed: number;
  /** Documents whose state changed (for the UI). */
  documentIds: number[];
}

export async function pushOutbox(deps: { store: ExchangeStore; blobs: BlobStore; client: AxisClient; now: () => Date; random?: () => number }): Promise<PushResult> {
  const { store, now } = deps;
  const result: PushResult = { sent: 0, failed: 0, documentIds: [] };
  for await (const batch of dueBatches(store, now)) {
    await store.write(async (tx) => {
      for (const row of batch) await tx.setOutboxState(row.id, { state: 'sending', error: row.lastError }, now().toISOString());
    });
    await pushBatch(deps, batch, result);
  }
  return result;
}

/** Uploads the rows of a batch already marked 'sending', and records how each went. */
async function pushBatch(deps: Parameters<typeof pushOutbox>[0], batch: readonly OutboxEntry[], result: PushResult): Promise<void> {
  const { store, blobs, client, now } = deps;
  const uploaded: { row: OutboxEntry; axisDocId: string }[] = [];
  /** The rows uploaded so far, marked sent in the transaction given. */
  const markUploaded = async (tx: ExchangeTransaction) => {
    for (const { row, axisDocId } of uploaded.splice(0)) await markSent(tx, row, axisDocId, now());
  };
  let next = 0;
  try {
    for (; next < batch.length; next++) {
      const row = batch[next]!;
      try {
        uploaded.push({ row, axisDocId: await client.send(row.packageBytes ?? blobs.pathOf(row.packageSha256), row.messageType, row.recipients) });
        result.sent++;
        if (row.documentId !== null) result.documentIds.push(row.documentId);
      } catch (error) {
        const transport = isTransportFailure(error);
        await store.write(async (tx) => {
          await markUploaded(tx);
          await recordFailure(tx, row, error, transport, now(), deps.random);
          // The way to the axis failed: the rest of the batch would fail the same way; it waits, queued.
          if (transport) for (const rest of batch.slice(next + 1)) await tx.setOutboxState(rest.id, { state: 'queued', error: rest.lastError }, now().toISOString());
        });
        if (row.documentId !== null) result.documentIds.push(row.documentId);
        result.failed++;
        if (transport) throw error;
      }
    }
  } finally {
    if (uploaded.length > 0) await store.write(markUploaded);
  }
}

/** A failed upload: queued again, on its own back-off, or failed for good (see the head of this file). */
async function recordFailure(tx: ExchangeTransaction, row: OutboxEntry, error: unknown, transport: boolean, at: Date, random?: () => number): Promise<void> {
  const retryable = !(error instanceof AxisError) || error.kind === 'retryable';
  const message = error instanceof Error ? error.message : String(error);
  if (transport) {
    await tx.setOutboxState(row.id, { state: 'queued', error: message, countAttempt: true }, at.toISOString());
  } else if (retryable) {
    const step = row.retryStep + 1;
    const next = new Date(at.getTime() + retryDelayMs(step, random));
    await tx.setOutboxState(row.id, { state: 'retry_wait', error: message, nextAttemptAt: next.toISOString(), countAttempt: true, retryStep: step }, at.toISOString());
  } else {
    await tx.setOutboxState(row.id, { state: 'failed', error: message, countAttempt: true }, at.toISOString());
    if (row.messageType === 'edoc' && row.purpose === 'document' && row.documentId !== null) {
      await tx.markDocumentFailed(row.documentId, at.toISOString());
    }
    await tx.appendAudit({ actor: 'sync', action: 'outbox.failed', subject: `outbox:${row.id}`, details: { error: message } }, at);
  }
}

/**
 * What is due, batch after batch until nothing is: a queue left for the next poll would wait a
 * minute. Each row handed out leaves the due set (sent, on its own back-off, failed) or stops the round.
 */
async function* dueBatches(store: ExchangeStore, now: () => Date): AsyncGenerator<OutboxEntry[]> {
  const batch = () => store.read.dueOutbox(now().toISOString(), OUTBOX_BATCH);
  for (let rows = await batch(); rows.length > 0; rows = await batch()) yield rows;
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
