/**
 * The append-only audit log. Each row carries the SHA-256 of the previous row's hash and its
 * own content, so editing or deleting any past row breaks the chain from there on; triggers
 * refuse UPDATE and DELETE outright. Append inside the same write transaction as the change it
 * records, so that the record and the change commit together.
 */
import { AUDIT_GENESIS_HASH, auditRowHash, chainedAuditValues, type AuditEntry } from './audit-chain.js';
import { cachedStatement, type Db } from './database.js';

export type { AuditEntry };

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export function appendAudit(db: Db, entry: AuditEntry, at: Date = new Date()): void {
  if (!db.inTransaction) throw new Error('appendAudit must run inside the write transaction of the change it records');
  const last = cachedStatement(db, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  cachedStatement(db, 'INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    ...chainedAuditValues(last?.hash ?? AUDIT_GENESIS_HASH, entry, at),
  );
}

export type AuditVerdict = { ok: true; rows: number } | { ok: false; brokenAtSeq: number; rows: number };

export function verifyAuditChain(db: Db): AuditVerdict {
  let prevHash = AUDIT_GENESIS_HASH;
  let rows = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    rows++;
    if (row.prev_hash !== prevHash || auditRowHash(prevHash, row) !== row.hash) return { ok: false, brokenAtSeq: row.seq, rows };
    prevHash = row.hash;
  }
  return { ok: true, rows };
}
