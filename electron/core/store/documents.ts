/**
 * Documents and their attachments. Blobs are written before the transaction that names them
 * (BlobStore's rule), so a row never points at a file that is not on disk.
 */
import type { AttachmentInfo, DocumentDetail, DocumentDirection, DocumentSummary } from '../../../shared/api/documents.js';
import { appendAudit } from './audit-log.js';
import { writeTransaction, type Db } from './database.js';

interface DocumentRecord {
  id: number;
  direction: DocumentDirection;
  subject: string;
  summary: string;
  created_at: string;
  updated_at: string;
  attachment_count: number;
}

interface AttachmentRecord {
  id: number;
  document_id: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}

const toSummary = (row: DocumentRecord): DocumentSummary => ({
  id: row.id,
  direction: row.direction,
  subject: row.subject,
  attachmentCount: row.attachment_count,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toAttachment = (row: AttachmentRecord): AttachmentInfo => ({
  id: row.id,
  documentId: row.document_id,
  name: row.name,
  contentType: row.content_type,
  size: row.size,
  sha256: row.sha256,
});

const SUMMARY_COLUMNS = `documents.*, (SELECT count(*) FROM attachments WHERE attachments.document_id = documents.id) AS attachment_count`;

export function createDraft(db: Db, input: { subject: string; summary: string }, actor: string, now: Date = new Date()): number {
  return writeTransaction(db, () => {
    const at = now.toISOString();
    const id = Number(
      db
        .prepare("INSERT INTO documents (direction, subject, summary, state, created_at, updated_at) VALUES ('draft', ?, ?, 'editing', ?, ?)")
        .run(input.subject, input.summary, at, at).lastInsertRowid,
    );
    appendAudit(db, { actor, action: 'draft.create', subject: `document:${id}`, details: { subject: input.subject } }, now);
    return id;
  });
}

export function listDocuments(db: Db, direction: DocumentDirection): DocumentSummary[] {
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents WHERE direction = ? ORDER BY updated_at DESC, id DESC`)
    .all(direction) as DocumentRecord[];
  return rows.map(toSummary);
}

export function getDocument(db: Db, id: number): DocumentDetail | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents WHERE id = ?`).get(id) as DocumentRecord | undefined;
  if (!row) return null;
  const attachments = db.prepare('SELECT * FROM attachments WHERE document_id = ? ORDER BY position').all(id) as AttachmentRecord[];
  return { ...toSummary(row), summary: row.summary, attachments: attachments.map(toAttachment) };
}

export function getAttachment(db: Db, id: number): AttachmentInfo | null {
  const row = db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRecord | undefined;
  return row ? toAttachment(row) : null;
}

export interface NewAttachment {
  documentId: number;
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

/** Records an attachment whose blob is already durable. Returns null when the document is gone. */
export function addAttachment(db: Db, input: NewAttachment, actor: string, now: Date = new Date()): AttachmentInfo | null {
  return writeTransaction(db, () => {
    const owner = db.prepare('SELECT id FROM documents WHERE id = ?').get(input.documentId);
    if (!owner) return null;
    const at = now.toISOString();
    const { next } = db
      .prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM attachments WHERE document_id = ?')
      .get(input.documentId) as { next: number };
    const id = Number(
      db
        .prepare('INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.documentId, next, input.name, input.contentType, input.size, input.sha256, at).lastInsertRowid,
    );
    db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(at, input.documentId);
    appendAudit(
      db,
      { actor, action: 'attachment.add', subject: `document:${input.documentId}`, details: { name: input.name, sha256: input.sha256, size: input.size } },
      now,
    );
    return { id, documentId: input.documentId, name: input.name, contentType: input.contentType, size: input.size, sha256: input.sha256 };
  });
}
