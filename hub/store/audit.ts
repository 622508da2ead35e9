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
export async function appendAudit(client: pg.PoolClient, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...AUDIT_APPEND_LOCK]);
  const { rows } = await client.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  await client.query(
    'INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    chainedAuditValues(rows[0]?.hash ?? AUDIT_GENESIS_HASH, entry, at),
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
