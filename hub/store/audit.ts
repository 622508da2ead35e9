/**
 * The hub's append-only audit log: every decision on accounts and every refused attempt. Rows are
 * chained as the desktop chains its own (electron/core/store/audit-chain.ts); appends from all hub
 * instances queue on one transaction-level advisory lock so the chain has no forks.
 */
import type pg from 'pg';
import { AUDIT_GENESIS_HASH, auditRowHash, chainedAuditValues, type AuditEntry } from '../../electron/core/store/audit-chain.js';
import { AUDIT_APPEND_LOCK } from './advisory-locks.js';
import { inTransaction, type Queryable } from './database.js';

/** `actor`: the username acting, `cli` for the set-up commands, `anonymous` before sign-in. */
export type { AuditEntry };

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
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
  // waits for the lock, the end would come from a snapshot taken before the holder committed.
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...AUDIT_APPEND_LOCK]);
  const { rows } = await client.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  let prevHash = rows[0]?.hash ?? AUDIT_GENESIS_HASH;
  const chained = entries.map(({ entry, at }) => {
    const values = chainedAuditValues(prevHash, entry, at);
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

export async function listAudit(db: Queryable, options: { before?: number; limit: number }): Promise<AuditRecord[]> {
  const { rows } = await db.query<{ seq: string; at: Date; actor: string; action: string; subject: string | null; details: string }>(
    'SELECT seq, at, actor, action, subject, details FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2',
    [options.before ?? Number.MAX_SAFE_INTEGER, options.limit],
  );
  return rows.map((row) => ({ seq: Number(row.seq), at: row.at.toISOString(), actor: row.actor, action: row.action, subject: row.subject, details: JSON.parse(row.details) as Record<string, unknown> }));
}

export type AuditVerdict = { ok: true; rows: number } | { ok: false; brokenAtSeq: number; rows: number };

/** Reads the log in pages, so a long one does not have to fit in memory. */
export async function verifyAuditChain(db: Queryable): Promise<AuditVerdict> {
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
