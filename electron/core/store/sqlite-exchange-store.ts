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
import { open } from 'node:fs/promises';
import type { RecipientState } from '../../../shared/api/documents.js';
import { applyDirectoryRows, findAgency } from './agencies.js';
import { appendAudit } from './audit-log.js';
import { knownVersion, recordConflict } from './conflicts.js';
import { asyncWriteOpen, type Db } from './database.js';
import {
  applyReceivedHeader,
  deleteAttachmentsOf,
  findIncomingId,
  findOutgoingId,
  insertReceivedDocument,
  markDocumentFailed,
  markDocumentSent,
  queueDraftForSending,
  recordRevision,
  replaceContentColumns,
  revokeDocument,
  setHandlingState,
  touchDocument,
} from './document-transitions.js';
import { metadataOf } from './document-metadata.js';
import { withIndexDeferred } from './document-index.js';
import { getDocumentRow, insertAttachments, listAttachments, type DocumentRow } from './documents.js';
import type { ExchangeReads, ExchangeStore, ExchangeTransaction, OutboxEntry, StatusEventRecord, StoredDocument } from './exchange-store.js';
import { findInbound, forgetInbound, markAcknowledged, recordInbound } from './inbound.js';
import { readValue, writeValue } from './key-value.js';
import { dueOutbox, enqueueOutbox, nextOutboxAttemptAt, pendingOutboxCount, resumeInterruptedSends, setOutboxState, type OutboxRow } from './outbox.js';
import { getQuarantined, quarantinePackage, removeQuarantined, retryingQuarantine, setQuarantineState } from './quarantine.js';
import { CONTENT_COLUMNS, receivedDocumentColumns, type ContentColumns, type ReceivedFile } from './received-content.js';
import { enterInRegister, registerForNumbering } from './registers.js';
import { getRequest, putRequest, removeRequest } from './requests.js';
import {
  applyRecipientStatus,
  documentsAwaitingDelivery,
  insertRecipients,
  markDeliveryTraced,
  recipientStatusOf,
  recordStatusEvent,
  setRecipientsState,
  setRecipientTrace,
} from './status-events.js';

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
  packageSha256: row.package_sha256,
  updatedAt: row.updated_at,
});

const contentOf = (row: DocumentRow) => Object.fromEntries(CONTENT_COLUMNS.map((column) => [column, row[column]])) as unknown as ContentColumns;

const attachmentsOf = (documentId: number, files: readonly ReceivedFile[]) => files.map((file) => ({ documentId, name: file.name, contentType: file.contentType, sha256: file.sha256, size: file.size }));

const toEntry = (row: OutboxRow): OutboxEntry => ({
  id: row.id,
  documentId: row.document_id,
  messageType: row.message_type,
  packageSha256: row.package_sha256,
  ...(row.package_bytes !== null && { packageBytes: row.package_bytes }),
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
    receivedContent: async (documentId) => {
      const row = getDocumentRow(db, documentId);
      return row ? { columns: contentOf(row), attachments: listAttachments(db, documentId).map(({ name, contentType, sha256, size }) => ({ name, contentType, sha256, size })) } : null;
    },
    isKnownVersion: async (documentId, fingerprint) => knownVersion(db, documentId, fingerprint),
    retryingQuarantine: async () =>
      retryingQuarantine(db).map((item) => ({ id: item.id, axisDocId: item.axisDocId, messageType: item.messageType, senderId: item.senderId, packageSha256: item.packageSha256 })),
    quarantined: async (axisDocId) => {
      const id = db.prepare('SELECT id FROM quarantine WHERE axis_doc_id = ?').pluck().get(axisDocId) as number | undefined;
      const item = id === undefined ? null : getQuarantined(db, id);
      return item && { id: item.id, axisDocId: item.axisDocId, messageType: item.messageType, senderId: item.senderId, packageSha256: item.packageSha256, state: item.state, reason: item.reason, detail: item.detail };
    },
    pendingRequest: async (documentId) => {
      const row = getRequest(db, documentId);
      return (
        row && {
          documentId: row.document_id,
          kind: row.kind,
          requesterId: row.requester_id,
          reason: row.reason,
          receivedAt: row.received_at,
          replacementId: row.replacement_id,
          payload: row.payload,
        }
      );
    },
    revisions: async (documentId) =>
      db.prepare('SELECT reason, revised_at AS revisedAt FROM document_revisions WHERE document_id = ? ORDER BY id').all(documentId) as { reason: string; revisedAt: string }[],
    agency: async (id) => findAgency(db, id),
    syncState: async <T>(key: string) => readValue<T>(db, 'sync_state', key),
    pendingOutboxCount: async () => pendingOutboxCount(db),
    nextOutboxAttemptAt: async () => nextOutboxAttemptAt(db),
    documentsAwaitingDelivery: async (limit) => documentsAwaitingDelivery(db, limit).map((row) => ({ id: row.id, axisDocId: row.axis_doc_id })),
    recipientStatus: async (documentId, recipientId) => recipientStatusOf(db, documentId, recipientId),
  };
}

