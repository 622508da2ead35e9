/**
 * The ExchangeStore (electron/core/store/exchange-store.ts) on the hub's PostgreSQL (migration
 * 030), so the exchange rules written once against that interface run in the hub.
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
 * Unlike SQLite, PostgreSQL ends a transaction at its first failed statement: a `work` that caught a
 * rejection of `tx` and went on would have its COMMIT turned into a ROLLBACK. That write rejects
 * with TransactionAbortedError instead of resolving as if it had committed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { RecipientState } from '../../shared/api/documents.js';
import { recipientStatusChange } from '../../shared/domain/handling-status.js';
import { vietnamYear } from '../../shared/text/vietnam-time.js';
import type { ExchangeReads, ExchangeStore, ExchangeTransaction, InboundRecord, OutboxEntry, RegisterRef, StatusEventRecord, StoredDocument } from '../../electron/core/store/exchange-store.js';
import { appendAudit } from './audit.js';
import type { Queryable } from './database.js';

export class TransactionAbortedError extends Error {
  constructor() {
    super('A statement of this write transaction failed and PostgreSQL rolled the whole transaction back; let that failure end the transaction instead of going on after it.');
    this.name = 'TransactionAbortedError';
  }
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** The interface's own names, given by the SELECT itself: rows come back as the interface's objects. */
const DOCUMENT_COLUMNS = `d.id, d.direction, d.state, d.subject, d.sender_id AS "senderId", d.edxml_document_id AS "edxmlDocumentId", d.axis_doc_id AS "axisDocId",
  d.arrival_number AS "arrivalNumber", e.number AS "registerNumber"`;

const OUTBOX_COLUMNS = `id, document_id AS "documentId", message_type AS "messageType", package_sha256 AS "packageSha256", recipients, purpose, state, attempts,
  retry_step AS "retryStep", last_error AS "lastError", axis_doc_id AS "axisDocId", next_attempt_at AS "notBefore"`;

/** notBefore is absent, not null, when the entry is not held (the interface's optional field). */
const toEntry = ({ notBefore, ...entry }: Omit<OutboxEntry, 'notBefore'> & { notBefore: Date | null }): OutboxEntry => (notBefore === null ? entry : { ...entry, notBefore: notBefore.toISOString() });

async function firstOrNull<T extends pg.QueryResultRow>(db: Queryable, sql: string, values: unknown[]): Promise<T | null> {
  return (await db.query<T>(sql, values)).rows[0] ?? null;
}

function reads(db: Queryable): ExchangeReads {
  return {
    async document(id) {
      return firstOrNull<StoredDocument>(db, `SELECT ${DOCUMENT_COLUMNS} FROM documents d LEFT JOIN register_entries e ON e.document_id = d.id WHERE d.id = $1`, [id]);
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
      return id === undefined
        ? firstOrNull<RegisterRef>(db, 'SELECT id, code FROM registers WHERE direction = $1 AND is_default', [direction])
        : firstOrNull<RegisterRef>(db, 'SELECT id, code FROM registers WHERE id = $1 AND direction = $2 AND active', [id, direction]);
    },
    async auditRows() {
      return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
    },
  };
}

