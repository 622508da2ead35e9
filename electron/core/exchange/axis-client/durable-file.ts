/**
 * Writes a stream to a file through `replaceFile`: after a crash or power loss the destination
 * either does not exist (or holds what it held) or holds every byte.
 */
import { createHash } from 'node:crypto';
import { replaceFileWith } from '../../fs/replace-file.js';

export async function writeFileDurably(
  destinationPath: string,
  source: AsyncIterable<Uint8Array>,
  onChunk: () => void = () => {},
): Promise<{ size: number; sha256: string }> {
  return replaceFileWith(destinationPath, async (file) => {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.byteLength;
      onChunk();
      await file.write(chunk);
    }
    return { size, sha256: hash.digest('hex') };
  });
}
