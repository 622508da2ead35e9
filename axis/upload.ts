/**
 * Receives the multipart upload of /sendEdoc, streaming the one file part to a temp file while
 * hashing it, so that memory does not grow with the package. Past the size limit the rest of
 * the body is read and dropped: answering before the client has finished sending would make
 * many clients see a reset connection instead of the answer.
 */
import busboy from 'busboy';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PackageStorage } from './package-storage.js';

export type UploadResult =
  | { kind: 'file'; tempPath: string; sha256: string; size: number }
  | { kind: 'too_large' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'failed'; error: unknown };

export async function receiveUpload(
  req: IncomingMessage,
  files: PackageStorage,
  options: { field: string; limitBytes: number },
): Promise<UploadResult> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: options.limitBytes } });
  } catch {
    return { kind: 'malformed', reason: 'the body is not multipart/form-data' };
  }
  let saving: Promise<UploadResult> | undefined;
  parser.on('file', (name, stream) => {
    if (name !== options.field || saving) {
      stream.resume();
      return;
    }
    saving = saveToTemp(stream, files);
  });
  try {
    await pipeline(req, parser);
  } catch (error) {
    const saved = await saving;
    if (saved?.kind === 'file') await files.discard(saved.tempPath);
    return { kind: 'malformed', reason: `the multipart body is malformed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return saving ? await saving : { kind: 'malformed', reason: `the multipart body has no ${options.field} part` };
}

async function saveToTemp(stream: Readable & { truncated?: boolean }, files: PackageStorage): Promise<UploadResult> {
  const { tempPath, stream: out } = files.createTemp();
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      out,
    );
  } catch (error) {
    await files.discard(tempPath);
    return { kind: 'failed', error };
  }
  if (stream.truncated) {
    await files.discard(tempPath);
    return { kind: 'too_large' };
  }
  return { kind: 'file', tempPath, sha256: hash.digest('hex'), size };
}
