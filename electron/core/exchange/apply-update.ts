/**
 * An update the receiving clerk agreed to: the new header fields and attachments replace the
 * document's, and what they replace is kept as a revision (history, not loss).
 */
import type { DocumentHeader } from '../../../shared/edxml/model.js';
import type { Db } from '../store/database.js';
import { insertAttachments, listAttachments, metadataOf, type DocumentRow } from '../store/documents.js';
import type { PendingRequestRow } from '../store/requests.js';
import { receivedHeaderColumns } from './received-header.js';

interface UpdatePayload {
  header: DocumentHeader;
  attachments: { name: string; sha256: string; size: number; meta: { contentType: string } }[];
}

export function applyUpdate(db: Db, doc: DocumentRow, request: PendingRequestRow, at: string): void {
  const payload = JSON.parse(request.payload ?? 'null') as UpdatePayload | null;
  if (!payload) return;
  const previous = { metadata: metadataOf(doc), attachments: listAttachments(db, doc.id) };
  db.prepare('INSERT INTO document_revisions (document_id, revised_at, reason, previous) VALUES (?, ?, ?, ?)').run(doc.id, at, request.reason, JSON.stringify(previous));
  const header = payload.header;
  const columns = receivedHeaderColumns(header);
  db.prepare(
    `UPDATE documents SET subject = ?, summary = ?, code_number = ?, code_notation = ?, type_name = ?, signer_name = ?, signer_position = ?,
       signer_competence = ?, priority = ?, to_places = ?, header_fields = ?, updated_at = ? WHERE id = ?`,
  ).run(
    header.subject || doc.subject,
    header.content,
    header.code.codeNumber,
    header.code.codeNotation,
    header.documentType.typeName,
    header.signerInfo.fullName,
    header.signerInfo.position,
    header.signerInfo.competence,
    Math.min(4, Math.max(0, header.otherInfo.priority || 0)),
    columns.to_places,
    columns.header_fields,
    at,
    doc.id,
  );
  if (payload.attachments.length > 0) {
    db.prepare('DELETE FROM attachments WHERE document_id = ?').run(doc.id);
    insertAttachments(
      db,
      payload.attachments.map((a) => ({ documentId: doc.id, name: a.name, contentType: a.meta.contentType || 'application/octet-stream', sha256: a.sha256, size: a.size })),
      at,
    );
  }
}
