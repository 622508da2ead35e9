/**
 * The ExchangeStore (electron/core/store/exchange-store.ts) on the hub's PostgreSQL (migrations
 * 030 and 050), so the exchange rules written once against that interface run in the hub.
 *
 * A write transaction is one pooled connection, BEGIN … COMMIT, ROLLBACK when `work` rejects.
 * Write transactions of one store run one after another, as the interface says; one begun inside
 * another is refused rather than left to wait for itself. Several hub instances write to one
 * database, so nothing here leans on that queue for correctness across them: a register number is
 * taken by an upsert of its counter row, whose row lock is held to COMMIT or ROLLBACK, so a second
 * writer (any instance) waits for the first and then reads its outcome — two never take one number,
 * and a rolled-back number is taken again (no gap); register_entries' key refuses a duplicate even
 * so. A read-then-write (a recipient's status) locks its row first; the audit chain has its own
 * lock (audit.ts).
 *
 * Each document a write changes is sent to the change feed in the same transaction, just before
 * COMMIT: the whole document, to the users who may see it now (document-access.ts).
 *
 * Unlike SQLite, PostgreSQL ends a transaction at its first failed statement: a `work` that caught a
 * rejection of `tx` and went on would have its COMMIT turned into a ROLLBACK. That write rejects
 * with TransactionAbortedError instead of resolving as if it had committed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { RecipientState, RequestKind } from '../../shared/api/documents.js';
import { isQuarantineReason } from '../../shared/api/quarantine-reasons.js';
import type { Agency } from '../../shared/domain/agency.js';
import { recipientStatusChange } from '../../shared/domain/handling-status.js';
import { vietnamYear } from '../../shared/text/vietnam-time.js';
import { agencyNameKey, agencySearchText } from '../../electron/core/store/agency-search-text.js';
import { metadataOf, type MetadataColumns } from '../../electron/core/store/document-metadata.js';
import type {
  DirectoryChange,
  ExchangeReads,
  ExchangeStore,
  ExchangeTransaction,
  InboundRecord,
  OutboxEntry,
  QuarantinedPackage,
  RegisterRef,
  StatusEventRecord,
  StoredDocument,
  UpdatedHeader,
} from '../../electron/core/store/exchange-store.js';
import { CONTENT_COLUMNS, contentFingerprint, receivedDocumentColumns, type ContentColumns, type ReceivedFile } from '../../electron/core/store/received-content.js';
import { appendAudit, appendAudits, type TimedAuditEntry } from './audit.js';
import type { Queryable } from './database.js';
import { documentReaders, recordDocumentChanges } from './document-access.js';
import { setPipelineMode, UnawaitedStatements } from './unawaited-statements.js';

export class TransactionAbortedError extends Error {
  constructor() {
    super('A statement of this write transaction failed and PostgreSQL rolled the whole transaction back; let that failure end the transaction instead of going on after it.');
    this.name = 'TransactionAbortedError';
  }
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** The interface's own names, given by the SELECT itself: rows come back as the interface's objects. */
const DOCUMENT_COLUMNS = `d.id, d.direction, d.state, d.subject, d.sender_id AS "senderId", d.edxml_document_id AS "edxmlDocumentId", d.axis_doc_id AS "axisDocId",
  d.arrival_number AS "arrivalNumber", e.number AS "registerNumber", d.package_sha256 AS "packageSha256", d.updated_at AS "updatedAt"`;

/** The columns an agreed update sets: every field of UpdatedHeader, the compiler checks none is missed. */
const UPDATED_HEADER_COLUMNS = Object.keys({
  subject: true,
  summary: true,
  code_number: true,
  code_notation: true,
  type_name: true,
  signer_name: true,
  signer_position: true,
  signer_competence: true,
  priority: true,
  to_places: true,
  header_fields: true,
} satisfies Record<keyof UpdatedHeader, true>) as (keyof UpdatedHeader)[];

/** The content columns (received-content.ts) as a select list; names from the code, never from input. */
const CONTENT_SELECT = CONTENT_COLUMNS.join(', ');

const QUARANTINE_COLUMNS = `id, axis_doc_id AS "axisDocId", message_type AS "messageType", sender_id AS "senderId", package_sha256 AS "packageSha256", state,
  reason_code AS "reason", reason AS "detail"`;

/** A reason code written by a newer hub reads as 'other'; the detail still says what happened. */
const toQuarantined = (row: QuarantinedPackage): QuarantinedPackage => ({ ...row, reason: isQuarantineReason(row.reason) ? row.reason : 'other' });

