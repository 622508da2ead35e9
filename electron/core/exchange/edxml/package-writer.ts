/**
 * Writes an outgoing package file: the builder's chunks streamed into a new file, fsynced
 * (fs/new-file.ts). The blob store's adoptFile then renames it into place and flushes its folder,
 * so a crash never leaves a partial package under the name the outbox refers to.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import { sanitizeAttachmentName } from '../../../../shared/edxml/attachment-name.js';
import { buildDocumentPackage } from '../../../../shared/edxml/builder.js';
import type { DocumentPackage } from '../../../../shared/edxml/model.js';
import { writeNewFile } from '../../fs/new-file.js';

export interface WritePackageOptions {
  /** Wrap each attachment in a one-entry zip before base64, for axes whose receivers expect VNPT's form (docs/formats.md#edxml). */
  zipAttachments: boolean;
}

function zipped(file: string, entryName: string): Readable {
  const zip = new yazl.ZipFile();
  zip.addReadStream(createReadStream(file), entryName);
  zip.end();
  return zip.outputStream as Readable;
}

/** Small builder chunks are gathered into writes of about this size. */
const WRITE_BATCH_CHARS = 64 * 1024;

async function writeDurably(destPath: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<WrittenPackage> {
  return writeNewFile(destPath, async (file) => {
    const hash = createHash('sha256');
    let size = 0;
    let pending = '';
    const flush = async () => {
      const bytes = Buffer.from(pending, 'utf8');
      pending = '';
      hash.update(bytes);
      size += bytes.length;
      await file.writeFile(bytes);
    };
    for await (const chunk of chunks) {
      pending += chunk;
      if (pending.length >= WRITE_BATCH_CHARS) await flush();
    }
    await flush();
    return { sha256: hash.digest('hex'), size };
  });
}

/** What was written: the SHA-256 and size, computed on the way, so nobody reads the file again to learn them. */
export interface WrittenPackage {
  sha256: string;
  size: number;
}

/** `attachmentFiles` maps each attachment's ContentId to the file holding its bytes. */
export async function writePackageFile(
  destPath: string,
  pkg: DocumentPackage,
  attachmentFiles: ReadonlyMap<string, string>,
  options: WritePackageOptions,
): Promise<WrittenPackage> {
  const entryNames = new Map(pkg.attachments.map((meta, index) => [meta.contentId, sanitizeAttachmentName(meta.attachmentName, index + 1)]));
  for (const contentId of entryNames.keys()) {
    if (!attachmentFiles.has(contentId)) throw new Error(`no file given for attachment ${contentId}`);
  }
  const chunks = buildDocumentPackage(pkg, (contentId) => {
    const file = attachmentFiles.get(contentId)!;
    return options.zipAttachments ? zipped(file, entryNames.get(contentId)!) : createReadStream(file);
  });
  return writeDurably(destPath, chunks);
}
