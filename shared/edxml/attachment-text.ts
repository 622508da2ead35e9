/**
 * Reads the character data of an attachment's ContentTransferEncoded outside saxes: saxes keeps
 * a text node whole in memory until the next tag, and this one can be 70 MB of base64. Character
 * references, the five predefined entities and CDATA sections are understood here; the first
 * other markup ends the run of text and goes back to the XML parser.
 */
import { EdxmlParseError } from './errors.js';

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';
const LONGEST_REFERENCE = '&#x10FFFF;'.length;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const MARKUP = /[<&]/g;
const XML_CHAR = /^[\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]$/u;

function resolveReference(name: string, path: string): string {
  const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
  if (numeric) {
    const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
    const char = codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '';
    if (!XML_CHAR.test(char)) throw new EdxmlParseError('not_well_formed', `&${name}; is not an XML character`, path);
    return char;
  }
  const predefined = PREDEFINED[name];
  if (predefined !== undefined) return predefined;
  if (/^[\p{L}_:][\p{L}\p{N}._:-]*$/u.test(name)) throw new EdxmlParseError('doctype_or_entity', `undefined entity &${name};`, path);
  throw new EdxmlParseError('not_well_formed', `malformed reference &${name};`, path);
}

export class AttachmentTextScanner {
  /** An unfinished reference, CDATA opener or CDATA closer, completed by the next chunk. */
  private carried = '';
  private inCdata = false;

  constructor(
    private readonly path: string,
    private readonly onText: (text: string) => void,
  ) {}

  /** Consumes the chunk; returns the markup that ends the text, with all that follows it. */
  scan(chunk: string): string | undefined {
    const text = this.carried + chunk;
    this.carried = '';
    let at = 0;
    while (at < text.length) {
      if (this.inCdata) {
        at = this.scanCdata(text, at);
        continue;
      }
      MARKUP.lastIndex = at;
      const markup = MARKUP.exec(text)?.index;
      if (markup === undefined) {
        this.onText(text.slice(at));
        return undefined;
      }
      if (markup > at) this.onText(text.slice(at, markup));
      at = markup;
      if (text[at] === '&') {
        const end = text.indexOf(';', at);
        if (end < 0) return this.carry(text, at, text.length - at < LONGEST_REFERENCE);
        this.onText(resolveReference(text.slice(at + 1, end), this.path));
        at = end + 1;
      } else if (text.startsWith(CDATA_OPEN, at)) {
        this.inCdata = true;
        at += CDATA_OPEN.length;
      } else {
        const rest = text.slice(at);
        return CDATA_OPEN.startsWith(rest) ? this.carry(text, at, true) : rest;
      }
    }
    return undefined;
  }

  private carry(text: string, from: number, possible: boolean): undefined {
    if (!possible) throw new EdxmlParseError('not_well_formed', 'unterminated reference', this.path);
    this.carried = text.slice(from);
    return undefined;
  }

  /** Returns where scanning goes on: after the closer, or the end of the text. */
  private scanCdata(text: string, from: number): number {
    const end = text.indexOf(CDATA_CLOSE, from);
    if (end >= 0) {
      this.onText(text.slice(from, end));
      this.inCdata = false;
      return end + CDATA_CLOSE.length;
    }
    // A closer may be cut between two chunks: hold back a trailing "]" or "]]".
    const held = Math.min(text.length - from, text.endsWith(']]') ? 2 : text.endsWith(']') ? 1 : 0);
    this.onText(text.slice(from, text.length - held));
    this.carried = text.slice(text.length - held);
    return text.length;
  }
}
