/**
 * The outbox: packages built once, at enqueue, and uploaded by the sync process until the axis
 * takes them. The bytes never change between tries, so the DocumentId inside never changes and
 * the axis and the receivers recognise a retry as the same package.
 */
import type { OutboxItem } from '../../../shared/api/documents.js';
import { cachedStatement, type Db } from './database.js';
import type { NewOutbox } from './exchange-store.js';

export interface OutboxRow {
  id: number;
  document_id: number | null;
  message_type: 'edoc' | 'status';
  package_sha256: string;
  /** The package, for one kept in its row (status packages since migration 280); NULL for a blob. */
  package_bytes: Buffer | null;
  recipients: string;
  purpose: string;
  state: OutboxItem['state'];
  attempts: number;
  /** Failures in a row that concerned this package (the axis answered about it): its own back-off step. */
  retry_step: number;
  next_attempt_at: string | null;
  last_error: string | null;
  axis_doc_id: string | null;
  created_at: string;
}

export function enqueueOutbox(db: Db, entry: NewOutbox, at: string): number {
  return Number(
    cachedStatement(
      db,
      `INSERT INTO outbox (document_id, message_type, package_sha256, package_bytes, recipients, purpose, state, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
    ).run(entry.documentId, entry.messageType, entry.packageSha256, entry.packageBytes ?? null, JSON.stringify(entry.recipients), entry.purpose, entry.notBefore ?? null, at, at).lastInsertRowid,
  );
}

/** Packages whose turn has come, oldest first (status 01 and answers go out in order); a held one waits for its time. */
export function dueOutbox(db: Db, now: string, limit = 50): OutboxRow[] {
  return db
    .prepare(
      `SELECT * FROM outbox WHERE (state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) OR (state = 'retry_wait' AND next_attempt_at <= ?)
       ORDER BY id LIMIT ?`,
    )
    .all(now, now, limit) as OutboxRow[];
}

/** When the next package waiting for its time (a retry, or a held status) is due. */
export function nextOutboxAttemptAt(db: Db): string | null {
  return (db.prepare("SELECT min(next_attempt_at) AS at FROM outbox WHERE state IN ('retry_wait', 'queued')").get() as { at: string | null }).at;
}

/** The held status package of a document, if it has not left yet (`now` before its time). */
export function heldStatusOf(db: Db, documentId: number, now: string): (OutboxRow & { next_attempt_at: string }) | null {
  return (
    (db
      .prepare(
        `SELECT * FROM outbox WHERE document_id = ? AND message_type = 'status' AND state = 'queued' AND next_attempt_at > ?
         ORDER BY id DESC LIMIT 1`,
      )
      .get(documentId, now) as (OutboxRow & { next_attempt_at: string }) | undefined) ?? null
  );
}

/** Drops a package that never left (an undone status); inside the write transaction that undoes it. */
export function dropUnsentOutboxEntry(db: Db, id: number): boolean {
  return db.prepare("DELETE FROM outbox WHERE id = ? AND state = 'queued' AND attempts = 0").run(id).changes === 1;
}

export function setOutboxState(
  db: Db,
  id: number,
  change: { state: OutboxItem['state']; error?: string | null; nextAttemptAt?: string | null; axisDocId?: string; countAttempt?: boolean; retryStep?: number },
  at: string,
): void {
  // Cached: run twice for every package sent (marked sending, then sent).
  cachedStatement(
    db,
    `UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, axis_doc_id = coalesce(?, axis_doc_id),
       attempts = attempts + ?, retry_step = coalesce(?, retry_step), updated_at = ? WHERE id = ?`,
  ).run(change.state, change.error ?? null, change.nextAttemptAt ?? null, change.axisDocId ?? null, change.countAttempt ? 1 : 0, change.retryStep ?? null, at, id);
}

/**
 * A process that died mid-upload left rows in 'sending'. Send them again: the bytes are the
 * same, so an axis that did receive them answers with the same docId instead of a copy.
 */
export function resumeInterruptedSends(db: Db, at: string): number {
  return db.prepare("UPDATE outbox SET state = 'queued', updated_at = ? WHERE state = 'sending'").run(at).changes;
}

/** Packages being uploaded right now: the app must not restart under them (update-guard.ts). */
export function sendingOutboxCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'sending'").get() as { n: number }).n;
}

export function pendingOutboxCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM outbox WHERE state <> 'sent'").get() as { n: number }).n;
}

/** The directory's names of these agencies (those it knows). */
function agencyNames(db: Db, ids: readonly string[]): Record<string, string> {
  const find = cachedStatement(db, 'SELECT name FROM agencies WHERE id = ?');
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) {
    const row = find.get(id) as { name: string } | undefined;
    if (row) names[id] = row.name;
  }
  return names;
}

const toItem = (db: Db, row: OutboxRow & { subject: string | null }): OutboxItem => ({
  id: row.id,
  documentId: row.document_id,
  subject: row.subject,
  purpose: row.purpose,
  recipients: JSON.parse(row.recipients) as string[],
  recipientNames: agencyNames(db, JSON.parse(row.recipients) as string[]),
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  createdAt: row.created_at,
});

/** A page of the queue, unsent first; `pending`: what waits to be sent, the status bar's number (pendingOutboxCount). */
export function listOutbox(db: Db, limit: number, offset: number): { rows: OutboxItem[]; total: number; pending: number } {
  const rows = db
    .prepare(
      `SELECT outbox.*, documents.subject FROM outbox LEFT JOIN documents ON documents.id = outbox.document_id
       ORDER BY outbox.state = 'sent', outbox.id DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as (OutboxRow & { subject: string | null })[];
  const { total } = db.prepare('SELECT count(*) AS total FROM outbox').get() as { total: number };
  return { rows: rows.map((row) => toItem(db, row)), total, pending: pendingOutboxCount(db) };
}

export function getOutboxItem(db: Db, id: number): OutboxItem | null {
  const row = db.prepare('SELECT outbox.*, documents.subject FROM outbox LEFT JOIN documents ON documents.id = outbox.document_id WHERE outbox.id = ?').get(id) as
    | (OutboxRow & { subject: string | null })
    | undefined;
  return row ? toItem(db, row) : null;
}
