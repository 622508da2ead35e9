/**
 * Writes a stream to a new file, fsynced, hashed on the way (fs/new-file.ts: the caller renames it
 * into place; a failed write leaves no file).
 */
import { createHash } from 'node:crypto';
import { writeNewFile } from '../../fs/new-file.js';

export async function writeFileDurably(
  destinationPath: string,
  source: AsyncIterable<Uint8Array>,
  onChunk: () => void = () => {},
): Promise<{ size: number; sha256: string }> {
  return writeNewFile(destinationPath, async (file) => {
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
