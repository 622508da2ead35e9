/**
 * How a row of the audit log is chained to the one before it: the SHA-256 of the previous row's
 * hash and this row's content. The desktop's log and the hub's use the same formula, so a
 * standalone agency's chain can be carried into a hub and checked there as one.
 */
import { createHash } from 'node:crypto';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export interface ChainedAuditContent {
  /** ISO 8601 with milliseconds, UTC. */
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  /** JSON text, hashed as stored. */
  details: string;
}

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

/** The values of the audit_log row that follows `prevHash`: (at, actor, action, subject, details, prev_hash, hash). */
export function chainedAuditValues(prevHash: string, entry: AuditEntry, at: Date): [at: string, actor: string, action: string, subject: string | null, details: string, prevHash: string, hash: string] {
  const row = { at: at.toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject ?? null, details: JSON.stringify(entry.details ?? {}) };
  return [row.at, row.actor, row.action, row.subject, row.details, prevHash, auditRowHash(prevHash, row)];
}

export function auditRowHash(prevHash: string, row: ChainedAuditContent): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, row.at, row.actor, row.action, row.subject, row.details]))
    .digest('hex');
}
