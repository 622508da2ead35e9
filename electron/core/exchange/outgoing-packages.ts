/**
 * Packages this agency sends, built once: the same bytes go to the axis on every try. A document
 * package is written into the blob store (it carries the attachments and stays the document's
 * record); a status package, a few KB, is kept in its outbox row and committed with it
 * (docs/reliability.md#status-packages).
 */
import { createHash } from 'node:crypto';
import { buildStatusPackage } from '../../../shared/edxml/builder.js';
import type { DocumentPackage, StatusPackage } from '../../../shared/edxml/model.js';
import type { AttachmentInfo } from '../../../shared/api/documents.js';
import type { BlobStore } from '../store/blob-store.js';
import type { NewOutbox } from '../store/exchange-store.js';
import { contentIdOf } from './package-contents.js';
import { writePackageFile } from './edxml/package-writer.js';

export async function storeDocumentPackage(blobs: BlobStore, pkg: DocumentPackage, attachments: readonly AttachmentInfo[], zipAttachments: boolean): Promise<string> {
  const files = new Map(attachments.map((attachment, index) => [contentIdOf(index + 1), blobs.pathOf(attachment.sha256)]));
  const temp = blobs.tempPath('.xml');
  return (await blobs.adoptFile(temp, await writePackageFile(temp, pkg, files, { zipAttachments }))).sha256;
}

/** A status package's bytes, for its outbox row, and their SHA-256, which names the package as a blob's would. */
export interface PackedStatus {
  sha256: string;
  bytes: Buffer;
}

export function packStatusPackage(status: StatusPackage): PackedStatus {
  const bytes = Buffer.from([...buildStatusPackage(status)].join(''), 'utf8');
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/** The outbox entry that sends a status package to the one it answers: the package travels in the row. */
export function statusEntry(documentId: number, status: PackedStatus, addressee: string, code: string, notBefore?: string): NewOutbox {
  return { documentId, messageType: 'status', packageSha256: status.sha256, packageBytes: status.bytes, recipients: [addressee], purpose: `status:${code}`, notBefore };
}
