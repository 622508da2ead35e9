/**
 * What VanThu keeps of a received document as content: the header columns its package fills and
 * its attachments. Two packages with the same content are the same document sent again, whatever
 * else differs (docs/formats.md#statuses-resent). No SQL and no database here: the exchange domain
 * compares content (exchange/received-again.ts), and every ExchangeStore keeps it as given.
 */
import { createHash } from 'node:crypto';
import type { ReceivedDocument } from './exchange-store.js';

/** The columns of a received document that its package fills (and a newer version may change). */
export const CONTENT_COLUMNS = [
  'sender_name',
  'subject',
  'summary',
  'code_number',
  'code_notation',
  'type_name',
  'promulgation_date',
  'signer_name',
  'signer_position',
  'signer_competence',
  'place',
  'priority',
  'due_date',
] as const satisfies readonly (keyof ContentColumns)[];

/**
 * Named as the documents table names them (its row type extends this one), because conflicts keep
 * them as JSON in this shape: a version stored by an earlier VanThu must still compare equal.
 */
export interface ContentColumns {
  sender_name: string | null;
  subject: string;
  summary: string;
  code_number: string | null;
  code_notation: string | null;
  type_name: string | null;
  promulgation_date: string | null;
  signer_name: string | null;
  signer_position: string;
  signer_competence: string;
  place: string;
  priority: number;
  due_date: string | null;
}

export interface ReceivedFile {
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

export interface ReceivedContent {
  columns: ContentColumns;
  attachments: ReceivedFile[];
}

/** The same for the same content: the columns and each attachment's name and bytes, in order. */
export function contentFingerprint(content: ReceivedContent): string {
  const canonical = JSON.stringify([CONTENT_COLUMNS.map((column) => content.columns[column] ?? null), content.attachments.map((file) => [file.name, file.sha256])]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The documents row of a received document, named as the table names its columns: the bare fields, and what its package brought when given. */
export function receivedDocumentColumns(doc: ReceivedDocument): Record<string, unknown> {
  const bare = { direction: 'incoming', state: 'arrived', subject: doc.subject, sender_id: doc.senderId, sender_name: doc.senderName, edxml_document_id: doc.edxmlDocumentId, received_at: doc.receivedAt };
  const pkg = doc.package;
  if (!pkg) return bare;
  return {
    ...pkg.content,
    ...bare,
    axis_doc_id: pkg.axisDocId,
    package_sha256: pkg.packageSha256,
    to_places: pkg.toPlaces,
    header_fields: pkg.headerFields,
    replaces_id: pkg.replacesId,
  };
}
