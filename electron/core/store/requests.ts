/**
 * Requests from a sender that wait for this agency's answer (15 agree / 16 refuse): take back
 * (status 13), revoke, update or replace (business packages). One at a time per document: a
 * later request replaces an earlier unanswered one.
 */
import type { RequestKind } from '../../../shared/api/documents.js';
import type { Db } from './database.js';

export interface PendingRequestRow {
  document_id: number;
  kind: RequestKind;
  requester_id: string;
  reason: string;
  received_at: string;
  replacement_id: number | null;
  payload: string | null;
}

export function putRequest(db: Db, row: PendingRequestRow): void {
  db.prepare(
    `INSERT INTO pending_requests (document_id, kind, requester_id, reason, received_at, replacement_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET kind = excluded.kind, requester_id = excluded.requester_id, reason = excluded.reason,
       received_at = excluded.received_at, replacement_id = excluded.replacement_id, payload = excluded.payload`,
  ).run(row.document_id, row.kind, row.requester_id, row.reason, row.received_at, row.replacement_id, row.payload);
}

export function getRequest(db: Db, documentId: number): PendingRequestRow | null {
  return (db.prepare('SELECT * FROM pending_requests WHERE document_id = ?').get(documentId) as PendingRequestRow | undefined) ?? null;
}

export function removeRequest(db: Db, documentId: number): void {
  db.prepare('DELETE FROM pending_requests WHERE document_id = ?').run(documentId);
}
