/**
 * A multipart/form-data body of one file part (RFC 7578), of known length: /sendEdoc takes the
 * package as the part `file_doc`. Written here because the only encoder at hand, fetch's FormData,
 * comes with fetch's streams (http-transport.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Upload } from './http-transport.js';

/** Quotes in a part's name or file name would end the header's quoted string. */
const quoted = (text: string) => `"${text.replace(/["\r\n\\]/g, (char) => encodeURIComponent(char))}"`;

/** A file streamed from `open`, `size` bytes long. */
export interface FileSource {
  size: number;
  open(): AsyncIterable<Uint8Array>;
}

/** The body around the file: bytes at hand are joined into one, a file source streams between its head and tail. */
export function multipartFile(field: string, fileName: string, contentType: string, file: Uint8Array | FileSource): Upload {
  const boundary = `----VanThu${randomBytes(16).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(field)}; filename=${quoted(fileName)}\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const bodyType = `multipart/form-data; boundary=${boundary}`;
  if (file instanceof Uint8Array) return { contentType: bodyType, bytes: Buffer.concat([head, file, tail]) };
  return {
    contentType: bodyType,
    length: head.length + file.size + tail.length,
    // The source's errors (the file unreadable) end the body with the source's own error.
    open: async function* () {
      yield head;
      yield* file.open();
      yield tail;
    },
  };
}