/** bigint comes back from pg as a string: an attachment's size fits a JavaScript number. */
interface AttachmentRecord {
  id: number;
  documentId: number;
  name: string;
  contentType: string;
  size: string;
  sha256: string;
}
const ATTACHMENT_COLUMNS = 'id, document_id AS "documentId", name, content_type AS "contentType", size, sha256';

async function attachmentsOf(db: Queryable, documentId: number): Promise<AttachmentRecord[]> {
  return (await db.query<AttachmentRecord>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE document_id = $1 ORDER BY position`, [documentId])).rows;
}

/**
 * A directory batch as one statement each for the deletions and the rest: every change replaces
 * the agency's whole row (or removes it), so applying them in order is the same as applying the
 * last change of each agency.
 */
function lastChangeOfEach(changes: readonly DirectoryChange[]): DirectoryChange[] {
  return [...new Map(changes.map((change) => [change.id, change])).values()];
}

const OUTBOX_COLUMNS = `id, document_id AS "documentId", message_type AS "messageType", package_sha256 AS "packageSha256", package_bytes AS "packageBytes", recipients, purpose, state, attempts,
  retry_step AS "retryStep", last_error AS "lastError", axis_doc_id AS "axisDocId", next_attempt_at AS "notBefore"`;

/** notBefore and packageBytes are absent, not null, when the entry has none (the interface's optional fields). */
const toEntry = ({ notBefore, packageBytes, ...entry }: Omit<OutboxEntry, 'notBefore' | 'packageBytes'> & { notBefore: Date | null; packageBytes: Buffer | null }): OutboxEntry => ({
  ...entry,
  ...(packageBytes !== null && { packageBytes }),
  ...(notBefore !== null && { notBefore: notBefore.toISOString() }),
});

async function firstOrNull<T extends pg.QueryResultRow>(db: Queryable, sql: string, values: unknown[]): Promise<T | null> {
  return (await db.query<T>(sql, values)).rows[0] ?? null;
}

function reads(db: Queryable): ExchangeReads {
  return {
    async document(id) {
      const row = await firstOrNull<Omit<StoredDocument, 'updatedAt'> & { updatedAt: Date }>(
        db,
        `SELECT ${DOCUMENT_COLUMNS} FROM documents d LEFT JOIN register_entries e ON e.document_id = d.id WHERE d.id = $1`,
        [id],
      );
      return row && { ...row, updatedAt: row.updatedAt.toISOString() };
    },
    async findIncomingId(senderId, edxmlDocumentId) {
      return (await firstOrNull<{ id: number }>(db, "SELECT id FROM documents WHERE direction = 'incoming' AND sender_id = $1 AND edxml_document_id = $2", [senderId, edxmlDocumentId]))?.id ?? null;
    },
    async findOutgoingId(edxmlDocumentId) {
      return (await firstOrNull<{ id: number }>(db, "SELECT id FROM documents WHERE direction = 'outgoing' AND edxml_document_id = $1 ORDER BY id LIMIT 1", [edxmlDocumentId]))?.id ?? null;
    },
    async inbound(axisDocId) {
      const row = await firstOrNull<{ axis_doc_id: string; message_type: InboundRecord['messageType']; outcome: InboundRecord['outcome']; document_id: number | null; acknowledged_at: Date | null }>(
        db,
        'SELECT axis_doc_id, message_type, outcome, document_id, acknowledged_at FROM inbound_packages WHERE axis_doc_id = $1',
        [axisDocId],
      );
      return row ? { axisDocId: row.axis_doc_id, messageType: row.message_type, outcome: row.outcome, documentId: row.document_id, acknowledgedAt: iso(row.acknowledged_at) } : null;
    },
    async dueOutbox(now, limit) {
      const { rows } = await db.query<Parameters<typeof toEntry>[0]>(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE (state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= $1)) OR (state = 'retry_wait' AND next_attempt_at <= $1)
         ORDER BY id LIMIT $2`,
        [now, limit],
      );
      return rows.map(toEntry);
    },
    async outboxEntry(id) {
      const row = await firstOrNull<Parameters<typeof toEntry>[0]>(db, `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE id = $1`, [id]);
      return row ? toEntry(row) : null;
    },
    async statusEvents(documentId) {
      const { rows } = await db.query<Omit<StatusEventRecord, 'occurredAt'> & { occurredAt: Date }>(
        `SELECT document_id AS "documentId", agency_id AS "agencyId", direction, status_code AS "statusCode", description, staff, occurred_at AS "occurredAt",
           axis_doc_id AS "axisDocId" FROM status_events WHERE document_id = $1 ORDER BY occurred_at, id`,
        [documentId],
      );
      return rows.map((row): StatusEventRecord => ({ ...row, occurredAt: row.occurredAt.toISOString() }));
    },
    async recipientState(documentId, recipientId) {
      return (await firstOrNull<{ state: RecipientState }>(db, 'SELECT state FROM recipient_statuses WHERE document_id = $1 AND recipient_id = $2', [documentId, recipientId]))?.state ?? null;
    },
    async registerForNumbering(direction, id) {
      // The internal register is numbered by internal drafts alone (internal-documents.ts).
      return id === undefined
        ? firstOrNull<RegisterRef>(db, 'SELECT id, code FROM registers WHERE direction = $1 AND is_default AND NOT internal', [direction])
        : firstOrNull<RegisterRef>(db, 'SELECT id, code FROM registers WHERE id = $1 AND direction = $2 AND active AND NOT internal', [id, direction]);
    },
    async auditRows() {
      return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
    },
    async receivedContent(documentId) {
      const columns = await firstOrNull<ContentColumns>(db, `SELECT ${CONTENT_SELECT} FROM documents WHERE id = $1`, [documentId]);
      if (!columns) return null;
      const attachments = await attachmentsOf(db, documentId);
      return { columns, attachments: attachments.map(({ name, contentType, sha256, size }): ReceivedFile => ({ name, contentType, sha256, size: Number(size) })) };
    },
    async isKnownVersion(documentId, fingerprint) {
      return (await firstOrNull(db, 'SELECT 1 FROM document_conflicts WHERE document_id = $1 AND fingerprint = $2', [documentId, fingerprint])) !== null;
    },
    async retryingQuarantine() {
      const { rows } = await db.query<QuarantinedPackage>(`SELECT ${QUARANTINE_COLUMNS} FROM quarantine WHERE state = 'retrying' ORDER BY id`);
      return rows.map(({ id, axisDocId, messageType, senderId, packageSha256 }) => ({ id, axisDocId, messageType, senderId, packageSha256 }));
    },
    async quarantined(axisDocId) {
      const row = await firstOrNull<QuarantinedPackage>(db, `SELECT ${QUARANTINE_COLUMNS} FROM quarantine WHERE axis_doc_id = $1`, [axisDocId]);
      return row && toQuarantined(row);
    },
    async pendingRequest(documentId) {
      const row = await firstOrNull<{ kind: RequestKind; requesterId: string; reason: string; receivedAt: Date; replacementId: number | null; payload: string | null }>(
        db,
        `SELECT kind, requester_id AS "requesterId", reason, received_at AS "receivedAt", replacement_id AS "replacementId", payload FROM pending_requests WHERE document_id = $1`,
        [documentId],
      );
      return row && { documentId, ...row, receivedAt: row.receivedAt.toISOString() };
    },
    async revisions(documentId) {
      const { rows } = await db.query<{ reason: string; revisedAt: Date }>('SELECT reason, revised_at AS "revisedAt" FROM document_revisions WHERE document_id = $1 ORDER BY id', [documentId]);
      return rows.map((row) => ({ reason: row.reason, revisedAt: row.revisedAt.toISOString() }));
    },
    async agency(id) {
      return firstOrNull<Agency>(db, 'SELECT id, code_qd20 AS "codeQd20", name, email, parent_id AS "parentId" FROM agencies WHERE id = $1', [id]);
    },
    async syncState<T>(key: string) {
      return (await firstOrNull<{ value: T }>(db, 'SELECT value FROM sync_state WHERE key = $1', [key]))?.value ?? null;
    },
    async pendingOutboxCount() {
      return (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE state <> 'sent'")).rows[0]!.n;
    },
    async nextOutboxAttemptAt() {
      return iso((await db.query<{ at: Date | null }>("SELECT min(next_attempt_at) AS at FROM outbox WHERE state IN ('retry_wait', 'queued')")).rows[0]!.at);
    },
    async documentsAwaitingDelivery(limit) {
      const { rows } = await db.query<{ id: number; axisDocId: string }>(
        `SELECT d.id, d.axis_doc_id AS "axisDocId" FROM documents d JOIN recipient_statuses r ON r.document_id = d.id
         WHERE d.direction = 'outgoing' AND NOT d.demo AND d.axis_doc_id IS NOT NULL AND r.state = 'sent'
         GROUP BY d.id ORDER BY min(r.updated_at), d.id LIMIT $1`,
        [limit],
      );
      return rows;
    },
    async recipientStatus(documentId, recipientId) {
      return firstOrNull<{ state: RecipientState; description: string | null }>(db, 'SELECT state, description FROM recipient_statuses WHERE document_id = $1 AND recipient_id = $2', [
        documentId,
        recipientId,
      ]);
    },
  };
}

