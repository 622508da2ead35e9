/**
 * The timeline of a document and the per-recipient state the sender sees.
 */
import { recipientStatusChange } from '../../../shared/domain/handling-status.js';
import type { RecipientState } from '../../../shared/api/documents.js';
import { cachedStatement, type Db } from './database.js';
import type { StatusEventRecord } from './exchange-store.js';

/** Returns false when this axis package was recorded already. */
export function recordStatusEvent(db: Db, event: StatusEventRecord): boolean {
  return (
    cachedStatement(
      db,
      `INSERT INTO status_events (document_id, agency_id, direction, status_code, description, staff, occurred_at, axis_doc_id, internal_note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (axis_doc_id) DO NOTHING`,
    ).run(event.documentId, event.agencyId, event.direction, event.statusCode, event.description, event.staff, event.occurredAt, event.axisDocId, event.internalNote ?? null).changes === 1
  );
}

export function insertRecipients(db: Db, documentId: number, recipients: readonly string[], state: RecipientState, at: string): void {
  const insert = db.prepare(
    `INSERT INTO recipient_statuses (document_id, recipient_id, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (document_id, recipient_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  );
  for (const recipient of recipients) insert.run(documentId, recipient, state, at);
}

export function setRecipientsState(db: Db, documentId: number, from: RecipientState, to: RecipientState, at: string): void {
  db.prepare('UPDATE recipient_statuses SET state = ?, updated_at = ? WHERE document_id = ? AND state = ?').run(to, at, documentId, from);
}

/**
 * Applies a status a recipient sent about our document (recipientStatusChange says how). Returns
 * false when the recipient is not one of the document's.
 */
export function applyRecipientStatus(db: Db, documentId: number, recipientId: string, code: string, description: string | null, at: string): boolean {
  const row = db.prepare('SELECT state FROM recipient_statuses WHERE document_id = ? AND recipient_id = ?').get(documentId, recipientId) as
    | { state: RecipientState }
    | undefined;
  if (!row) return false;
  const state = recipientStatusChange(row.state, code);
  if (state === null) return true;
  db.prepare('UPDATE recipient_statuses SET state = ?, status_code = ?, description = ?, updated_at = ? WHERE document_id = ? AND recipient_id = ?').run(
    state,
    code,
    description,
    at,
    documentId,
    recipientId,
  );
  return true;
}

/**
 * Takes back this agency's last unsent status `code` from the document's timeline (its package
 * never left), and returns the codes of the statuses sent before it, oldest first.
 */
export function dropUnsentStatusEvent(db: Db, documentId: number, code: string): string[] {
  db.prepare("DELETE FROM status_events WHERE id = (SELECT max(id) FROM status_events WHERE document_id = ? AND direction = 'out' AND status_code = ? AND axis_doc_id IS NULL)").run(documentId, code);
  return db.prepare("SELECT status_code FROM status_events WHERE document_id = ? AND direction = 'out' ORDER BY occurred_at, id").pluck().all(documentId) as string[];
}

export function recipientIdsOf(db: Db, documentId: number): string[] {
  return db.prepare('SELECT recipient_id FROM recipient_statuses WHERE document_id = ? ORDER BY recipient_id').pluck().all(documentId) as string[];
}

/** This agency asked these recipients (all of them when none are named) to give the document back. */
export function markTakeBackRequested(db: Db, documentId: number, recipientIds: readonly string[] | 'all', at: string): void {
  if (recipientIds === 'all') {
    db.prepare("UPDATE recipient_statuses SET state = 'takeback_requested', updated_at = ? WHERE document_id = ?").run(at, documentId);
    return;
  }
  const mark = db.prepare("UPDATE recipient_statuses SET state = 'takeback_requested', updated_at = ? WHERE document_id = ? AND recipient_id = ?");
  for (const recipient of recipientIds) mark.run(at, documentId, recipient);
}

/** Sent documents some recipient has not confirmed yet, least recently traced first. */
export function documentsAwaitingDelivery(db: Db, limit: number): { id: number; axis_doc_id: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT documents.id, documents.axis_doc_id FROM documents JOIN recipient_statuses ON recipient_statuses.document_id = documents.id
       WHERE documents.direction = 'outgoing' AND documents.demo = 0 AND documents.axis_doc_id IS NOT NULL AND recipient_statuses.state = 'sent'
       ORDER BY recipient_statuses.updated_at LIMIT ?`,
    )
    .all(limit) as { id: number; axis_doc_id: string }[];
}

export function recipientStatusOf(db: Db, documentId: number, recipientId: string): { state: RecipientState; description: string | null } | null {
  return (
    (db.prepare('SELECT state, description FROM recipient_statuses WHERE document_id = ? AND recipient_id = ?').get(documentId, recipientId) as
      | { state: RecipientState; description: string | null }
      | undefined) ?? null
  );
}

/** What the axis's trace says of one recipient: its state moved, or why its system refused the package. */
export function setRecipientTrace(db: Db, documentId: number, recipientId: string, change: { state: RecipientState } | { description: string }, at: string): void {
  if ('state' in change) db.prepare('UPDATE recipient_statuses SET state = ?, updated_at = ? WHERE document_id = ? AND recipient_id = ?').run(change.state, at, documentId, recipientId);
  else db.prepare('UPDATE recipient_statuses SET description = ?, updated_at = ? WHERE document_id = ? AND recipient_id = ?').run(change.description, at, documentId, recipientId);
}

/** Traced now: the recipients still at 'sent' go to the back of the trace queue. */
export function markDeliveryTraced(db: Db, documentId: number, at: string): void {
  db.prepare("UPDATE recipient_statuses SET updated_at = ? WHERE document_id = ? AND state = 'sent'").run(at, documentId);
}
