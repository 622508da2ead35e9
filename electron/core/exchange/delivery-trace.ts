/**
 * The axis's own trace of what we sent (getSentEdocList): whether each receiver's system took
 * the package. It fills the gap before a receiver's status 01 arrives, and it is the only way
 * to learn that a receiver's system refused the package (its `fail` acknowledgement).
 */
import { advanceRecipientState } from '../../../shared/domain/handling-status.js';
import type { RecipientState } from '../../../shared/api/documents.js';
import { writeTransaction, type Db } from '../store/database.js';
import type { AxisClient } from './axis-client/types.js';

/** Traced per round at most, oldest first: the call is per document. */
const TRACE_BATCH = 20;

export async function traceDeliveries(db: Db, client: AxisClient, now: () => Date): Promise<number[]> {
  const pending = db
    .prepare(
      `SELECT DISTINCT documents.id, documents.axis_doc_id FROM documents JOIN recipient_statuses ON recipient_statuses.document_id = documents.id
       WHERE documents.direction = 'outgoing' AND documents.demo = 0 AND documents.axis_doc_id IS NOT NULL AND recipient_statuses.state = 'sent'
       ORDER BY recipient_statuses.updated_at LIMIT ?`,
    )
    .all(TRACE_BATCH) as { id: number; axis_doc_id: string }[];
  const changed: number[] = [];
  for (const doc of pending) {
    const rows = await client.sentStatus(doc.axis_doc_id);
    writeTransaction(db, () => {
      const at = now().toISOString();
      for (const row of rows) {
        const current = db.prepare('SELECT state, description FROM recipient_statuses WHERE document_id = ? AND recipient_id = ?').get(doc.id, row.toCode) as
          | { state: RecipientState; description: string | null }
          | undefined;
        if (!current) continue;
        if (row.receiveStatus === 'done') {
          const state = advanceRecipientState(current.state, 'arrived');
          if (state !== current.state) {
            db.prepare('UPDATE recipient_statuses SET state = ?, updated_at = ? WHERE document_id = ? AND recipient_id = ?').run(state, at, doc.id, row.toCode);
            changed.push(doc.id);
          }
        } else if (row.receiveStatus === 'fail') {
          const description = `The receiving system refused the package: ${row.receiveStatusDesc || 'no reason given'}`;
          if (current.description !== description) {
            db.prepare('UPDATE recipient_statuses SET description = ?, updated_at = ? WHERE document_id = ? AND recipient_id = ?').run(description, at, doc.id, row.toCode);
            changed.push(doc.id);
          }
        }
      }
      // Traced now: the next round starts with the others.
      db.prepare("UPDATE recipient_statuses SET updated_at = ? WHERE document_id = ? AND state = 'sent'").run(at, doc.id);
    });
  }
  return changed;
}
