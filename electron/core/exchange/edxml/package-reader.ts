/**
 * Reads a received package file (docs/formats.md#edxml-reading): streamed through the edXML
 * parser, each attachment decoded to a temporary file, unwrapped by the zip rule and stored in the
 * blob store by its SHA-256. Neither the package nor an attachment is ever held whole in memory,
 * and what it writes meanwhile is held to the receive limits (receive-limits.ts).
 */
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sanitizeAttachmentName } from '../../../../shared/edxml/attachment-name.js';
import { contentTypeOf } from '../../../../shared/edxml/content-type.js';
import type { EdxmlRejectReason } from '../../../../shared/edxml/errors.js';
import type { AttachmentMeta, ParsedPackage } from '../../../../shared/edxml/model.js';
import { createEdxmlParser } from '../../../../shared/edxml/parser.js';
import type { BlobStore, StoredBlob } from '../../store/blob-store.js';
import { decodeBase64Natively } from './native-base64.js';
import { KEEP_FREE_BYTES, roomToReceive, WriteBudget } from './receive-limits.js';
import { HEAD_BYTES, TempFileSink } from './temp-file-sink.js';
import { unwrapAttachment } from './zip-rule.js';

export { BadAttachmentError } from './zip-rule.js';

/** Why a package goes to quarantine: the parser's reasons, an attachment the zip rule refuses, or a zip bomb. */
export type PackageRejectReason = EdxmlRejectReason | 'bad_attachment' | 'unzipped_too_large';

export interface ReadAttachment {
  meta: AttachmentMeta;
  sha256: string;
  size: number;
  /** AttachmentName made safe to show and save (shared/edxml/attachment-name.ts). */
  name: string;
  /** What the stored bytes are (shared/edxml/content-type.ts), whatever the package's ContentType said. */
  contentType: string;
}

export interface ReadPackage {
  parsed: ParsedPackage;
  attachments: ReadAttachment[];
}

interface AttachmentMetaAt {
  meta: AttachmentMeta;
  index: number;
}

const READ_CHUNK_BYTES = 64 * 1024;

/** Stages a stream for the store, keeping its first bytes to name a file that came without a name. */
async function stageKeepingHead(blobs: BlobStore, content: Readable): Promise<StoredBlob & { tempPath: string; head: Uint8Array }> {
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      done(null, chunk);
    },
  });
  // Both settle before this returns: a failed stream must not leave its temp file to a cleanup
  // that finishes after the reader said it was done.
  const [stored, piped] = await Promise.allSettled([blobs.stageStream(tap), pipeline(content, tap)]);
  if (piped.status === 'rejected') {
    if (stored.status === 'fulfilled') await rm(stored.value.tempPath, { force: true });
    throw piped.reason;
  }
  if (stored.status === 'rejected') throw stored.reason;
  return { ...stored.value, head };
}

/**
 * Throws EdxmlParseError, BadAttachmentError or UnzippedTooLargeError, whose `reason` is a
 * PackageRejectReason, or DiskFullError when the disk has no room for the package now
 * (`keepFreeBytes`: what must stay free on it).
 */
export async function readPackageFile(packagePath: string, blobs: BlobStore, keepFreeBytes = KEEP_FREE_BYTES): Promise<ReadPackage> {
  const budget = new WriteBudget((await stat(packagePath)).size, await roomToReceive(blobs.root, keepFreeBytes));
  // Inside the blob store's own temp folder: on the same disk, and cleared at start-up after a crash.
  const sink = new TempFileSink(() => blobs.tempPath('.attachment'), budget);
  const staged: (AttachmentMetaAt & StoredBlob & { tempPath: string; head: Uint8Array })[] = [];
  const adopted = new Set<string>();
  try {
    const parser = createEdxmlParser(sink, { decodeBase64: decodeBase64Natively });
    for await (const chunk of createReadStream(packagePath, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES })) {
      parser.write(chunk as string);
      await sink.settle();
    }
    const parsed = parser.close();
    await sink.settle();
    const metas = parsed.kind === 'document' ? parsed.package.attachments : [];
    for (const [index, meta] of metas.entries()) {
      const decoded = sink.files[index]!;
      // A zip wrapper's one file is staged anew; any other decoded file is already staged as it is.
      const unwrapped = await unwrapAttachment(decoded.path, decoded.size, decoded.head, budget, (content) => stageKeepingHead(blobs, content));
      staged.push({ meta, index, ...(unwrapped ?? { tempPath: decoded.path, sha256: decoded.sha256, size: decoded.size, head: decoded.head }) });
    }
    // Only once every attachment has passed does any reach the store: a package refused at its
    // last attachment leaves none of the others behind.
    const attachments: ReadAttachment[] = [];
    for (const { meta, index, tempPath, sha256, size, head } of staged) {
      await blobs.adoptFile(tempPath, { sha256, size });
      adopted.add(tempPath);
      const name = sanitizeAttachmentName(meta.attachmentName, index + 1, head);
      attachments.push({ meta, sha256, size, name, contentType: contentTypeOf(head, name) });
    }
    return { parsed, attachments };
  } finally {
    await sink.dispose();
    // What was adopted is gone already; what was not (a zip wrapper, a package refused) goes now.
    const left = new Set([...staged.map((file) => file.tempPath), ...sink.files.map((file) => file.path)].filter((file) => !adopted.has(file)));
    await Promise.all([...left].map((file) => rm(file, { force: true })));
  }
}
