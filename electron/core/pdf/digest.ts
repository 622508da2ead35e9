/**
 * Message digests computed from the file's byte ranges on disk, several in one pass: a verifier
 * needs the whole file's hash and each signature's at once, and reading a 100 MB file once beats
 * reading it three times. One buffer is reused for every read: a read stream allocates a fresh
 * chunk each time, and those chunks pile up as ~30 MB of garbage before V8 collects them.
 */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';

export type DigestAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface DigestJob {
  /** [offset, length] pairs in ascending order, not overlapping. */
  ranges: readonly (readonly [number, number])[];
  algorithm: DigestAlgorithm;
}

const CHUNK = 1 << 20;

export async function digestByteRanges(filePath: string, ranges: DigestJob['ranges'], algorithm: DigestAlgorithm): Promise<Uint8Array> {
  return (await digestTogether(filePath, [{ ranges, algorithm }]))[0]!;
}

/** One digest per job, all from a single sequential read of the span the jobs cover (or from the file's bytes, when the caller has them). */
export async function digestTogether(filePath: string | Uint8Array, jobs: readonly DigestJob[]): Promise<Uint8Array[]> {
  const hashes: Hash[] = jobs.map((job) => createHash(job.algorithm.replace('-', '').toLowerCase()));
  for (const job of jobs) {
    job.ranges.forEach(([start, length], i) => {
      const previous = job.ranges[i - 1];
      if (start < 0 || length < 0 || (previous && start < previous[0] + previous[1])) throw new Error('byte ranges must be ascending and not overlap');
    });
  }
  const spans = jobs.flatMap((job) => job.ranges.filter(([, length]) => length > 0));
  if (typeof filePath !== 'string') {
    jobs.forEach((job, j) => {
      for (const [start, length] of job.ranges) {
        if (start + length > filePath.length) throw new Error('the file ends inside a signed byte range');
        hashes[j]!.update(filePath.subarray(start, start + length));
      }
    });
  } else if (spans.length > 0) {
    const from = Math.min(...spans.map(([start]) => start));
    const to = Math.max(...spans.map(([start, length]) => start + length));
    const buffer = Buffer.alloc(Math.min(CHUNK, to - from));
    const handle = await open(filePath, 'r');
    try {
      for (let at = from; at < to; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, to - at), at);
        if (bytesRead === 0) throw new Error(`${filePath} ends inside a signed byte range`);
        const chunkEnd = at + bytesRead;
        jobs.forEach((job, j) => {
          for (const [start, length] of job.ranges) {
            const lo = Math.max(start, at);
            const hi = Math.min(start + length, chunkEnd);
            if (lo < hi) hashes[j]!.update(buffer.subarray(lo - at, hi - at));
          }
        });
        at = chunkEnd;
      }
    } finally {
      await handle.close();
    }
  }
  return hashes.map((hash) => new Uint8Array(hash.digest()));
}
