/**
 * Reads a PDF by offsets through a file handle: the cross-reference chain from `startxref`
 * (classic tables, xref streams, hybrid files, object streams) and then single objects on demand.
 * The file is never read whole, so a 100 MB scan costs what its few changed objects cost.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { asDict, asNumber, isName, PdfDict, PdfFormatError, PdfRef, PdfStream, PdfString, type PdfValue } from './objects.js';
import { NeedMoreData, PdfParser } from './parser.js';
import { StandardDecryptor } from './standard-security.js';

export type XrefEntry =
  | { kind: 'free' }
  | { kind: 'offset'; offset: number; gen: number }
  | { kind: 'compressed'; stream: number; index: number };

/** One cross-reference section: one revision of the file, or the two halves of a linearized one. */
export interface XrefSection {
  offset: number;
  kind: 'table' | 'stream';
  trailer: PdfDict;
  entries: Map<number, XrefEntry>;
}

const FIRST_WINDOW = 4096;
const BLOCK = 64 * 1024;
const MAX_BLOCKS = 16;
const TAIL_WINDOW = 2048;
/** A file this small is read whole, once: most signed documents are, and it saves every later read. */
const WHOLE_FILE = 2 * 1024 * 1024;

/** The file is encrypted and the caller writes to it: VanThu never signs or fills an encrypted PDF. */
export class EncryptedPdfError extends PdfFormatError {
  constructor() {
    super('the file is encrypted, and VanThu does not sign or fill encrypted PDFs');
    this.name = 'EncryptedPdfError';
  }
}

export interface OpenOptions {
  /**
   * 'refuse' (writers: an update to an encrypted file would have to encrypt its new objects) or
   * 'decrypt' (readers: a file that opens without a password is decrypted as it is read).
   */
  encrypted?: 'refuse' | 'decrypt';
}

export class PdfReader {
  /** Keyed by the object stream's file offset: a later revision may rewrite a stream under the same number. */
  private readonly objectStreams = new Map<number, { data: Buffer; offsets: Map<number, number> }>();
  private readonly blocks = new Map<number, Buffer>();
  /** Parsed (and decrypted) objects by file offset: a verifier asks for the same ones several times. */
  private readonly parsed = new Map<number, PdfValue>();
  private decryptor: StandardDecryptor | null = null;
  /** The object number of an indirect /Encrypt dictionary: it is never encrypted itself. */
  private encryptNum = -1;

  private constructor(
    private readonly handle: FileHandle | null,
    /** The whole file, when it is small enough to be read at once. */
    readonly wholeFile: Buffer | null,
    readonly size: number,
    /** Newest first, following /Prev. */
    readonly sections: XrefSection[],
    private readonly entries: Map<number, XrefEntry>,
  ) {}

