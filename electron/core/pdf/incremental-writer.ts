/**
 * Appends one incremental update (ISO 32000-1 §7.5.6): the given objects, then a cross-reference
 * section of the same kind as the file's newest one, chained to it with /Prev. Earlier bytes are
 * never touched, which is what keeps earlier signatures valid.
 */
import { open } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { dict, name, type PdfDict, type PdfRef, type PdfValue } from './objects.js';
import type { PdfReader } from './pdf-reader.js';
import { serialize } from './serialize.js';

export interface UpdateObject {
  ref: PdfRef;
  /** Serialized by the writer, or written as given when the caller must know where its bytes land. */
  value: PdfValue | { raw: string };
  /** Makes the object a stream with this (unfiltered) data. */
  streamData?: Buffer;
}

/** The file offset where each written object's body (after `N G obj\n`) starts. */
export type WrittenOffsets = Map<number, number>;

const CARRIED_TRAILER_KEYS = ['Root', 'Info', 'ID'];

export async function appendUpdate(filePath: string, reader: PdfReader, objects: UpdateObject[]): Promise<WrittenOffsets> {
  const chunks: Buffer[] = [Buffer.from('\n', 'latin1')];
  let position = reader.size + 1;
  const objectOffsets = new Map<number, { offset: number; gen: number }>();
  const bodyOffsets: WrittenOffsets = new Map();
  const push = (text: string | Buffer): void => {
    const chunk = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    chunks.push(chunk);
    position += chunk.length;
  };

  for (const object of objects) {
    objectOffsets.set(object.ref.num, { offset: position, gen: object.ref.gen });
    push(`${object.ref.num} ${object.ref.gen} obj\n`);
    bodyOffsets.set(object.ref.num, position);
    if (object.streamData) {
      const streamDict = (object.value as PdfDict).clone().set('Length', object.streamData.length);
      push(`${serialize(streamDict)}\nstream\n`);
      push(object.streamData);
      push('\nendstream');
    } else {
      const value = object.value;
      push(isRaw(value) ? value.raw : serialize(value));
    }
    push('\nendobj\n');
  }

  const trailerEntries = carriedTrailer(reader);
  if (reader.sections[0]!.kind === 'table') {
    const size = Math.max(reader.nextObjectNumber, ...objects.map((object) => object.ref.num + 1));
    const xrefOffset = position;
    push(`xref\n${xrefTable(objectOffsets)}`);
    trailerEntries.set('Size', size).set('Prev', reader.startxref);
    push(`trailer\n${serialize(trailerEntries)}\nstartxref\n${xrefOffset}\n%%EOF\n`);
  } else {
    const xrefNum = Math.max(reader.nextObjectNumber, ...objects.map((object) => object.ref.num + 1));
    const xrefOffset = position;
    objectOffsets.set(xrefNum, { offset: xrefOffset, gen: 0 });
    const { index, data } = xrefStreamRows(objectOffsets);
    const compressed = deflateSync(data);
    const streamDict = trailerEntries
      .set('Type', name('XRef'))
      .set('Size', xrefNum + 1)
      .set('Prev', reader.startxref)
      .set('W', [1, 4, 2])
      .set('Index', index)
      .set('Filter', name('FlateDecode'))
      .set('Length', compressed.length);
    push(`${xrefNum} 0 obj\n${serialize(streamDict)}\nstream\n`);
    push(compressed);
    push(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`);
  }

  const handle = await open(filePath, 'r+');
  try {
    // Positional writes at the size the reader saw: a file changed since then fails below.
    const { size } = await handle.stat();
    if (size !== reader.size) throw new Error(`${filePath} changed while it was being updated`);
    let at = reader.size;
    for (const chunk of chunks) {
      await handle.write(chunk, 0, chunk.length, at);
      at += chunk.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return bodyOffsets;
}

function isRaw(value: UpdateObject['value']): value is { raw: string } {
  return typeof value === 'object' && value !== null && 'raw' in value;
}

/** /Root, /Info and /ID from the newest trailer that has them (a linearized file splits them). */
function carriedTrailer(reader: PdfReader): PdfDict {
  const trailer = dict({});
  for (const key of CARRIED_TRAILER_KEYS) {
    const section = reader.sections.find((candidate) => candidate.trailer.get(key) !== undefined);
    const value = section?.trailer.get(key);
    if (value !== undefined) trailer.set(key, value);
  }
  return trailer;
}

function runs(numbers: number[]): [number, number[]][] {
  const result: [number, number[]][] = [];
  for (const num of [...numbers].sort((a, b) => a - b)) {
    const last = result.at(-1);
    if (last && last[0] + last[1].length === num) last[1].push(num);
    else result.push([num, [num]]);
  }
  return result;
}

function xrefTable(offsets: Map<number, { offset: number; gen: number }>): string {
  let text = '';
  for (const [start, nums] of runs([...offsets.keys()])) {
    text += `${start} ${nums.length}\n`;
    for (const num of nums) {
      const { offset, gen } = offsets.get(num)!;
      // Each entry is exactly 20 bytes (§7.5.4).
      text += `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`;
    }
  }
  return text;
}

function xrefStreamRows(offsets: Map<number, { offset: number; gen: number }>): { index: number[]; data: Buffer } {
  const index: number[] = [];
  const rows: Buffer[] = [];
  for (const [start, nums] of runs([...offsets.keys()])) {
    index.push(start, nums.length);
    for (const num of nums) {
      const { offset, gen } = offsets.get(num)!;
      const row = Buffer.alloc(7);
      row.writeUInt8(1, 0);
      row.writeUInt32BE(offset, 1);
      row.writeUInt16BE(gen, 5);
      rows.push(row);
    }
  }
  return { index, data: Buffer.concat(rows) };
}
