/**
 * The ExchangeStore (exchange-store.ts) on the agency's SQLite file, over the same repository
 * functions the rest of the core calls, so both see one set of rules.
 *
 * better-sqlite3 is synchronous, so every method here has finished its work before the promise it
 * returns is settled; `write` holds BEGIN IMMEDIATE … COMMIT around the awaited `work`. Since
 * `work` awaits only these already-settled promises, no other I/O of the process runs in between;
 * write transactions of this store are queued one after another, one begun inside another is
 * refused rather than silently nested, and so is a writeTransaction of the synchronous repository
 * functions on the same connection while one is open.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecipientState } from '../../../shared/api/documents.js';
import { appendAudit } from './audit-log.js';
import { asyncWriteOpen, type Db } from './database.js';
import {
  findIncomingId,
  findOutgoingId,
  insertReceivedDocument,
  markDocumentFailed,
  markDocumentSent,
  queueDraftForSending,
  setHandlingState,
} from './document-transitions.js';
import { getDocumentRow, type DocumentRow } from './documents.js';
import type { ExchangeReads, ExchangeStore, ExchangeTransaction, OutboxEntry, StatusEventRecord, StoredDocument } from './exchange-store.js';
import { findInbound, markAcknowledged, recordInbound } from './inbound.js';
import { dueOutbox, enqueueOutbox, setOutboxState, type OutboxRow } from './outbox.js';
import { enterInRegister, registerForNumbering } from './registers.js';
import { applyRecipientStatus, insertRecipients, recordStatusEvent, setRecipientsState } from './status-events.js';

const toStored = (row: DocumentRow & { register_number?: number | null }): StoredDocument => ({
  id: row.id,
  direction: row.direction,
  state: row.state,
  subject: row.subject,
  senderId: row.sender_id,
  edxmlDocumentId: row.edxml_document_id,
  axisDocId: row.axis_doc_id,
  arrivalNumber: row.arrival_number,
  registerNumber: row.register_number ?? null,
});

const toEntry = (row: OutboxRow): OutboxEntry => ({
  id: row.id,
  documentId: row.document_id,
  messageType: row.message_type,
  packageSha256: row.package_sha256,
  recipients: JSON.parse(row.recipients) as string[],
  purpose: row.purpose,
  ...(row.next_attempt_at !== null && { notBefore: row.next_attempt_at }),
  state: row.state,
  attempts: row.attempts,
  retryStep: row.retry_step,
  lastError: row.last_error,
  axisDocId: row.axis_doc_id,
});

function reads(db: Db): ExchangeReads {
  return {
    document: async (id) => {
      const row = getDocumentRow(db, id);
      return row ? toStored(row) : null;
    },
    findIncomingId: async (senderId, edxmlDocumentId) => findIncomingId(db, senderId, edxmlDocumentId),
    findOutgoingId: async (edxmlDocumentId) => findOutgoingId(db, edxmlDocumentId),
    inbound: async (axisDocId) => {
      const row = findInbound(db, axisDocId);
      return row ? { axisDocId: row.axis_doc_id, messageType: row.message_type, outcome: row.outcome, documentId: row.document_id, acknowledgedAt: row.acknowledged_at } : null;
    },
    dueOutbox: async (now, limit) => dueOutbox(db, now, limit).map(toEntry),
    outboxEntry: async (id) => {
      const row = db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
      return row ? toEntry(row) : null;
    },
    statusEvents: async (documentId) =>
      (
        db
          .prepare('SELECT document_id, agency_id, direction, status_code, description, staff, occurred_at, axis_doc_id FROM status_events WHERE document_id = ? ORDER BY occurred_at, id')
          .all(documentId) as { document_id: number; agency_id: string; direction: 'in' | 'out'; status_code: string; description: string | null; staff: string | null; occurred_at: string; axis_doc_id: string | null }[]
      ).map(
        (row): StatusEventRecord => ({
          documentId: row.document_id,
          agencyId: row.agency_id,
          direction: row.direction,
          statusCode: row.status_code,
          description: row.description,
          staff: row.staff,
          occurredAt: row.occurred_at,
          axisDocId: row.axis_doc_id,
        }),
      ),
    recipientState: async (documentId, recipientId) =>
      (db.prepare('SELECT state FROM recipient_statuses WHERE document_id = ? AND recipient_id = ?').pluck().get(documentId, recipientId) as RecipientState | undefined) ?? null,
    registerForNumbering: async (direction, id) => registerForNumbering(db, direction, id),
    auditRows: async () => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number,
  };
}

function transaction(db: Db): ExchangeTransaction {
  return {
    ...reads(db),
    createDraft: async (subject, at) =>
      Number(db.prepare("INSERT INTO documents (direction, subject, summary, state, created_at, updated_at) VALUES ('draft', ?, '', 'editing', ?, ?)").run(subject, at, at).lastInsertRowid),
    insertReceived: async (doc, at) =>
      insertReceivedDocument(
        db,
        { direction: 'incoming', state: 'arrived', subject: doc.subject, sender_id: doc.senderId, sender_name: doc.senderName, edxml_document_id: doc.edxmlDocumentId, received_at: doc.receivedAt },
        at,
      ),
    queueDraftForSending: async (id, sent, at) => queueDraftForSending(db, id, sent, at),
    markDocumentSent: async (id, axisDocId, at) => markDocumentSent(db, id, axisDocId, at),
    markDocumentFailed: async (id, at) => markDocumentFailed(db, id, at),
    setHandlingState: async (id, state, arrivalNumber, at) => setHandlingState(db, id, state, arrivalNumber, at),
    enterInRegister: async (documentId, register, now) => enterInRegister(db, documentId, register, now),
    enqueueOutbox: async (entry, at) => enqueueOutbox(db, entry, at),
    setOutboxState: async (id, change, at) => setOutboxState(db, id, change, at),
    recordInbound: async (record, at) => recordInbound(db, { axis_doc_id: record.axisDocId, message_type: record.messageType, outcome: record.outcome, document_id: record.documentId }, at),
    markAcknowledged: async (axisDocIds, at) => markAcknowledged(db, axisDocIds, at),
    recordStatusEvent: async (event) => recordStatusEvent(db, event),
    insertRecipients: async (documentId, recipients, state, at) => insertRecipients(db, documentId, recipients, state, at),
    setRecipientsState: async (documentId, from, to, at) => setRecipientsState(db, documentId, from, to, at),
    applyRecipientStatus: async (documentId, recipientId, code, description, at) => applyRecipientStatus(db, documentId, recipientId, code, description, at),
    appendAudit: async (entry, at) => appendAudit(db, entry, at),
  };
}

export function sqliteExchangeStore(db: Db): ExchangeStore {
  let queue: Promise<unknown> = Promise.resolve();
  // Which write transaction the running code is inside: one begun within another would wait for
  // itself in the queue.
  const inside = new AsyncLocalStorage<true>();
  const tx = transaction(db);
  return {
    read: reads(db),
    write<T>(work: (tx: ExchangeTransaction) => Promise<T>): Promise<T> {
      if (inside.getStore()) return Promise.reject(new Error('A write transaction was begun inside another: do the work with the open one.'));
      const run = () =>
        inside.run(true, async (): Promise<T> => {
          db.exec('BEGIN IMMEDIATE');
          asyncWriteOpen.add(db);
          try {
            const result = await work(tx);
            db.exec('COMMIT');
            return result;
          } catch (error) {
            if (db.inTransaction) db.exec('ROLLBACK');
            throw error;
          } finally {
            asyncWriteOpen.delete(db);
          }
        });
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