function transaction(db: Db): ExchangeTransaction {
  return {
    ...reads(db),
    createDraft: async (subject, at) =>
      Number(db.prepare("INSERT INTO documents (direction, subject, summary, state, created_at, updated_at) VALUES ('draft', ?, '', 'editing', ?, ?)").run(subject, at, at).lastInsertRowid),
    insertReceived: async (doc, at) => insertReceivedDocument(db, receivedDocumentColumns(doc), doc.files ?? [], at),
    queueDraftForSending: async (id, sent, at) => queueDraftForSending(db, id, sent, at),
    markDocumentSent: async (id, axisDocId, at) => markDocumentSent(db, id, axisDocId, at),
    markDocumentFailed: async (id, at) => markDocumentFailed(db, id, at),
    setHandlingState: async (id, state, arrivalNumber, at) => setHandlingState(db, id, state, arrivalNumber, at),
    enterInRegister: async (documentId, register, now) => {
      // Refused before a number is taken: the repository function would overwrite the document's place and leave a gap.
      const doc = db.prepare('SELECT register_id FROM documents WHERE id = ?').get(documentId) as { register_id: number | null } | undefined;
      if (!doc) throw new Error(`Document ${documentId} does not exist: it cannot take a register number.`);
      if (doc.register_id !== null) throw new Error(`Document ${documentId} is in a register already: a document takes one number.`);
      return enterInRegister(db, documentId, register, now);
    },
    enqueueOutbox: async (entry, at) => enqueueOutbox(db, entry, at),
    setOutboxState: async (id, change, at) => setOutboxState(db, id, change, at),
    recordInbound: async (record, at) => recordInbound(db, { axis_doc_id: record.axisDocId, message_type: record.messageType, outcome: record.outcome, document_id: record.documentId }, at),
    markAcknowledged: async (axisDocIds, at) => markAcknowledged(db, axisDocIds, at),
    recordStatusEvent: async (event) => recordStatusEvent(db, event),
    insertRecipients: async (documentId, recipients, state, at) => insertRecipients(db, documentId, recipients, state, at),
    setRecipientsState: async (documentId, from, to, at) => setRecipientsState(db, documentId, from, to, at),
    applyRecipientStatus: async (documentId, recipientId, code, description, at) => applyRecipientStatus(db, documentId, recipientId, code, description, at),
    appendAudit: async (entry, at) => appendAudit(db, entry, at),
    insertAttachments: async (documentId, files, at) => {
      insertAttachments(db, attachmentsOf(documentId, files), at);
    },
    touchDocument: async (id, at) => touchDocument(db, id, at),
    putRequest: async (request) =>
      putRequest(db, {
        document_id: request.documentId,
        kind: request.kind,
        requester_id: request.requesterId,
        reason: request.reason,
        received_at: request.receivedAt,
        replacement_id: request.replacementId,
        payload: request.payload,
      }),
    removeRequest: async (documentId) => removeRequest(db, documentId),
    revokeDocument: async (id, reason, at) => revokeDocument(db, id, reason, at),
    quarantinePackage: async (entry, at) => quarantinePackage(db, entry, at),
    retryQuarantined: async (id, at) => setQuarantineState(db, id, 'retrying', at),
    removeQuarantined: async (id) => removeQuarantined(db, id),
    forgetInbound: async (axisDocId) => forgetInbound(db, axisDocId),
    recordConflict: async (conflict) => recordConflict(db, conflict),
    keepRevision: async (documentId, reason, at) => {
      const doc = getDocumentRow(db, documentId);
      if (!doc) throw new Error(`Document ${documentId} does not exist: there is nothing to keep as a revision.`);
      recordRevision(db, documentId, reason, { metadata: metadataOf(doc), senderName: doc.sender_name, packageSha256: doc.package_sha256, attachments: listAttachments(db, documentId) }, at);
    },
    replaceContent: async (documentId, columns, packageSha256, at) =>
      replaceContentColumns(db, documentId, Object.fromEntries(CONTENT_COLUMNS.map((column) => [column, columns[column]])), packageSha256, at),
    applyUpdatedHeader: async (documentId, header, at) => applyReceivedHeader(db, documentId, header, at),
    replaceAttachments: async (documentId, files, at) =>
      withIndexDeferred(db, documentId, () => {
        deleteAttachmentsOf(db, documentId);
        insertAttachments(db, attachmentsOf(documentId, files), at);
      }),
    setRecipientTrace: async (documentId, recipientId, change, at) => setRecipientTrace(db, documentId, recipientId, change, at),
    markDeliveryTraced: async (documentId, at) => markDeliveryTraced(db, documentId, at),
    applyDirectoryChanges: async (changes, at) => applyDirectoryRows(db, changes, at),
    setSyncState: async (key, value) => writeValue(db, 'sync_state', key, value),
    resumeInterruptedSends: async (at) => resumeInterruptedSends(db, at),
  };
}

