/**
 * The message digest of a signature, computed from the file's byte ranges on disk. One buffer is
 * reused for every read: a read stream allocates a fresh chunk each time, and those chunks pile
 * up as ~30 MB of garbage before V8 collects them.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export type DigestAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const CHUNK = 1 << 20;

export async function digestByteRanges(filePath: string, ranges: readonly (readonly [number, number])[], algorithm: DigestAlgorithm): Promise<Uint8Array> {
  const hash = createHash(algorithm.replace('-', '').toLowerCase());
  const buffer = Buffer.alloc(CHUNK);
  const handle = await open(filePath, 'r');
  try {
    for (const [start, length] of ranges) {
      for (let done = 0; done < length; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, length - done), start + done);
        if (bytesRead === 0) throw new Error(`${filePath} ends inside a signed byte range`);
        hash.update(buffer.subarray(0, bytesRead));
        done += bytesRead;
      }
    }
  } finally {
    await handle.close();
  }
  return new Uint8Array(hash.digest());
}
