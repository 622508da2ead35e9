/**
 * Signatures found by their byte ranges alone, for a PDF whose structure cannot be read (a
 * damaged cross-reference section or object stream): every /ByteRange [0 b c d] whose gap is a
 * hex string is a signature. Its integrity and its signer can still be checked, since the hash
 * covers bytes, not objects; the damage itself is reported with each signature. The file is read
 * in chunks, so memory stays flat.
 */
import { open } from 'node:fs/promises';
import { PdfString } from '../pdf/objects.js';
import { PdfParser } from '../pdf/parser.js';
import type { ExistingSignature } from '../pdf/signatures.js';

export interface ScannedPdf {
  signatures: ExistingSignature[];
  /** The offsets just after each %%EOF line: where each revision ends. */
  revisionEnds: number[];
}

const CHUNK = 1 << 20;
/** Longer than any match, so a match split between two chunks is whole in one of them. */
const OVERLAP = 256;
const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/g;
const EOF_LINE = /%%EOF\r?\n?/g;
/** A CMS with a long chain and a time-stamp stays far below this. */
const MAX_CONTENTS = 4 << 20;

export async function scanSignatures(file: string): Promise<ScannedPdf> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const ranges = new Map<string, number[]>();
    const ends = new Set<number>();
    const buffer = Buffer.alloc(CHUNK + OVERLAP);
    for (let at = 0; at < size; at += CHUNK) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
      const text = buffer.toString('latin1', 0, bytesRead);
      for (const match of text.matchAll(BYTE_RANGE)) {
        const values = match.slice(1, 5).map(Number);
        ranges.set(values.join(' '), values);
      }
      for (const match of text.matchAll(EOF_LINE)) {
        // A %%EOF cut by the chunk's end is found whole in the next chunk.
        if (match.index + match[0].length < bytesRead || at + bytesRead === size) ends.add(at + match.index + match[0].length);
      }
    }
    const signatures: ExistingSignature[] = [];
    for (const [a, b, c, d] of ranges.values() as IterableIterator<[number, number, number, number]>) {
      if (a !== 0 || c <= b + 1 || c - b > MAX_CONTENTS || c + d > size) continue;
      const gap = Buffer.alloc(c - b);
      await handle.read(gap, 0, gap.length, b);
      if (gap[0] !== 0x3c || gap[gap.length - 1] !== 0x3e) continue;
      let contents: PdfString;
      try {
        const value = new PdfParser(gap).parseValue();
        if (!(value instanceof PdfString)) continue;
        contents = value;
      } catch {
        continue;
      }
      signatures.push({ fieldName: undefined, subFilter: undefined, byteRange: [a, b, c, d], contents: contents.bytes, signingTime: undefined, certification: null, lock: null, documentTimestamp: false });
    }
    signatures.sort((x, y) => x.byteRange[2]! + x.byteRange[3]! - (y.byteRange[2]! + y.byteRange[3]!));
    return { signatures, revisionEnds: [...ends].sort((x, y) => x - y) };
  } finally {
    await handle.close();
  }
}