/** The disk did not confirm a committed write: the store takes no more until the process restarts. */
export class WalSyncError extends Error {
  constructor(override readonly cause: Error) {
    super(`The disk did not confirm that the database's last write was kept (${cause.message}). Receiving stops until VanThu restarts; if this happens again, check the disk.`);
    this.name = 'WalSyncError';
  }
}

export interface SqliteExchangeStoreOptions {
  /**
   * Commit with synchronous=NORMAL and then fsync the WAL file on libuv's thread pool, resolving
   * a write only once that fsync is done: as durable as synchronous=FULL, without the process's
   * own thread waiting for the disk (docs/reliability.md#wal-sync). Sets the pragma on `db`,
   * whose writes must then all go through this store (the sync process's connection).
   */
  syncWalOffThread?: boolean;
}

/** Flushes the WAL file to disk: every frame committed before this began is then durable. */
async function syncWal(db: Db): Promise<void> {
  // Opened each time: the WAL file is a new one after all connections closed and one reopened.
  // For writing, though nothing is written: Windows flushes only through a handle that may write.
  const wal = await open(`${db.name}-wal`, 'r+');
  try {
    await wal.sync();
  } finally {
    await wal.close();
  }
}

export function sqliteExchangeStore(db: Db, options: SqliteExchangeStoreOptions = {}): ExchangeStore {
  if (options.syncWalOffThread) db.pragma('synchronous = NORMAL');
  let queue: Promise<unknown> = Promise.resolve();
  // Which write transaction the running code is inside: one begun within another would wait for
  // itself in the queue.
  const inside = new AsyncLocalStorage<true>();
  const tx = transaction(db);
  // A WAL whose sync failed holds writes other connections already see but the disk may not keep
  // (after a failed fsync the kernel may drop them and say nothing more): nothing is written, so
  // nothing acknowledged, until the process starts again and reads what the disk really holds.
  let walSyncFailed: Error | null = null;
  return {
    read: reads(db),
    write<T>(work: (tx: ExchangeTransaction) => Promise<T>): Promise<T> {
      if (inside.getStore()) return Promise.reject(new Error('A write transaction was begun inside another: do the work with the open one.'));
      if (walSyncFailed) return Promise.reject(walSyncFailed);
      const run = () =>
        inside.run(true, async (): Promise<T> => {
          db.exec('BEGIN IMMEDIATE');
          asyncWriteOpen.add(db);
          try {
            const result = await work(tx);
            db.exec('COMMIT');
            if (options.syncWalOffThread) {
              await syncWal(db).catch((error: Error) => {
                walSyncFailed = new WalSyncError(error);
                throw walSyncFailed;
              });
            }
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
