/**
 * Reads a received package file (SPEC §3, §5 receive cycle): streamed through the edXML parser,
 * each attachment decoded to a temporary file, unwrapped by the zip rule and stored in the blob
 * store by its SHA-256. Neither the package nor an attachment is ever held whole in memory.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sanitizeAttachmentName } from '../../../../shared/edxml/attachment-name.js';
import type { EdxmlRejectReason } from '../../../../shared/edxml/errors.js';
import type { AttachmentMeta, ParsedPackage } from '../../../../shared/edxml/model.js';
import { createEdxmlParser } from '../../../../shared/edxml/parser.js';
import type { BlobStore, StoredBlob } from '../../store/blob-store.js';
import { TempFileSink } from './temp-file-sink.js';
import { withAttachmentContent } from './zip-rule.js';

export { BadAttachmentError } from './zip-rule.js';

/** Why a package goes to quarantine: the parser's reasons, or an attachment the zip rule refuses. */
export type PackageRejectReason = EdxmlRejectReason | 'bad_attachment';

export interface ReadAttachment {
  meta: AttachmentMeta;
  sha256: string;
  size: number;
  /** AttachmentName made safe to show and save (shared/edxml/attachment-name.ts). */
  name: string;
}

export interface ReadPackage {
  parsed: ParsedPackage;
  attachments: ReadAttachment[];
}

const READ_CHUNK_BYTES = 64 * 1024;
const HEAD_BYTES = 8;

/** Stores a stream, keeping its first bytes to name a file that came without a name. */
async function storeKeepingHead(blobs: BlobStore, content: Readable): Promise<StoredBlob & { head: Uint8Array }> {
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      done(null, chunk);
    },
  });
  const [stored] = await Promise.all([blobs.putStream(tap), pipeline(content, tap)]);
  return { ...stored, head };
}

/** Throws EdxmlParseError or BadAttachmentError, whose `reason` is a PackageRejectReason. */
export async function readPackageFile(packagePath: string, blobs: BlobStore): Promise<ReadPackage> {
  // Inside the blob store's own temp folder: on the same disk, and cleared at start-up after a crash.
  const dir = blobs.tempPath('.edxml');
  await mkdir(dir);
  const sink = new TempFileSink(dir);
  try {
    const parser = createEdxmlParser(sink);
    for await (const chunk of createReadStream(packagePath, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES })) {
      parser.write(chunk as string);
      await sink.settle();
    }
    const parsed = parser.close();
    await sink.settle();
    const metas = parsed.kind === 'document' ? parsed.package.attachments : [];
    const attachments: ReadAttachment[] = [];
    for (const [index, meta] of metas.entries()) {
      const { sha256, size, head } = await withAttachmentContent(sink.files[index]!, (content) => storeKeepingHead(blobs, content));
      attachments.push({ meta, sha256, size, name: sanitizeAttachmentName(meta.attachmentName, index + 1, head) });
    }
    return { parsed, attachments };
  } finally {
    await sink.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
