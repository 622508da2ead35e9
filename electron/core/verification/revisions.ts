/**
 * The revisions of a PDF (ISO 32000-1 §7.5.6): each incremental update ends with its own %%EOF.
 * A linearized file's first-page cross-reference section points forward to the main one and
 * belongs to the same revision, so it does not count as one of its own.
 */
import type { PdfReader } from '../pdf/pdf-reader.js';

export interface Revision {
  /** 1-based, oldest first. */
  number: number;
  /** The file offset just after this revision's %%EOF and its end-of-line. */
  end: number;
  /** Indices into `reader.sections` (newest first) of this revision's cross-reference sections. */
  sections: number[];
}

const CHUNK = 64 * 1024;
const EOF_MARKER = Buffer.from('%%EOF', 'latin1');

/** Oldest first. */
export async function findRevisions(reader: PdfReader): Promise<Revision[]> {
  const byOffset = new Map(reader.sections.map((section, index) => [section.offset, index]));
  const ends = new Map<number, number[]>();
  const owner = (index: number): number => {
    const section = reader.sections[index]!;
    const prev = section.trailer.get('Prev');
    const forward = typeof prev === 'number' && prev > section.offset ? byOffset.get(prev) : undefined;
    return forward === undefined ? index : owner(forward);
  };
  const endOf = new Map<number, number>();
  for (let index = 0; index < reader.sections.length; index++) {
    const main = owner(index);
    let end = endOf.get(main);
    if (end === undefined) {
      end = await eofAfter(reader, reader.sections[main]!.offset);
      endOf.set(main, end);
    }
    ends.set(end, [...(ends.get(end) ?? []), index]);
  }
  return [...ends.entries()]
    .sort(([a], [b]) => a - b)
    .map(([end, sections], i) => ({ number: i + 1, end, sections }));
}

/** The revision a signature whose byte ranges end at `signedEnd` covers. */
export function revisionOf(revisions: readonly Revision[], signedEnd: number): Revision {
  return revisions.find((revision) => revision.end >= signedEnd) ?? revisions[revisions.length - 1]!;
}

async function eofAfter(reader: PdfReader, offset: number): Promise<number> {
  for (let at = offset; at < reader.size; at += CHUNK - EOF_MARKER.length) {
    const bytes = await reader.readAt(at, CHUNK + 2);
    const found = bytes.indexOf(EOF_MARKER);
    if (found >= 0) {
      let end = at + found + EOF_MARKER.length;
      if (bytes[found + EOF_MARKER.length] === 0x0d) end++;
      if (bytes[end - at] === 0x0a) end++;
      return Math.min(end, reader.size);
    }
  }
  return reader.size;
}
