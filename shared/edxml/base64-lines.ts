/**
 * Streams bytes out as base64 in lines of 76 characters (the MIME layout receivers expect),
 * one block of lines at a time, so a large attachment never exists as one string.
 */
import { encodeBase64 } from '../text/base64.js';

const LINE_BYTES = 57; // 76 base64 characters
const LINE_CHARS = 76;
const BLOCK_BYTES = LINE_BYTES * 1024; // about 78 KB of text per chunk

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

function encodeLines(bytes: Uint8Array): string {
  const text = encodeBase64(bytes);
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += LINE_CHARS) lines.push(`${text.slice(start, start + LINE_CHARS)}\n`);
  return lines.join('');
}

/** Yields complete lines, each ending with a newline; nothing for an empty source. */
export async function* base64Lines(source: ByteSource): AsyncGenerator<string> {
  const block = new Uint8Array(BLOCK_BYTES);
  let filled = 0;
  for await (const chunk of source) {
    let offset = 0;
    while (offset < chunk.length) {
      const taken = Math.min(BLOCK_BYTES - filled, chunk.length - offset);
      block.set(chunk.subarray(offset, offset + taken), filled);
      filled += taken;
      offset += taken;
      if (filled === BLOCK_BYTES) {
        yield encodeLines(block);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield encodeLines(block.subarray(0, filled));
}