  static async open(filePath: string, options: OpenOptions = {}): Promise<PdfReader> {
    const handle = await open(filePath, 'r');
    let reader: PdfReader | undefined;
    try {
      const { size } = await handle.stat();
      if (size <= WHOLE_FILE) {
        const bytes = Buffer.alloc(size);
        const { bytesRead } = await handle.read(bytes, 0, size, 0);
        await handle.close();
        reader = new PdfReader(null, bytes.subarray(0, bytesRead), bytesRead, [], new Map());
      } else {
        reader = new PdfReader(handle, null, size, [], new Map());
      }
      const startxref = findStartxref(await reader.readAt(Math.max(0, reader.size - TAIL_WINDOW), TAIL_WINDOW));
      await reader.loadSections(startxref);
      const encrypt = reader.trailerEntry('Encrypt');
      if (encrypt !== undefined) {
        if (options.encrypted !== 'decrypt') throw new EncryptedPdfError();
        await reader.startDecrypting(encrypt);
      }
      return reader;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The file is encrypted (and was opened to be decrypted). */
  get encrypted(): boolean {
    return this.decryptor !== null;
  }

  /** The newest trailer (for an xref stream: its dictionary). */
  get trailer(): PdfDict {
    return this.sections[0]!.trailer;
  }

  /** `key` from the newest trailer that has it: a linearized file's first-page trailer may hold /Encrypt or /ID alone. */
  trailerEntry(key: string): PdfValue | undefined {
    return this.sections.find((section) => section.trailer.get(key) !== undefined)?.trailer.get(key);
  }

  /** Where the newest section starts: the /Prev of the next update. */
  get startxref(): number {
    return this.sections[0]!.offset;
  }

  /** The next free object number. */
  get nextObjectNumber(): number {
    let size = asNumber(this.trailer.get('Size'), 'trailer /Size');
    for (const num of this.entries.keys()) size = Math.max(size, num + 1);
    return size;
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }

  async resolve(value: PdfValue | undefined): Promise<PdfValue | undefined> {
    return value instanceof PdfRef ? this.getObject(value.num) : value;
  }

  async resolveDict(value: PdfValue | undefined, what: string): Promise<PdfDict> {
    return asDict(await this.resolve(value), what);
  }

  /**
   * Object `num` as the file has it now or, with `asOf` (an index into `sections`), as it was when
   * that section was the newest: what a verifier needs to compare a signed revision with later ones.
   */
  async getObject(num: number, asOf = 0): Promise<PdfValue> {
    const entry = this.entryAsOf(num, asOf);
    if (!entry || entry.kind === 'free') return null;
    if (entry.kind === 'offset') {
      const known = this.parsed.get(entry.offset);
      if (known !== undefined) return known;
      let value = await this.parseAt(entry.offset, (parser) => parser.parseIndirectObject(num));
      // Objects inside an object stream are not encrypted one by one: their stream was.
      if (this.decryptor && num !== this.encryptNum) value = this.decryptor.decryptValue(value, num, entry.gen);
      this.parsed.set(entry.offset, value);
      return value;
    }
    const objectStream = await this.loadObjectStream(entry.stream, asOf);
    const offset = objectStream.offsets.get(num);
    if (offset === undefined) throw new PdfFormatError(`object ${num} is missing from object stream ${entry.stream}`);
    const parser = new PdfParser(objectStream.data.subarray(offset));
    return parser.parseValue();
  }

  /** The entry of `num` in the newest of `sections[asOf..]` that lists it. */
  entryAsOf(num: number, asOf = 0): XrefEntry | undefined {
    if (asOf === 0) return this.entries.get(num);
    for (let i = asOf; i < this.sections.length; i++) {
      const entry = this.sections[i]!.entries.get(num);
      if (entry) return entry;
    }
    return undefined;
  }

  /** A stream's bytes as stored (still filtered), decrypted when the file is encrypted. */
  async readRawStream(stream: PdfStream, asOf = 0): Promise<Buffer> {
    const lengthValue = stream.dict.get('Length');
    const length = asNumber(lengthValue instanceof PdfRef ? await this.getObject(lengthValue.num, asOf) : lengthValue, 'stream /Length');
    const raw = await this.readAt(stream.dataOffset, length);
    if (raw.length !== length) throw new PdfFormatError('a stream runs past the end of the file');
    return this.decryptor ? this.decryptor.decryptStream(raw, stream.dict, stream.num, stream.gen) : raw;
  }

  /** Decoded data of a stream that the writer must read (xref and object streams only: they are small). */
  async readStreamData(stream: PdfStream, asOf = 0): Promise<Buffer> {
    const raw = await this.readRawStream(stream, asOf);
    const filter = stream.dict.get('Filter');
    const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
    if (filters.length === 0) return raw;
    if (filters.length !== 1 || !isName(filters[0], 'FlateDecode')) throw new PdfFormatError('only FlateDecode streams can be read');
    const params = await this.resolve(stream.dict.get('DecodeParms'));
    let decoded: Buffer;
    try {
      decoded = inflateSync(raw);
    } catch (error) {
      throw new PdfFormatError(`stream ${stream.num} cannot be decompressed (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!(params instanceof PdfDict)) return decoded;
    const predictor = (params.get('Predictor') as number | undefined) ?? 1;
    if (predictor < 10) {
      if (predictor !== 1) throw new PdfFormatError('TIFF predictors are not supported');
      return decoded;
    }
    return undoPngPredictor(decoded, (params.get('Columns') as number | undefined) ?? 1);
  }

  /**
   * `length` bytes at `offset`, fewer at the end of the file. Small reads go through a few cached
   * blocks: the objects a reader needs cluster at the end of each revision, and one read then
   * serves many of them; a large read (a stream's data) bypasses the cache, so memory stays flat.
   */
  async readAt(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(offset + length, this.size);
    if (end <= offset) return Buffer.alloc(0);
    if (this.wholeFile) return this.wholeFile.subarray(offset, end);
    if (end - offset > BLOCK) return this.readDirect(offset, end - offset);
    const first = Math.floor(offset / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    const parts: Buffer[] = [];
    for (let block = first; block <= last; block++) parts.push(await this.block(block));
    const joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    return joined.subarray(offset - first * BLOCK, end - first * BLOCK);
  }

  private async block(index: number): Promise<Buffer> {
    const cached = this.blocks.get(index);
    if (cached) {
      // Most recently used last, so the first key is the one to evict.
      this.blocks.delete(index);
      this.blocks.set(index, cached);
      return cached;
    }
    const data = await this.readDirect(index * BLOCK, BLOCK);
    this.blocks.set(index, data);
    if (this.blocks.size > MAX_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
    return data;
  }

  private async readDirect(offset: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - offset)));
    const { bytesRead } = await this.handle!.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  }

  /** Parses from `offset` in growing windows until the object fits. */
  private async parseAt<T>(offset: number, parse: (parser: PdfParser) => T): Promise<T> {
    if (this.wholeFile) return parse(new PdfParser(this.wholeFile.subarray(offset), offset, true));
    for (let window = FIRST_WINDOW; ; window *= 4) {
      const bytes = await this.readAt(offset, window);
      try {
        return parse(new PdfParser(bytes, offset, offset + bytes.length >= this.size));
      } catch (error) {
        if (!(error instanceof NeedMoreData)) throw error;
      }
    }
  }

  private async startDecrypting(encrypt: PdfValue): Promise<void> {
    if (encrypt instanceof PdfRef) this.encryptNum = encrypt.num;
    const dict = asDict(await this.resolve(encrypt), '/Encrypt');
    const id = this.trailerEntry('ID');
    const first = Array.isArray(id) ? id[0] : undefined;
    this.decryptor = StandardDecryptor.open(dict, first instanceof PdfString ? first.bytes : new Uint8Array());
  }

  private async loadSections(startxref: number): Promise<void> {
    const seen = new Set<number>();
    for (let offset: number | undefined = startxref; offset !== undefined; ) {
      if (seen.has(offset)) throw new PdfFormatError('the /Prev chain loops');
      seen.add(offset);
      const section = await this.readSection(offset);
      this.sections.push(section);
      // Newer sections win: an entry already known came from a later revision.
      for (const [num, entry] of section.entries) if (!this.entries.has(num)) this.entries.set(num, entry);
      const prev = section.trailer.get('Prev');
      offset = typeof prev === 'number' ? prev : undefined;
    }
  }

  private async readSection(offset: number): Promise<XrefSection> {
    const head = (await this.readAt(offset, 4)).toString('latin1');
    if (head === 'xref') {
      const section = await this.parseAt(offset, parseXrefTable);
      // A hybrid file's table defers the objects of its object streams to /XRefStm.
      const xrefStm = section.trailer.get('XRefStm');
      if (typeof xrefStm === 'number') {
        const hidden = await this.readXrefStream(xrefStm);
        for (const [num, entry] of hidden.entries) {
          const own = section.entries.get(num);
          if (!own || own.kind === 'free') section.entries.set(num, entry);
        }
      }
      return section;
    }
    return this.readXrefStream(offset);
  }

  private async readXrefStream(offset: number): Promise<XrefSection> {
    const stream = await this.parseAt(offset, (parser) => parser.parseIndirectObject());
    if (!(stream instanceof PdfStream) || !isName(stream.dict.get('Type'), 'XRef')) {
      throw new PdfFormatError(`no cross-reference section at offset ${offset}`);
    }
    const data = await this.readStreamData(stream);
    const widths = (stream.dict.get('W') as PdfValue[] | undefined)?.map((width) => asNumber(width, '/W'));
    if (!widths || widths.length !== 3) throw new PdfFormatError('xref stream without a valid /W');
    const index = (stream.dict.get('Index') as number[] | undefined) ?? [0, asNumber(stream.dict.get('Size'), '/Size')];
    const rowLength = widths[0]! + widths[1]! + widths[2]!;
    const entries = new Map<number, XrefEntry>();
    let row = 0;
    for (let i = 0; i + 1 < index.length; i += 2) {
      for (let n = 0; n < index[i + 1]!; n++, row++) {
        let at = row * rowLength;
        const field = (width: number, fallback: number): number => {
          if (width === 0) return fallback;
          let value = 0;
          for (let b = 0; b < width; b++) value = value * 256 + data[at++]!;
          return value;
        };
        if (at + rowLength > data.length) throw new PdfFormatError('xref stream is shorter than its /Index');
        const type = field(widths[0]!, 1);
        const second = field(widths[1]!, 0);
        const third = field(widths[2]!, 0);
        const num = index[i]! + n;
        if (type === 0) entries.set(num, { kind: 'free' });
        else if (type === 1) entries.set(num, { kind: 'offset', offset: second, gen: third });
        else if (type === 2) entries.set(num, { kind: 'compressed', stream: second, index: third });
      }
    }
    return { offset, kind: 'stream', trailer: stream.dict, entries };
  }

  private async loadObjectStream(num: number, asOf: number): Promise<{ data: Buffer; offsets: Map<number, number> }> {
    const entry = this.entryAsOf(num, asOf);
    if (entry?.kind !== 'offset') throw new PdfFormatError(`object stream ${num} is not stored at an offset`);
    const cached = this.objectStreams.get(entry.offset);
    if (cached) return cached;
    const stream = await this.getObject(num, asOf);
    if (!(stream instanceof PdfStream) || !isName(stream.dict.get('Type'), 'ObjStm')) throw new PdfFormatError(`object ${num} is not an object stream`);
    const data = await this.readStreamData(stream, asOf);
    const count = asNumber(stream.dict.get('N'), 'object stream /N');
    const first = asNumber(stream.dict.get('First'), 'object stream /First');
    const header = new PdfParser(data.subarray(0, first));
    const offsets = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const objectNumber = header.readInteger();
      offsets.set(objectNumber, first + header.readInteger());
    }
    const loaded = { data, offsets };
    this.objectStreams.set(entry.offset, loaded);
    return loaded;
  }
}

function findStartxref(tail: Buffer): number {
  const text = tail.toString('latin1');
  const at = text.lastIndexOf('startxref');
  const match = at < 0 ? null : /^startxref\s+(\d+)/.exec(text.slice(at));
  if (!match) throw new PdfFormatError('no startxref at the end of the file (not a PDF, or truncated)');
  return Number(match[1]);
}

function parseXrefTable(parser: PdfParser): XrefSection {
  const offset = parser.base;
  parser.expectKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    parser.skipWhitespace();
    if (parser.bytes[parser.pos] === 0x74 /* t of trailer */) break;
    const start = parser.readInteger();
    const count = parser.readInteger();
    for (let i = 0; i < count; i++) {
      const first = parser.readInteger();
      const gen = parser.readInteger();
      parser.skipWhitespace();
      const type = String.fromCharCode(parser.bytes[parser.pos] ?? 0);
      parser.pos++;
      if (type === 'n') entries.set(start + i, { kind: 'offset', offset: first, gen });
      else if (type === 'f') entries.set(start + i, { kind: 'free' });
      else throw new PdfFormatError(`bad xref entry for object ${start + i}`);
    }
  }
  parser.expectKeyword('trailer');
  const trailer = parser.parseValue();
  if (!(trailer instanceof PdfDict)) throw new PdfFormatError('trailer is not a dictionary');
  return { offset, kind: 'table', trailer, entries };
}

/** PNG predictors (RFC 2083 §6), which xref streams written by Acrobat and qpdf use. */
function undoPngPredictor(data: Buffer, columns: number): Buffer {
  const rowLength = columns + 1;
  const rows = Math.floor(data.length / rowLength);
  const out = Buffer.alloc(rows * columns);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * rowLength]!;
    for (let c = 0; c < columns; c++) {
      const raw = data[r * rowLength + 1 + c]!;
      const left = c > 0 ? out[r * columns + c - 1]! : 0;
      const up = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const upLeft = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      out[r * columns + c] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
