/**
 * The hub's append-only audit log: every decision on accounts and every refused attempt. Rows are
 * chained as the desktop chains its own (electron/core/store/audit-chain.ts); appends from all hub
 * instances queue on one transaction-level advisory lock so the chain has no forks.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { AUDIT_GENESIS_HASH, auditRowHash, chainedAuditValues, type AuditEntry } from '../../electron/core/store/audit-chain.js';
import { AUDIT_KINDS, RESTRICTED_READ_ACTION, deskNameOf, type AuditChainVerdict, type AuditDesk, type AuditKind, type AuditPage, type AuditRow } from '../../shared/hub/audit-log.js';
import { AUDIT_APPEND_LOCK } from './advisory-locks.js';
import { inTransaction, type Queryable } from './database.js';
import { inOrder } from './unawaited-statements.js';

/** `actor`: the username acting, `cli` for the set-up commands, `anonymous` before sign-in. */
export type { AuditEntry };

/**
 * The desk a signed-in request comes from, for every row appended while it is handled (the HTTP
 * layer runs each handler inside it): each row of a command, an admin's change or a read then
 * says which session and computer it came from without every caller passing it. Rows appended
 * outside a request (the exchange, the set-up commands) have none.
 */
const requestDesk = new AsyncLocalStorage<AuditDesk>();

export function withAuditDesk<T>(desk: AuditDesk, run: () => T): T {
  return requestDesk.run(desk, run);
}

/** The entry with the request's desk in its details (hashed with them), unless it names one itself. */
function withDesk(entry: AuditEntry): AuditEntry {
  const desk = requestDesk.getStore();
  if (!desk || (entry.details && 'desk' in entry.details)) return entry;
  return { ...entry, details: { ...entry.details, desk } };
}

/** Appends inside the caller's transaction, so the record commits with the change it records. */
export function appendAudit(client: pg.PoolClient, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  return appendAudits(client, [{ entry, at }]);
}

export interface TimedAuditEntry {
  entry: AuditEntry;
  at: Date;
}

/**
 * Appends several records, in order, inside the caller's transaction: one lock, one read of the
 * chain's end and one INSERT whatever their number, where one append each would cost three round
 * trips each (the exchange's group commits write dozens; docs/reliability.md#group-commit).
 */
export async function appendAudits(client: pg.PoolClient, entries: readonly TimedAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // The lock first, then the chain's end in a statement of its own: read in the statement that
  // waits for the lock, the end would come from a snapshot taken before the holder committed. The
  // server runs the read only once the lock statement has ended, so on a connection in pipeline
  // mode both are sent at once (one round trip).
  const [, { rows }] = await inOrder(
    client,
    () => client.query('SELECT pg_advisory_xact_lock($1, $2)', [...AUDIT_APPEND_LOCK]),
    () => client.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
  );
  let prevHash = rows[0]?.hash ?? AUDIT_GENESIS_HASH;
  const chained = entries.map(({ entry, at }) => {
    const values = chainedAuditValues(prevHash, withDesk(entry), at);
    prevHash = values[6];
    return values;
  });
  const column = (index: number) => chained.map((values) => values[index]);
  // Rows numbered in the order given (ORDER BY the ordinality), which is the chain's order.
  await client.query(
    `INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash)
     SELECT at, actor, action, subject, details, prev_hash, hash
     FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
       AS row (at, actor, action, subject, details, prev_hash, hash, n)
     ORDER BY n`,
    [0, 1, 2, 3, 4, 5, 6].map(column),
  );
}

/** For records that stand alone (a refused attempt changes nothing else). */
export function recordAudit(pool: pg.Pool, entry: AuditEntry): Promise<void> {
  return inTransaction(pool, (client) => appendAudit(client, entry));
}

export interface AuditFilter {
  before?: number;
  limit: number;
  /** Days in Vietnam's time, both included. */
  from?: string;
  to?: string;
  actor?: string;
  kind?: AuditKind;
  document?: number;
  restrictedOnly?: boolean;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);
const DAY_MS = 86_400_000;

/**
 * A page of the log, newest first, by seq below `before` (keyset: a page costs the same at any
 * depth). Each filter narrows the one walk; the actor and subject filters walk their own indexes
 * (migration 180).
 */
