/**
 * The axis's own trace of what we sent (getSentEdocList): whether each receiver's system took
 * the package. It fills the gap before a receiver's status 01 arrives, and it is the only way
 * to learn that a receiver's system refused the package (its `fail` acknowledgement).
 */
import { advanceRecipientState } from '../../../shared/domain/handling-status.js';
import type { ExchangeStore } from '../store/exchange-store.js';
import type { AxisClient } from './axis-client/types.js';

/** Traced per round at most, oldest first: the call is per document. */
const TRACE_BATCH = 20;

export async function traceDeliveries(store: ExchangeStore, client: AxisClient, now: () => Date): Promise<number[]> {
  const pending = await store.read.documentsAwaitingDelivery(TRACE_BATCH);
  const changed: number[] = [];
  for (const doc of pending) {
    const rows = await client.sentStatus(doc.axisDocId);
    await store.write(async (tx) => {
      const at = now().toISOString();
      for (const row of rows) {
        const current = await tx.recipientStatus(doc.id, row.toCode);
        if (!current) continue;
        if (row.receiveStatus === 'done') {
          const state = advanceRecipientState(current.state, 'arrived');
          if (state !== current.state) {
            await tx.setRecipientTrace(doc.id, row.toCode, { state }, at);
            changed.push(doc.id);
          }
        } else if (row.receiveStatus === 'fail') {
          const description = `The receiving system refused the package: ${row.receiveStatusDesc || 'no reason given'}`;
          if (current.description !== description) {
            await tx.setRecipientTrace(doc.id, row.toCode, { description }, at);
            changed.push(doc.id);
          }
        }
      }
      // Traced now: the next round starts with the others.
      await tx.markDeliveryTraced(doc.id, at);
    });
  }
  return changed;
}
