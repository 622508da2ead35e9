/**
 * Writes a stream to a file so that, after a crash or power loss, the destination either does
 * not exist or holds every byte: temp file beside it, flushed, renamed, directory flushed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { syncDirectory } from '../../fs/sync-directory.js';

export async function writeFileDurably(
  destinationPath: string,
  source: AsyncIterable<Uint8Array>,
  onChunk: () => void = () => {},
): Promise<{ size: number; sha256: string }> {
  const tempPath = `${destinationPath}.${randomUUID()}.part`;
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.byteLength;
          onChunk();
          yield chunk;
        }
      },
      // flush: close() fsyncs the file before the rename makes it visible.
      createWriteStream(tempPath, { flush: true }),
    );
    await rename(tempPath, destinationPath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(destinationPath));
  return { size, sha256: hash.digest('hex') };
}