export async function listAudit(db: Queryable, filter: AuditFilter): Promise<AuditPage> {
  const where = ['a.seq < $1'];
  const params: unknown[] = [filter.before ?? Number.MAX_SAFE_INTEGER];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.from) where.push(`a.at >= ${param(dayStart(filter.from))}`);
  if (filter.to) where.push(`a.at < ${param(new Date(dayStart(filter.to).getTime() + DAY_MS))}`);
  if (filter.actor) where.push(`a.actor = ${param(filter.actor)}`);
  if (filter.document) where.push(`a.subject = ${param(`document:${filter.document}`)}`);
  if (filter.restrictedOnly) where.push(`a.action = ${param(RESTRICTED_READ_ACTION)}`);
  if (filter.kind) {
    const { actions, prefixes } = AUDIT_KINDS[filter.kind];
    where.push(`(a.action = ANY (${param(actions)}::text[]) OR a.action LIKE ANY (${param(prefixes.map((prefix) => `${prefix}%`))}::text[]))`);
  }
  const limit = param(filter.limit + 1);
  const { rows } = await db.query<{ seq: string; at: Date; actor: string; actor_name: string | null; action: string; subject: string | null; details: string; prev_hash: string; hash: string; document_id: number | null; document_subject: string | null }>(
    `SELECT a.seq, a.at, a.actor, u.display_name AS actor_name, a.action, a.subject, a.details, a.prev_hash, a.hash, d.id AS document_id, d.subject AS document_subject
     FROM audit_log a
     LEFT JOIN users u ON u.username = a.actor
     -- A CASE, not an AND: the cast must not be tried on other subjects (PostgreSQL may test either side of an AND first).
     LEFT JOIN documents d ON d.id = CASE WHEN a.subject ~ '^document:[0-9]{1,9}$' THEN substr(a.subject, 10)::integer END
     WHERE ${where.join(' AND ')}
     ORDER BY a.seq DESC LIMIT ${limit}`,
    params,
  );
  const page = rows.slice(0, filter.limit).map(auditRow);
  return { rows: page, nextBefore: rows.length > filter.limit ? page[page.length - 1]!.seq : null };
}

function auditRow(row: { seq: string; at: Date; actor: string; actor_name: string | null; action: string; subject: string | null; details: string; prev_hash: string; hash: string; document_id: number | null; document_subject: string | null }): AuditRow {
  const details = JSON.parse(row.details) as Record<string, unknown>;
  const documentId = /^document:(\d+)$/.exec(row.subject ?? '')?.[1];
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actor: row.actor,
    actorName: row.actor_name,
    action: row.action,
    subject: row.subject,
    document: documentId ? { id: Number(documentId), subject: row.document_subject } : null,
    desk: deskOf(details.desk) ?? signInDesk(row.subject, details),
    details,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

/** A sign-in names the session it opened and the desk's address and user agent in its own words. */
function signInDesk(subject: string | null, details: Record<string, unknown>): AuditDesk | null {
  const { address, userAgent } = details;
  if (!subject?.startsWith('session:') || typeof address !== 'string' || typeof userAgent !== 'string') return null;
  return { session: subject.slice('session:'.length), name: deskNameOf(userAgent), address };
}

/** The desk a row names, if its details carry one in the shape withDesk writes. */
function deskOf(value: unknown): AuditDesk | null {
  if (typeof value !== 'object' || value === null) return null;
  const { session, name, address } = value as Record<string, unknown>;
  return typeof session === 'string' && typeof address === 'string' ? { session, address, name: typeof name === 'string' ? name : null } : null;
}

/** Reads the log in pages, so a long one does not have to fit in memory. */
export async function verifyAuditChain(db: Queryable): Promise<AuditChainVerdict> {
  let prevHash = AUDIT_GENESIS_HASH;
  let count = 0;
  for (let after = 0; ; ) {
    const { rows } = await db.query<{ seq: string; at: Date; actor: string; action: string; subject: string | null; details: string; prev_hash: string; hash: string }>(
      'SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000',
      [after],
    );
    if (rows.length === 0) return { ok: true, rows: count };
    for (const row of rows) {
      count++;
      const content = { at: row.at.toISOString(), actor: row.actor, action: row.action, subject: row.subject, details: row.details };
      if (row.prev_hash !== prevHash || auditRowHash(prevHash, content) !== row.hash) return { ok: false, brokenAtSeq: Number(row.seq), rows: count };
      prevHash = row.hash;
      after = Number(row.seq);
    }
  }
}
