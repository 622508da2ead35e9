/**
 * A document received again under a known (sender, DocumentId) with other content: kept beside
 * the original for the clerk to decide (keep the original, or take the new one), never dropped.
 * Content is what VanThu stores of a received document (its header columns and attachments); two
 * packages with the same content are the same document sent again, whatever else differs (trace
 * headers, a resend by another system). The rule: docs/formats.md#statuses-resent.
 */
import { cachedStatement, type Db } from './database.js';
import { contentFingerprint, type ReceivedContent } from './received-content.js';

/** Whether a version with `fingerprint` of the document was received before (whatever the clerk decided). */
export function knownVersion(db: Db, documentId: number, fingerprint: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM document_conflicts WHERE document_id = ? AND fingerprint = ?').get(documentId, fingerprint) !== undefined;
}

export function recordConflict(db: Db, entry: { documentId: number; axisDocId: string; packageSha256: string; content: ReceivedContent; receivedAt: string }): number {
  return Number(
    cachedStatement(
      db,
      `INSERT INTO document_conflicts (document_id, axis_doc_id, package_sha256, received_at, content, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(entry.documentId, entry.axisDocId, entry.packageSha256, entry.receivedAt, JSON.stringify(entry.content), contentFingerprint(entry.content)).lastInsertRowid,
  );
}

interface ConflictRow {
  id: number;
  document_id: number;
  axis_doc_id: string;
  package_sha256: string;
  received_at: string;
  content: string;
}

export interface OpenConflict {
  id: number;
  documentId: number;
  axisDocId: string;
  packageSha256: string;
  receivedAt: string;
  content: ReceivedContent;
}

const toOpen = (row: ConflictRow): OpenConflict => ({
  id: row.id,
  documentId: row.document_id,
  axisDocId: row.axis_doc_id,
  packageSha256: row.package_sha256,
  receivedAt: row.received_at,
  content: JSON.parse(row.content) as ReceivedContent,
});

export function openConflicts(db: Db, documentId: number): OpenConflict[] {
  return (db.prepare('SELECT * FROM document_conflicts WHERE document_id = ? AND decision IS NULL ORDER BY id').all(documentId) as ConflictRow[]).map(toOpen);
}

export function getOpenConflict(db: Db, documentId: number, conflictId: number): OpenConflict | null {
  const row = db.prepare('SELECT * FROM document_conflicts WHERE id = ? AND document_id = ? AND decision IS NULL').get(conflictId, documentId) as ConflictRow | undefined;
  return row ? toOpen(row) : null;
}

export function decideConflict(db: Db, conflictId: number, decision: 'kept' | 'taken', actor: string, at: string): void {
  db.prepare('UPDATE document_conflicts SET decision = ?, decided_at = ?, decided_by = ? WHERE id = ?').run(decision, at, actor, conflictId);
}
