/**
 * Packages this agency sends, written once into the blob store: the outbox names them by
 * SHA-256, and the same bytes go to the axis on every try.
 */
import type { DocumentPackage, StatusPackage } from '../../../shared/edxml/model.js';
import type { AttachmentInfo } from '../../../shared/api/documents.js';
import type { BlobStore } from '../store/blob-store.js';
import { contentIdOf } from './package-contents.js';
import { writePackageFile } from './edxml/package-writer.js';

export async function storeDocumentPackage(blobs: BlobStore, pkg: DocumentPackage, attachments: readonly AttachmentInfo[], zipAttachments: boolean): Promise<string> {
  const files = new Map(attachments.map((attachment, index) => [contentIdOf(index + 1), blobs.pathOf(attachment.sha256)]));
  const temp = blobs.tempPath('.xml');
  return (await blobs.adoptFile(temp, await writePackageFile(temp, pkg, files, { zipAttachments }))).sha256;
}

export async function storeStatusPackage(blobs: BlobStore, status: StatusPackage): Promise<string> {
  const temp = blobs.tempPath('.xml');
  return (await blobs.adoptFile(temp, await writePackageFile(temp, status, new Map(), { zipAttachments: false }))).sha256;
}
