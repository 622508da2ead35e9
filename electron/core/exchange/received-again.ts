/**
 * A document package under a (sender, DocumentId) this agency already holds: the same content
 * (docs/formats.md#statuses-resent) is the same document sent again, acknowledged and not stored
 * twice; other content is a conflict, kept beside the original for the clerk to decide on. Either
 * way no second status 01 goes out: the sender already has the first, for that DocumentId.
 */
import { appendAudit } from '../store/audit-log.js';
import { CONTENT_COLUMNS, contentFingerprint, knownVersion, recordConflict, type ContentColumns, type OpenConflict, type ReceivedContent } from '../store/conflicts.js';
import type { Db } from '../store/database.js';
import { insertAttachments, listAttachments, metadataOf, type DocumentRow } from '../store/documents.js';
import { recordInbound } from '../store/inbound.js';
import { deleteAttachmentsOf, recordRevision, replaceContentColumns } from '../store/document-transitions.js';

/** What `doc` holds now, as content. */
export function storedContent(db: Db, doc: DocumentRow): ReceivedContent {
  const columns = Object.fromEntries(CONTENT_COLUMNS.map((column) => [column, doc[column]])) as ContentColumns;
  return { columns, attachments: listAttachments(db, doc.id).map(({ name, contentType, sha256, size }) => ({ name, contentType, sha256, size })) };
}

/**
 * Records a package of `doc` received again: a duplicate when its content is the document's now
 * or a version received before, else a new conflict. Call inside the write transaction.
 */
export function receivedAgain(db: Db, doc: DocumentRow, entry: { axisDocId: string; packageSha256: string; content: ReceivedContent; at: Date }): 'duplicate' | 'conflict' {
  const at = entry.at.toISOString();
  const fingerprint = contentFingerprint(entry.content);
  if (entry.packageSha256 === doc.package_sha256 || fingerprint === contentFingerprint(storedContent(db, doc)) || knownVersion(db, doc.id, fingerprint)) {
    recordInbound(db, { axis_doc_id: entry.axisDocId, message_type: 'edoc', outcome: 'duplicate', document_id: doc.id }, at);
    return 'duplicate';
  }
  const conflict = recordConflict(db, { documentId: doc.id, axisDocId: entry.axisDocId, packageSha256: entry.packageSha256, content: entry.content, receivedAt: at });
  recordInbound(db, { axis_doc_id: entry.axisDocId, message_type: 'edoc', outcome: 'conflict', document_id: doc.id }, at);
  appendAudit(db, { actor: 'sync', action: 'document.conflict', subject: `document:${doc.id}`, details: { conflict, axisDocId: entry.axisDocId, package: entry.packageSha256 } }, entry.at);
  return 'conflict';
}

/**
 * Keeps what `doc` holds now as a revision (history, not loss): its metadata, attachments and the
 * package they came in. Call inside a write transaction, before changing the document.
 */
export function keepRevision(db: Db, doc: DocumentRow, reason: string, at: string): void {
  recordRevision(db, doc.id, reason, { metadata: metadataOf(doc), senderName: doc.sender_name, packageSha256: doc.package_sha256, attachments: listAttachments(db, doc.id) }, at);
}

/** The document's attachments become `files` (blobs already durable). Call inside a write transaction. */
export function replaceAttachments(db: Db, documentId: number, files: readonly { name: string; contentType: string; sha256: string; size: number }[], at: string): void {
  deleteAttachmentsOf(db, documentId);
  insertAttachments(
    db,
    files.map((file) => ({ documentId, name: file.name, contentType: file.contentType, sha256: file.sha256, size: file.size })),
    at,
  );
}

/** The document takes the conflict's content: columns, attachments and package, the earlier kept as a revision. */
export function takeVersion(db: Db, doc: DocumentRow, conflict: OpenConflict, reason: string, at: string): void {
  keepRevision(db, doc, reason, at);
  const { columns } = conflict.content;
  replaceContentColumns(db, doc.id, Object.fromEntries(CONTENT_COLUMNS.map((column) => [column, columns[column]])), conflict.packageSha256, at);
  replaceAttachments(db, doc.id, conflict.content.attachments, at);
}