/** Tables whose ids a write transaction takes ahead (IdBlocks). */
type SequencedTable = 'documents' | 'outbox';

/** The id given as parameter `n`, else the next of the table's own sequence (its GENERATED BY DEFAULT identity). */
const nextIdOr = (table: SequencedTable, n: number) => `coalesce($${n}::integer, nextval(pg_get_serial_sequence('${table}', 'id'))::integer)`;

/**
 * Ids of new rows taken from their table's sequence before the rows are inserted, in blocks that
 * double (1, 2, 4 … 32) while one transaction keeps inserting: a group of n arrivals waits for
 * about log2(n) answers instead of n, and wastes fewer ids than it uses (those left when the
 * transaction ends are never used: gaps, as a rollback leaves).
 */
class IdBlocks {
  private readonly blocks = new Map<SequencedTable, { ids: number[]; size: number }>();

  constructor(private readonly client: pg.PoolClient) {}

  async take(table: SequencedTable): Promise<number> {
    let block = this.blocks.get(table);
    if (!block) this.blocks.set(table, (block = { ids: [], size: 1 }));
    if (block.ids.length === 0) {
      const { rows } = await this.client.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::integer AS id FROM generate_series(1, $1)`, [block.size]);
      block.ids = rows.map((row) => row.id);
      block.size = Math.min(block.size * 2, 32);
    }
    return block.ids.shift()!;
  }
}

/**
 * The documents a write transaction changed, sent to the change feed before it commits (with who
 * could see each before, where that may have shrunk), so the feed and the tables never disagree.
 */
export interface ChangedDocuments {
  ids: Set<number>;
  readersBefore: Map<number, number[]>;
}

export const noDocumentsChanged = (): ChangedDocuments => ({ ids: new Set(), readersBefore: new Map() });

/**
 * The exchange's writes on a connection whose transaction the caller runs (a desk command joins
 * its own rows to them); the caller sends `changed` to the feed before its COMMIT. Given
 * `auditLater`, audit records wait there and the caller appends them all before its COMMIT
 * (appendAudits), which only a caller that appends nothing itself in the meantime may do; without
 * it each is appended at once.
 */
export function exchangeTransaction(client: pg.PoolClient, changed: ChangedDocuments, auditLater?: TimedAuditEntry[], unawaited?: UnawaitedStatements): ExchangeTransaction {
  const run = async (sql: string, values: unknown[]): Promise<number> => (await client.query(sql, values)).rowCount ?? 0;
  /**
   * A write whose outcome the rules never read: given `unawaited`, sent without waiting for its
   * answer (unawaited-statements.ts), the document marked changed when its answer comes (before
   * the feed is written: the transaction settles them first). `always`: changed whatever the row count.
   */
  const later = (sql: string, values: unknown[], documentId: number | null = null, always = false): Promise<void> => {
    const answer = client.query(sql, values).then((result) => {
      if (documentId !== null && (always || (result.rowCount ?? 0) > 0)) changed.ids.add(documentId);
    });
    if (!unawaited) return answer;
    unawaited.add(answer);
    return Promise.resolve();
  };
  const insertId = async (sql: string, values: unknown[]): Promise<number> => (await client.query<{ id: number }>(sql, values)).rows[0]!.id;
  const touch = <T,>(documentId: number | null, result: T): T => {
    if (documentId !== null) changed.ids.add(documentId);
    return result;
  };
  /** Runs a statement that changes the document, and marks it changed when it did. */
  const change = async (documentId: number, sql: string, values: unknown[]): Promise<number> => {
    const count = await run(sql, values);
    return touch(count > 0 ? documentId : null, count);
  };
  const newDocument = async (sql: string, values: unknown[]): Promise<number> => {
    const id = await insertId(sql, values);
    return touch(id, id);
  };
  const ids = unawaited && new IdBlocks(client);
  /**
   * A row whose id the work needs at once: inserted with an id taken from its table's sequence
   * beforehand (IdBlocks), so the INSERT need not be waited for; without `unawaited`, the INSERT
   * takes it itself and is waited for. `sql` takes the id as its last parameter, null for "the
   * sequence's next".
   */
  const insertWithId = async (table: SequencedTable, sql: string, values: unknown[]): Promise<number> => {
    if (!ids) return insertId(sql, [...values, null]);
    const id = await ids.take(table);
    await later(sql, [...values, id]);
    return id;
  };
  return {
    ...reads(client),
    createDraft: (subject, at) => newDocument("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('draft', $1, 'editing', $2, $2) RETURNING id", [subject, at]),
    async insertReceived(doc, at) {
      // Column names from the code (received-content.ts), never from input.
      const columns = Object.entries(receivedDocumentColumns(doc));
      const id = await insertWithId(
        'documents',
        `INSERT INTO documents (${columns.map(([name]) => name).join(', ')}, created_at, updated_at, id)
         VALUES (${columns.map((_, n) => `$${n + 1}`).join(', ')}, $${columns.length + 1}, $${columns.length + 1}, ${nextIdOr('documents', columns.length + 2)}) RETURNING id`,
        [...columns.map(([, value]) => value), at],
      );
      if (doc.files?.length) await later(...attachmentsInsert(id, doc.files, at), id, true);
      return touch(id, id);
    },
    async queueDraftForSending(id, sent, at) {
      const count = await change(
        id,
        `UPDATE documents SET direction = 'outgoing', state = 'queued', edxml_document_id = $1, promulgation_date = $2, sender_id = $3, package_sha256 = $4, updated_at = $5
         WHERE id = $6 AND direction = 'draft'`,
        [sent.edxmlDocumentId, sent.promulgationDate, sent.senderId, sent.packageSha256, at, id],
      );
      return count === 1;
    },
    async markDocumentSent(id, axisDocId, at) {
      await change(id, "UPDATE documents SET state = 'sent', axis_doc_id = $1, updated_at = $2 WHERE id = $3 AND state IN ('queued', 'failed')", [axisDocId, at, id]);
    },
    async markDocumentFailed(id, at) {
      await change(id, "UPDATE documents SET state = 'failed', updated_at = $1 WHERE id = $2", [at, id]);
    },
    async setHandlingState(id, state, arrivalNumber, at) {
      await change(id, 'UPDATE documents SET state = $1, arrival_number = $2, updated_at = $3 WHERE id = $4', [state, arrivalNumber, at, id]);
    },
    async enterInRegister(documentId, register, now) {
      const doc = await firstOrNull<{ registered: boolean }>(client, 'SELECT EXISTS (SELECT 1 FROM register_entries WHERE document_id = d.id) AS registered FROM documents d WHERE d.id = $1', [documentId]);
      if (!doc) throw new Error(`Document ${documentId} does not exist: it cannot take a register number.`);
      if (doc.registered) throw new Error(`Document ${documentId} is in a register already: a document takes one number.`);
      // A restricted register narrows who sees the document: those who lose sight are told.
      if (!changed.readersBefore.has(documentId)) changed.readersBefore.set(documentId, await documentReaders(client, documentId));
      touch(documentId, null);
      const year = vietnamYear(now);
      // The counter row stays locked until this transaction ends: see the head of this file.
      const { rows } = await client.query<{ last_number: number }>(
        `INSERT INTO register_counters (register_id, year, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (register_id, year) DO UPDATE SET last_number = register_counters.last_number + 1
         RETURNING last_number`,
        [register.id, year],
      );
      const number = rows[0]!.last_number;
      await run('INSERT INTO register_entries (register_id, year, number, document_id, registered_at) VALUES ($1, $2, $3, $4, $5)', [register.id, year, number, documentId, now.toISOString()]);
      return number;
    },
    enqueueOutbox: async (entry, at) =>
      touch(
        entry.documentId,
        await insertWithId(
          'outbox',
          `INSERT INTO outbox (document_id, message_type, package_sha256, recipients, purpose, state, next_attempt_at, created_at, updated_at, package_bytes, id)
           VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $7, $8, ${nextIdOr('outbox', 9)}) RETURNING id`,
          [entry.documentId, entry.messageType, entry.packageSha256, JSON.stringify(entry.recipients), entry.purpose, entry.notBefore ?? null, at, entry.packageBytes ?? null],
        ),
      ),
    async setOutboxState(id, next, at) {
      // A held status (heldStatus) shows in the document: its entry's state is part of it.
      const { rows } = await client.query<{ document_id: number | null }>(
        `UPDATE outbox SET state = $1, last_error = $2, next_attempt_at = $3, axis_doc_id = coalesce($4, axis_doc_id),
           attempts = attempts + $5, retry_step = coalesce($6, retry_step), updated_at = $7 WHERE id = $8 RETURNING document_id`,
        [next.state, next.error ?? null, next.nextAttemptAt ?? null, next.axisDocId ?? null, next.countAttempt ? 1 : 0, next.retryStep ?? null, at, id],
      );
      touch(rows[0]?.document_id ?? null, null);
    },
    recordInbound: (record, at) =>
      later('INSERT INTO inbound_packages (axis_doc_id, message_type, outcome, document_id, recorded_at) VALUES ($1, $2, $3, $4, $5)', [
        record.axisDocId,
        record.messageType,
        record.outcome,
        record.documentId,
        at,
      ]),
    markAcknowledged: (axisDocIds, at) => later('UPDATE inbound_packages SET acknowledged_at = $1 WHERE axis_doc_id = ANY($2)', [at, axisDocIds]),
    async recordStatusEvent(event) {
      const sql = `INSERT INTO status_events (document_id, agency_id, direction, status_code, description, staff, occurred_at, axis_doc_id, internal_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (axis_doc_id) DO NOTHING`;
      const values = [event.documentId, event.agencyId, event.direction, event.statusCode, event.description, event.staff, event.occurredAt, event.axisDocId, event.internalNote ?? null];
      // An event of no axis package (a status this agency sends) cannot meet the conflict: it is
      // inserted, or the statement fails and the transaction with it, so the answer is known now.
      if (event.axisDocId === null) {
        await later(sql, values, event.documentId, true);
        return true;
      }
      return (await change(event.documentId, sql, values)) === 1;
    },
    async insertRecipients(documentId, recipients, state, at) {
      await change(
        documentId,
        `INSERT INTO recipient_statuses (document_id, recipient_id, state, updated_at) SELECT DISTINCT $1::integer, recipient, $3, $4::timestamptz FROM unnest($2::text[]) AS recipient
         ON CONFLICT (document_id, recipient_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [documentId, recipients, state, at],
      );
    },
    async setRecipientsState(documentId, from, to, at) {
      await change(documentId, 'UPDATE recipient_statuses SET state = $1, updated_at = $2 WHERE document_id = $3 AND state = $4', [to, at, documentId, from]);
    },
    async applyRecipientStatus(documentId, recipientId, code, description, at) {
      const row = await firstOrNull<{ state: RecipientState }>(client, 'SELECT state FROM recipient_statuses WHERE document_id = $1 AND recipient_id = $2 FOR UPDATE', [documentId, recipientId]);
      if (!row) return false;
      const state = recipientStatusChange(row.state, code);
      if (state === null) return true;
      const values = [state, code, description, at];
      await change(documentId, 'UPDATE recipient_statuses SET state = $1, status_code = $2, description = $3, updated_at = $4 WHERE document_id = $5 AND recipient_id = $6', [
        ...values,
        documentId,
        recipientId,
      ]);
      return true;
    },
    async appendAudit(entry, at) {
      if (auditLater) auditLater.push({ entry, at });
      else await appendAudit(client, entry, at);
    },
    async insertAttachments(documentId, files, at) {
      if (files.length > 0) await later(...attachmentsInsert(documentId, files, at), documentId, true);
      else touch(documentId, null);
    },
    touchDocument: (id, at) => later('UPDATE documents SET updated_at = $1 WHERE id = $2', [at, id], id),
    putRequest: (request) =>
      later(
        `INSERT INTO pending_requests (document_id, kind, requester_id, reason, received_at, replacement_id, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (document_id) DO UPDATE SET kind = excluded.kind, requester_id = excluded.requester_id, reason = excluded.reason,
           received_at = excluded.received_at, replacement_id = excluded.replacement_id, payload = excluded.payload`,
        [request.documentId, request.kind, request.requesterId, request.reason, request.receivedAt, request.replacementId, request.payload],
        request.documentId,
      ),
    async removeRequest(documentId) {
      await change(documentId, 'DELETE FROM pending_requests WHERE document_id = $1', [documentId]);
    },
    async revokeDocument(id, reason, at) {
      await change(id, "UPDATE documents SET state = 'revoked', revoked_at = $1, revoke_reason = $2, updated_at = $1 WHERE id = $3", [at, reason, id]);
    },
    quarantinePackage: (entry, at) =>
      later(
        `INSERT INTO quarantine (axis_doc_id, message_type, sender_id, reason_code, reason, package_sha256, state, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $7)
         ON CONFLICT (axis_doc_id) DO UPDATE SET reason_code = excluded.reason_code, reason = excluded.reason, state = 'open', updated_at = excluded.updated_at`,
        [entry.axisDocId, entry.messageType, entry.senderId, entry.reason, entry.detail, entry.packageSha256, at],
      ),
    async retryQuarantined(id, at) {
      await run("UPDATE quarantine SET state = 'retrying', updated_at = $1 WHERE id = $2", [at, id]);
    },
    async removeQuarantined(id) {
      await run('DELETE FROM quarantine WHERE id = $1', [id]);
    },
    async forgetInbound(axisDocId) {
      await run('DELETE FROM inbound_packages WHERE axis_doc_id = $1', [axisDocId]);
    },
    recordConflict: async (conflict) =>
      touch(
        conflict.documentId,
        await insertId(
        `INSERT INTO document_conflicts (document_id, axis_doc_id, package_sha256, received_at, content, fingerprint) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id`,
          [conflict.documentId, conflict.axisDocId, conflict.packageSha256, conflict.receivedAt, JSON.stringify(conflict.content), contentFingerprint(conflict.content)],
        ),
      ),
    async keepRevision(documentId, reason, at) {
      const doc = await firstOrNull<MetadataColumns & { package_sha256: string | null }>(client, `SELECT ${CONTENT_SELECT}, to_places, package_sha256 FROM documents WHERE id = $1`, [documentId]);
      if (!doc) throw new Error(`Document ${documentId} does not exist: there is nothing to keep as a revision.`);
      const attachments = (await attachmentsOf(client, documentId)).map((file) => ({ ...file, size: Number(file.size) }));
      // The desktop's shape (sqlite-exchange-store.ts), so revisions read the same whichever store kept them.
      const previous = { metadata: metadataOf(doc), senderName: doc.sender_name, packageSha256: doc.package_sha256, attachments };
      await run('INSERT INTO document_revisions (document_id, revised_at, reason, previous) VALUES ($1, $2, $3, $4::jsonb)', [documentId, at, reason, JSON.stringify(previous)]);
    },
    async replaceContent(documentId, columns, packageSha256, at) {
      const sets = CONTENT_COLUMNS.map((column, n) => `${column} = $${n + 1}`).join(', ');
      const next = CONTENT_COLUMNS.length + 1;
      await change(documentId, `UPDATE documents SET ${sets}, package_sha256 = $${next}, updated_at = $${next + 1} WHERE id = $${next + 2}`, [
        ...CONTENT_COLUMNS.map((column) => columns[column]),
        packageSha256,
        at,
        documentId,
      ]);
    },
    async applyUpdatedHeader(documentId, header, at) {
      const sets = UPDATED_HEADER_COLUMNS.map((column, n) => `${column} = $${n + 1}`).join(', ');
      const next = UPDATED_HEADER_COLUMNS.length + 1;
      await change(documentId, `UPDATE documents SET ${sets}, updated_at = $${next} WHERE id = $${next + 1}`, [...UPDATED_HEADER_COLUMNS.map((column) => header[column]), at, documentId]);
    },
    async replaceAttachments(documentId, files, at) {
      // The rows go; their blobs stay (a revision or a conflict may still name them).
      await run('DELETE FROM attachments WHERE document_id = $1', [documentId]);
      if (files.length > 0) await client.query(...attachmentsInsert(documentId, files, at));
      touch(documentId, null);
    },
    async setRecipientTrace(documentId, recipientId, trace, at) {
      if ('state' in trace) await change(documentId, 'UPDATE recipient_statuses SET state = $1, updated_at = $2 WHERE document_id = $3 AND recipient_id = $4', [trace.state, at, documentId, recipientId]);
      else await change(documentId, 'UPDATE recipient_statuses SET description = $1, updated_at = $2 WHERE document_id = $3 AND recipient_id = $4', [trace.description, at, documentId, recipientId]);
    },
    async markDeliveryTraced(documentId, at) {
      await run("UPDATE recipient_statuses SET updated_at = $1 WHERE document_id = $2 AND state = 'sent'", [at, documentId]);
    },
    async applyDirectoryChanges(changes, at) {
      const last = lastChangeOfEach(changes);
      await run('DELETE FROM agencies WHERE id = ANY($1::text[])', [last.filter((change) => change.deleted).map((change) => change.id)]);
      const kept = last.filter((change) => !change.deleted);
      if (kept.length === 0) return;
      await run(
        `INSERT INTO agencies (id, code_qd20, parent_id, name, name_key, search_text, email, directory_version, updated_at)
         SELECT *, $9::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::integer[])
         ON CONFLICT (id) DO UPDATE SET code_qd20 = excluded.code_qd20, parent_id = excluded.parent_id, name = excluded.name, name_key = excluded.name_key,
           search_text = excluded.search_text, email = excluded.email, directory_version = excluded.directory_version, updated_at = excluded.updated_at`,
        [
          kept.map((change) => change.id),
          kept.map((change) => change.codeQd20),
          kept.map((change) => change.parentId),
          kept.map((change) => change.name),
          kept.map((change) => agencyNameKey(change.name)),
          kept.map((change) => agencySearchText({ id: change.id, code_qd20: change.codeQd20, name: change.name })),
          kept.map((change) => change.email),
          kept.map((change) => change.version),
          at.toISOString(),
        ],
      );
    },
    async setSyncState(key, value) {
      await run('INSERT INTO sync_state (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
    },
    resumeInterruptedSends: (at) => run("UPDATE outbox SET state = 'queued', updated_at = $1 WHERE state = 'sending'", [at]),
  };
}

/** The statement adding the document's attachment rows after those it has, in the order given, each with its first version (the file as received). */
function attachmentsInsert(documentId: number, files: readonly ReceivedFile[], at: string): [string, unknown[]] {
  return [
    `WITH base AS (SELECT coalesce(max(position), 0) AS position FROM attachments WHERE document_id = $1),
     added AS (
       INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at)
       SELECT $1, base.position + file.n, file.name, file.content_type, file.size, file.sha256, $6
       FROM base, unnest($2::text[], $3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS file (name, content_type, size, sha256, n)
       RETURNING id, sha256, size)
     INSERT INTO attachment_versions (attachment_id, version, sha256, size, step, created_at) SELECT id, 1, sha256, size, 'original', $6 FROM added`,
    [documentId, files.map((file) => file.name), files.map((file) => file.contentType), files.map((file) => file.size), files.map((file) => file.sha256), at],
  ];
}

export interface ExchangeStoreOptions {
  /**
   * The pool write transactions take their connection from (the same pool unless given): the
   * exchange leader gives one in pipeline mode, so the statements a write does not wait for
   * travel with the next it does (unawaited-statements.ts).
   */
  writes?: pg.Pool;
}

export function postgresExchangeStore(pool: pg.Pool, options: ExchangeStoreOptions = {}): ExchangeStore {
  let queue: Promise<unknown> = Promise.resolve();
  // Which write transaction the running code is inside: one begun within another would wait for
  // itself in the queue.
  const inside = new AsyncLocalStorage<true>();
  return {
    read: reads(pool),
    write<T>(work: (tx: ExchangeTransaction) => Promise<T>): Promise<T> {
      if (inside.getStore()) return Promise.reject(new Error('A write transaction was begun inside another: do the work with the open one.'));
      const run = () => inside.run(true, () => inTransactionOf(options.writes ?? pool, work));
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

async function inTransactionOf<T>(pool: pg.Pool, work: (tx: ExchangeTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // Cleared once the transaction has ended on the server; a connection left in one (its BEGIN,
  // COMMIT or ROLLBACK failed: the server went away) is closed, never handed to the next writer.
  let open = true;
  setPipelineMode(client, true);
  try {
    const unawaited = new UnawaitedStatements();
    // Its answer is waited for with the work's first statement that is.
    unawaited.add(client.query('BEGIN'));
    let result: T;
    const changed = noDocumentsChanged();
    const audit: TimedAuditEntry[] = [];
    try {
      result = await work(exchangeTransaction(client, changed, audit, unawaited));
      await (async () => {
        await unawaited.settle();
        await appendAudits(client, audit);
        await recordDocumentChanges(client, changed.ids, changed.readersBefore);
      })().catch((error: unknown) => {
        // The work caught a failed statement and went on (see the head of this file).
        throw (error as { code?: string }).code === '25P02' ? new TransactionAbortedError() : error;
      });
    } catch (failure) {
      // The work's own failure is the one to pass on, whatever the ROLLBACK meets; but a statement
      // it did not wait for failed before it, that failure is the cause (the work then met 25P02).
      const error = await unawaited.settle().then(
        () => failure,
        (first: unknown) => (failure instanceof TransactionAbortedError ? failure : first),
      );
      await client.query('ROLLBACK').then(
        () => (open = false),
        () => undefined,
      );
      throw error;
    }
    const commit = await client.query('COMMIT');
    open = false;
    if (commit.command !== 'COMMIT') throw new TransactionAbortedError();
    return result;
  } finally {
    // Every statement has been answered by now (settled, or the ROLLBACK or COMMIT after them).
    setPipelineMode(client, false);
    client.release(open);
  }
}
