/**
 * Writes a stream to a new file, fsynced, hashed on the way (fs/new-file.ts: the caller renames it
 * into place; a failed write leaves no file). The chunks a download arrives in are small (tens of
 * KB): they are written together once they reach WRITE_BYTES, so a package costs the receiving
 * thread a few hand-offs to the disk threads instead of one per chunk, for at most that much
 * memory per download.
 */
import { createHash } from 'node:crypto';
import { writeNewFile } from '../../fs/new-file.js';

const WRITE_BYTES = 128 * 1024;

export async function writeFileDurably(
  destinationPath: string,
  source: AsyncIterable<Uint8Array>,
  onChunk: () => void = () => {},
): Promise<{ size: number; sha256: string }> {
  return writeNewFile(destinationPath, async (file) => {
    const hash = createHash('sha256');
    let size = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      const [chunks, bytes] = [pending, pendingBytes];
      pending = [];
      pendingBytes = 0;
      if (chunks.length === 0) return;
      // A regular file takes fewer bytes than given only when its disk is full.
      const { bytesWritten } = await file.writev(chunks);
      if (bytesWritten !== bytes) throw Object.assign(new Error(`the disk took ${bytesWritten} of ${bytes} bytes`), { code: 'ENOSPC' });
    };
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.byteLength;
      onChunk();
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= WRITE_BYTES) await flush();
    }
    await flush();
    return { size, sha256: hash.digest('hex') };
  });
}
