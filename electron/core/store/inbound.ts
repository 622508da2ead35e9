/**
 * What has been received from the axis, per axis package id. Storing a package and recording it
 * here commit together; the acknowledgement to the axis comes after. A package listed again
 * (the crash came between commit and acknowledgement) is then only acknowledged again.
 * `acknowledged_at` is written in batches (one commit for many packages): it tells support when
 * the axis was told, and nothing depends on it, so a crash that loses a batch loses nothing else.
 */
import { cachedStatement, type Db } from './database.js';

export type InboundOutcome = 'document' | 'status' | 'request' | 'duplicate' | 'conflict' | 'quarantined';

export interface InboundRow {
  axis_doc_id: string;
  message_type: 'edoc' | 'status';
  outcome: InboundOutcome;
  document_id: number | null;
  acknowledged_at: string | null;
}

export function findInbound(db: Db, axisDocId: string): InboundRow | null {
  return (cachedStatement(db, 'SELECT * FROM inbound_packages WHERE axis_doc_id = ?').get(axisDocId) as InboundRow | undefined) ?? null;
}

export function recordInbound(db: Db, row: Omit<InboundRow, 'acknowledged_at'>, at: string): void {
  cachedStatement(db, 'INSERT INTO inbound_packages (axis_doc_id, message_type, outcome, document_id, recorded_at) VALUES (?, ?, ?, ?, ?)').run(
    row.axis_doc_id,
    row.message_type,
    row.outcome,
    row.document_id,
    at,
  );
}

export function markAcknowledged(db: Db, axisDocIds: readonly string[], at: string): void {
  const mark = cachedStatement(db, 'UPDATE inbound_packages SET acknowledged_at = ? WHERE axis_doc_id = ?');
  for (const axisDocId of axisDocIds) mark.run(at, axisDocId);
}

export function forgetInbound(db: Db, axisDocId: string): void {
  db.prepare('DELETE FROM inbound_packages WHERE axis_doc_id = ?').run(axisDocId);
}
