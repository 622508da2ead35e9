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

/**
 * Where the next '<' or '&' is, from `from` on: two indexOf scans instead of a character-class
 * regex, which V8 runs a character at a time (about twenty times slower over 270 KB of base64).
 * It keeps the positions it found, so a body with a reference on every line (Java's "&#13;")
 * does not scan again to the far '<' once per line.
 */
class MarkupFinder {
  private lt = -2;
  private amp = -2;

  constructor(private readonly text: string) {}

  next(from: number): number {
    if (this.lt !== -1 && this.lt < from) this.lt = this.text.indexOf('<', from);
    if (this.amp !== -1 && this.amp < from) this.amp = this.text.indexOf('&', from);
    if (this.lt < 0) return this.amp;
    return this.amp < 0 ? this.lt : Math.min(this.lt, this.amp);
  }
}

export class AttachmentTextScanner {
  /** An unfinished reference, CDATA opener or CDATA closer, completed by the next chunk. */
  private carried = '';
  private inCdata = false;

  constructor(
    private readonly path: string,
    private readonly onText: (text: string) => void,
  ) {}

  /**
   * Consumes the chunk; returns the markup that ends the text, with all that follows it. The
   * chunk's text goes to `onText` in one piece, references resolved: a body with a reference on
   * every line would otherwise be decoded 76 characters at a time.
   */
  scan(chunk: string): string | undefined {
    const pieces: string[] = [];
    const markup = this.scanInto(this.carried + chunk, pieces);
    if (pieces.length > 0) this.onText(pieces.length === 1 ? pieces[0]! : pieces.join(''));
    return markup;
  }

  private scanInto(text: string, pieces: string[]): string | undefined {
    this.carried = '';
    const markups = new MarkupFinder(text);
    let at = 0;
    while (at < text.length) {
      if (this.inCdata) {
        at = this.scanCdata(text, at, pieces);
        continue;
      }
      const markup = markups.next(at);
      if (markup < 0) {
        pieces.push(text.slice(at));
        return undefined;
      }
      if (markup > at) pieces.push(text.slice(at, markup));
      at = markup;
      if (text[at] === '&') {
        const end = text.indexOf(';', at);
        if (end < 0) return this.carry(text, at, text.length - at < LONGEST_REFERENCE);
        pieces.push(resolveReference(text.slice(at + 1, end), this.path));
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
  private scanCdata(text: string, from: number, pieces: string[]): number {
    const end = text.indexOf(CDATA_CLOSE, from);
    if (end >= 0) {
      pieces.push(text.slice(from, end));
      this.inCdata = false;
      return end + CDATA_CLOSE.length;
    }
    // A closer may be cut between two chunks: hold back a trailing "]" or "]]".
    const held = Math.min(text.length - from, text.endsWith(']]') ? 2 : text.endsWith(']') ? 1 : 0);
    pieces.push(text.slice(from, text.length - held));
    this.carried = text.slice(text.length - held);
    return text.length;
  }
}
