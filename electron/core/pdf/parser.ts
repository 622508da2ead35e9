/**
 * A minimal tokenizer and object parser for PDF syntax (ISO 32000-1 §7.2–7.3). It parses a window
 * of the file; when an object runs past the window it throws NeedMoreData and the reader retries
 * with a larger one, so only the objects the writer needs are ever read.
 */
import { PdfDict, PdfFormatError, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './objects.js';

export class NeedMoreData extends Error {}
/** Thrown often while a window grows: one instance, so no stack trace is captured each time. */
const NEED_MORE_DATA = new NeedMoreData('the object runs past the window');

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const END = -1;
const HEX_SPACE = -2;
/** Each byte's hex digit value; HEX_SPACE for whitespace, -1 for anything else. */
const HEX_VALUES = Int8Array.from({ length: 256 }, (_, byte) => {
  if (WHITESPACE.has(byte)) return HEX_SPACE;
  const digit = '0123456789abcdef'.indexOf(String.fromCharCode(byte).toLowerCase());
  return digit;
});

export class PdfParser {
  pos = 0;

  /**
   * @param base the file offset of bytes[0], so stream data offsets come out as file offsets
   * @param atEof bytes reach the end of the file: running out means the object is truncated
   */
  constructor(readonly bytes: Uint8Array, readonly base = 0, readonly atEof = true) {}

  private at(index: number): number {
    if (index < this.bytes.length) return this.bytes[index]!;
    if (!this.atEof) throw NEED_MORE_DATA;
    return END;
  }

  skipWhitespace(): void {
    for (;;) {
      const byte = this.at(this.pos);
      if (byte === 0x25) {
        while (![0x0a, 0x0d, END].includes(this.at(this.pos))) this.pos++;
      } else if (WHITESPACE.has(byte)) {
        this.pos++;
      } else {
        return;
      }
    }
  }

  /** A run of regular characters: a number, keyword or the body of a name. */
  private regularToken(): string {
    const start = this.pos;
    for (;;) {
      const byte = this.at(this.pos);
      if (byte === END || WHITESPACE.has(byte) || DELIMITERS.has(byte)) break;
      this.pos++;
    }
    return Buffer.from(this.bytes.subarray(start, this.pos)).toString('latin1');
  }

  expectKeyword(keyword: string): void {
    this.skipWhitespace();
    const token = this.regularToken();
    if (token !== keyword) throw new PdfFormatError(`expected "${keyword}" at offset ${this.base + this.pos}, found "${token}"`);
  }

  readInteger(): number {
    this.skipWhitespace();
    const token = this.regularToken();
    if (!/^\d+$/.test(token)) throw new PdfFormatError(`expected an integer at offset ${this.base + this.pos}, found "${token}"`);
    return Number(token);
  }

  /** `N G obj value [stream] endobj`: returns the value; a stream's data is left on disk. */
  parseIndirectObject(expectedNum?: number): PdfValue {
    const num = this.readInteger();
    const gen = this.readInteger();
    this.expectKeyword('obj');
    if (expectedNum !== undefined && num !== expectedNum) {
      throw new PdfFormatError(`object ${expectedNum} expected at offset ${this.base}, found object ${num}`);
    }
    const value = this.parseValue();
    if (!(value instanceof PdfDict)) return value;
    this.skipWhitespace();
    if (this.bytes.length - this.pos >= 6 && this.peekKeyword('stream')) {
      this.pos += 6;
      // The keyword is followed by CRLF or LF (§7.3.8.1); a lone CR is tolerated.
      if (this.at(this.pos) === 0x0d) this.pos++;
      if (this.at(this.pos) === 0x0a) this.pos++;
      return new PdfStream(value, this.base + this.pos, num, gen);
    }
    return value;
  }

  private peekKeyword(keyword: string): boolean {
    for (let i = 0; i < keyword.length; i++) if (this.at(this.pos + i) !== keyword.charCodeAt(i)) return false;
    return true;
  }

  parseValue(): PdfValue {
    this.skipWhitespace();
    const byte = this.at(this.pos);
    if (byte === 0x2f) {
      this.pos++;
      return new PdfName(decodeName(this.regularToken()));
    }
    if (byte === 0x3c) {
      if (this.at(this.pos + 1) === 0x3c) return this.parseDict();
      return this.parseHexString();
    }
    if (byte === 0x28) return this.parseLiteralString();
    if (byte === 0x5b) return this.parseArray();
    if (byte === END) throw new PdfFormatError('unexpected end of file inside an object');
    const start = this.pos;
    const token = this.regularToken();
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
      if (/^\d+$/.test(token)) {
        const ref = this.tryRefAfter(Number(token));
        if (ref) return ref;
      }
      return Number(token);
    }
    throw new PdfFormatError(`unexpected "${token || String.fromCharCode(byte)}" at offset ${this.base + start}`);
  }

  private tryRefAfter(num: number): PdfRef | undefined {
    const save = this.pos;
    this.skipWhitespace();
    const gen = this.regularToken();
    if (/^\d+$/.test(gen)) {
      this.skipWhitespace();
      if (this.regularToken() === 'R') return new PdfRef(num, Number(gen));
    }
    this.pos = save;
    return undefined;
  }

  private parseDict(): PdfDict {
    this.pos += 2;
    const result = new PdfDict();
    for (;;) {
      this.skipWhitespace();
      if (this.at(this.pos) === 0x3e && this.at(this.pos + 1) === 0x3e) {
        this.pos += 2;
        return result;
      }
      const key = this.parseValue();
      if (!(key instanceof PdfName)) throw new PdfFormatError(`dictionary key is not a name at offset ${this.base + this.pos}`);
      result.set(key.name, this.parseValue());
    }
  }

  private parseArray(): PdfValue[] {
    this.pos++;
    const result: PdfValue[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.at(this.pos) === 0x5d) {
        this.pos++;
        return result;
      }
      result.push(this.parseValue());
    }
  }

  private parseHexString(): PdfString {
    this.pos++;
    // A signature's /Contents has tens of thousands of digits: find the end first, then decode
    // through a table, so a window that ends inside the string costs no decoding.
    const end = this.bytes.indexOf(0x3e, this.pos);
    if (end < 0) {
      if (!this.atEof) throw NEED_MORE_DATA;
      throw new PdfFormatError('unterminated hex string');
    }
    const out = new Uint8Array((end - this.pos + 1) >> 1);
    let length = 0;
    let high = -1;
    for (let i = this.pos; i < end; i++) {
      const nibble = HEX_VALUES[this.bytes[i]!]!;
      if (nibble === HEX_SPACE) continue;
      if (nibble < 0) throw new PdfFormatError(`bad hex digit at offset ${this.base + i}`);
      if (high < 0) high = nibble;
      else {
        out[length++] = (high << 4) | nibble;
        high = -1;
      }
    }
    if (high >= 0) out[length++] = high << 4;
    this.pos = end + 1;
    return new PdfString(out.subarray(0, length), true);
  }

  private parseLiteralString(): PdfString {
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      const byte = this.at(this.pos++);
      if (byte === END) throw new PdfFormatError('unterminated string');
      if (byte === 0x28) depth++;
      if (byte === 0x29 && --depth === 0) break;
      if (byte !== 0x5c) {
        out.push(byte);
        continue;
      }
      const next = this.at(this.pos++);
      const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
      if (simple[next] !== undefined) out.push(simple[next]);
      else if (next >= 0x30 && next <= 0x37) {
        let octal = next - 0x30;
        for (let i = 0; i < 2 && this.at(this.pos) >= 0x30 && this.at(this.pos) <= 0x37; i++) octal = octal * 8 + this.at(this.pos++) - 0x30;
        out.push(octal & 0xff);
      } else if (next === 0x0d) {
        // A backslash before an end of line continues the string on the next line.
        if (this.at(this.pos) === 0x0a) this.pos++;
      } else if (next !== 0x0a) out.push(next);
    }
    return new PdfString(Uint8Array.from(out));
  }
}

function decodeName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
