/**
 * An update the receiving clerk agreed to: the new header fields and attachments replace the
 * document's, and what they replace is kept as a revision (history, not loss).
 */
import type { DocumentHeader } from '../../../shared/edxml/model.js';
import type { ExchangeTransaction } from '../store/exchange-store.js';
import { receivedHeaderColumns } from './received-header.js';

interface UpdatePayload {
  header: DocumentHeader;
  /** `contentType` is what the bytes are; payloads stored before it existed have only the sender's label in `meta`. */
  attachments: { name: string; sha256: string; size: number; contentType?: string; meta: { contentType: string } }[];
}

/** Inside the write transaction that answers the request. */
export async function applyUpdate(tx: ExchangeTransaction, doc: { id: number; subject: string }, request: { reason: string; payload: string | null }, at: string): Promise<void> {
  const payload = JSON.parse(request.payload ?? 'null') as UpdatePayload | null;
  if (!payload) return;
  await tx.keepRevision(doc.id, request.reason, at);
  const header = payload.header;
  const columns = receivedHeaderColumns(header);
  await tx.applyUpdatedHeader(
    doc.id,
    {
      subject: header.subject || doc.subject,
      summary: header.content,
      code_number: header.code.codeNumber,
      code_notation: header.code.codeNotation,
      type_name: header.documentType.typeName,
      signer_name: header.signerInfo.fullName,
      signer_position: header.signerInfo.position,
      signer_competence: header.signerInfo.competence,
      priority: Math.min(4, Math.max(0, header.otherInfo.priority || 0)),
      to_places: columns.to_places,
      header_fields: columns.header_fields,
    },
    at,
  );
  if (payload.attachments.length > 0) {
    await tx.replaceAttachments(
      doc.id,
      payload.attachments.map((a) => ({ name: a.name, contentType: a.contentType ?? (a.meta.contentType || 'application/octet-stream'), sha256: a.sha256, size: a.size })),
      at,
    );
  }
}
