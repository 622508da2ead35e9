/**
 * The zip rule (docs/formats.md#edxml-attachments): VNPT's library zips each file (one entry) before base64, whatever the
 * ContentType says, so decoded bytes starting `PK\x03\x04` are unzipped, anything else is the
 * file itself. A wrapper holds exactly one file, so a zip of several files (an Office document —
 * docx, xlsx, odt — or a .zip a clerk attached on purpose) is kept whole, as the file itself.
 * A zip that cannot be read, or a wrapper whose one file is encrypted or named with an absolute
 * or `..` path (yauzl refuses those names itself), or whose content does not match the CRC-32 or
 * size its entry declares (the only digest an edXML attachment carries), is a bad attachment; one
 * that unzips to more than the receive limits allow (receive-limits.ts) is a zip bomb.
 */
import { Transform, type Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { attachmentCap, attachmentTooLarge, DiskFullError, UnzippedTooLargeError, type WriteBudget } from './receive-limits.js';

export class BadAttachmentError extends Error {
  readonly reason = 'bad_attachment';

  constructor(message: string) {
    super(message);
    this.name = 'BadAttachmentError';
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const MAX_ENTRIES = 10_000;

/** Whether a file's first bytes (at least four of them, when it has them) open a zip. */
function startsWithZipMagic(head: Uint8Array): boolean {
  return head.length >= ZIP_MAGIC.length && ZIP_MAGIC.equals(head.subarray(0, ZIP_MAGIC.length));
}

function fileEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const files: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      if (!entry.fileName.endsWith('/')) files.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(files));
    zip.once('error', reject);
    zip.readEntry();
  });
}

const badZip = (error: unknown) => new BadAttachmentError(`the attachment is a damaged zip: ${(error as Error).message}`);

/**
 * Passes the bytes through, counting them against the attachment's cap and the package's budget
 * (whatever the zip declares: its sizes may lie), and fails at their end unless they have the
 * CRC-32 the zip declares (yauzl does not check it).
 */
function checkContent(declared: number, cap: number, zippedBytes: number, budget: WriteBudget): Transform {
  let crc = 0;
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > cap) return done(attachmentTooLarge(zippedBytes, cap));
      try {
        budget.take(chunk.length);
      } catch (error) {
        return done(error as Error);
      }
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      done(crc === declared ? null : new Error(`its content does not match the CRC-32 the zip declares for it`));
    },
  });
}

/** Errors of the limits are the package's or the disk's, not a damaged zip's. */
const isLimit = (error: unknown) => error instanceof UnzippedTooLargeError || error instanceof DiskFullError;

/**
 * The zip rule applied to a decoded attachment of `size` bytes, whose first bytes the writer kept
 * (`head`): null when the file is its own content (not a zip, or a zip of several files),
 * otherwise what `consume` made of the wrapper's one file, streamed, within the attachment's cap
 * and the package's `budget`.
 */
export async function unwrapAttachment<T>(file: string, size: number, head: Uint8Array, budget: WriteBudget, consume: (content: Readable) => Promise<T>): Promise<T | null> {
  if (!startsWithZipMagic(head)) return null;
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false }).catch((error: unknown) => {
    throw badZip(error);
  });
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new BadAttachmentError(`the attachment is a zip of ${zip.entryCount} entries`);
    const files = await fileEntries(zip).catch((error: unknown) => {
      throw badZip(error);
    });
    if (files.length !== 1) return null;
    const entry = files[0]!;
    if (entry.isEncrypted()) throw new BadAttachmentError('the attachment is an encrypted zip');
    // What the entry declares is refused before a byte is read; what it holds is counted as it streams.
    const cap = attachmentCap(size);
    if (entry.uncompressedSize > cap) throw attachmentTooLarge(size, cap);
    budget.expect(entry.uncompressedSize);
    const content = await zip.openReadStreamPromise(entry).catch((error: unknown) => {
      throw badZip(error);
    });
    // Corrupt data or a size or CRC-32 that lies surfaces as an error of these streams, not of the consumer.
    let contentError: unknown;
    const checked = checkContent(entry.crc32, cap, size, budget);
    content.once('error', (error) => {
      contentError = error;
      checked.destroy(error);
    });
    checked.once('error', (error) => {
      contentError ??= error;
      // Stopped at the cap: yauzl keeps the file open until every entry stream has ended.
      content.destroy();
    });
    content.pipe(checked);
    try {
      return await consume(checked);
    } catch (error) {
      if (contentError === undefined) throw error;
      throw isLimit(contentError) ? contentError : badZip(contentError);
    }
  } finally {
    zip.close();
  }
}