function transaction(client: pg.PoolClient): ExchangeTransaction {
  const run = async (sql: string, values: unknown[]): Promise<number> => (await client.query(sql, values)).rowCount ?? 0;
  const insertId = async (sql: string, values: unknown[]): Promise<number> => (await client.query<{ id: number }>(sql, values)).rows[0]!.id;
  return {
    ...reads(client),
    createDraft: (subject, at) => insertId("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('draft', $1, 'editing', $2, $2) RETURNING id", [subject, at]),
    insertReceived: (doc, at) =>
      insertId(
        `INSERT INTO documents (direction, state, subject, sender_id, sender_name, edxml_document_id, received_at, created_at, updated_at)
         VALUES ('incoming', 'arrived', $1, $2, $3, $4, $5, $6, $6) RETURNING id`,
        [doc.subject, doc.senderId, doc.senderName, doc.edxmlDocumentId, doc.receivedAt, at],
      ),
    async queueDraftForSending(id, sent, at) {
      const changed = await run(
        `UPDATE documents SET direction = 'outgoing', state = 'queued', edxml_document_id = $1, promulgation_date = $2, sender_id = $3, package_sha256 = $4, updated_at = $5
         WHERE id = $6 AND direction = 'draft'`,
        [sent.edxmlDocumentId, sent.promulgationDate, sent.senderId, sent.packageSha256, at, id],
      );
      return changed === 1;
    },
    async markDocumentSent(id, axisDocId, at) {
      await run("UPDATE documents SET state = 'sent', axis_doc_id = $1, updated_at = $2 WHERE id = $3 AND state IN ('queued', 'failed')", [axisDocId, at, id]);
    },
    async markDocumentFailed(id, at) {
      await run("UPDATE documents SET state = 'failed', updated_at = $1 WHERE id = $2", [at, id]);
    },
    async setHandlingState(id, state, arrivalNumber, at) {
      await run('UPDATE documents SET state = $1, arrival_number = $2, updated_at = $3 WHERE id = $4', [state, arrivalNumber, at, id]);
    },
    async enterInRegister(documentId, register, now) {
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
    enqueueOutbox: (entry, at) =>
      insertId(
        `INSERT INTO outbox (document_id, message_type, package_sha256, recipients, purpose, state, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $7) RETURNING id`,
        [entry.documentId, entry.messageType, entry.packageSha256, JSON.stringify(entry.recipients), entry.purpose, entry.notBefore ?? null, at],
      ),
    async setOutboxState(id, change, at) {
      await run(
        `UPDATE outbox SET state = $1, last_error = $2, next_attempt_at = $3, axis_doc_id = coalesce($4, axis_doc_id),
           attempts = attempts + $5, retry_step = coalesce($6, retry_step), updated_at = $7 WHERE id = $8`,
        [change.state, change.error ?? null, change.nextAttemptAt ?? null, change.axisDocId ?? null, change.countAttempt ? 1 : 0, change.retryStep ?? null, at, id],
      );
    },
    async recordInbound(record, at) {
      await run('INSERT INTO inbound_packages (axis_doc_id, message_type, outcome, document_id, recorded_at) VALUES ($1, $2, $3, $4, $5)', [
        record.axisDocId,
        record.messageType,
        record.outcome,
        record.documentId,
        at,
      ]);
    },
    async markAcknowledged(axisDocIds, at) {
      await run('UPDATE inbound_packages SET acknowledged_at = $1 WHERE axis_doc_id = ANY($2)', [at, axisDocIds]);
    },
    async recordStatusEvent(event) {
      const inserted = await run(
        `INSERT INTO status_events (document_id, agency_id, direction, status_code, description, staff, occurred_at, axis_doc_id, internal_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (axis_doc_id) DO NOTHING`,
        [event.documentId, event.agencyId, event.direction, event.statusCode, event.description, event.staff, event.occurredAt, event.axisDocId, event.internalNote ?? null],
      );
      return inserted === 1;
    },
    async insertRecipients(documentId, recipients, state, at) {
      await run(
        `INSERT INTO recipient_statuses (document_id, recipient_id, state, updated_at) SELECT DISTINCT $1::integer, recipient, $3, $4::timestamptz FROM unnest($2::text[]) AS recipient
         ON CONFLICT (document_id, recipient_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [documentId, recipients, state, at],
      );
    },
    async setRecipientsState(documentId, from, to, at) {
      await run('UPDATE recipient_statuses SET state = $1, updated_at = $2 WHERE document_id = $3 AND state = $4', [to, at, documentId, from]);
    },
    async applyRecipientStatus(documentId, recipientId, code, description, at) {
      const row = await firstOrNull<{ state: RecipientState }>(client, 'SELECT state FROM recipient_statuses WHERE document_id = $1 AND recipient_id = $2 FOR UPDATE', [documentId, recipientId]);
      if (!row) return false;
      const state = recipientStatusChange(row.state, code);
      if (state === null) return true;
      const changed = [state, code, description, at];
      await run('UPDATE recipient_statuses SET state = $1, status_code = $2, description = $3, updated_at = $4 WHERE document_id = $5 AND recipient_id = $6', [...changed, documentId, recipientId]);
      return true;
    },
    appendAudit: (entry, at) => appendAudit(client, entry, at),
  };
}

export function postgresExchangeStore(pool: pg.Pool): ExchangeStore {
  let queue: Promise<unknown> = Promise.resolve();
  // Which write transaction the running code is inside: one begun within another would wait for
  // itself in the queue.
  const inside = new AsyncLocalStorage<true>();
  return {
    read: reads(pool),
    write<T>(work: (tx: ExchangeTransaction) => Promise<T>): Promise<T> {
      if (inside.getStore()) return Promise.reject(new Error('A write transaction was begun inside another: do the work with the open one.'));
      const run = () => inside.run(true, () => inTransactionOf(pool, work));
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
  try {
    await client.query('BEGIN');
    let result: T;
    try {
      result = await work(transaction(client));
    } catch (error) {
      // The work's own failure is the one to pass on, whatever the ROLLBACK meets.
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
    client.release(open);
  }
}

/**
 * A leader that died mid-upload left rows in 'sending': the next leader sends them again. The
 * bytes are the same, so an axis that did receive them answers with the same docId, not a copy.
 */
export async function resumeInterruptedSends(pool: pg.Pool, at: string): Promise<number> {
  return (await pool.query("UPDATE outbox SET state = 'queued', updated_at = $1 WHERE state = 'sending'", [at])).rowCount ?? 0;
}
