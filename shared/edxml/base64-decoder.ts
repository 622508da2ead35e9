/**
 * Decodes base64 that arrives in pieces cut anywhere: an unfinished group of four characters is
 * carried to the next piece, XML's whitespace (space, tab, CR, LF) is skipped, anything else
 * outside the alphabet is an error, and nothing may follow the padding.
 *
 * The text is decoded as it came, line breaks and all, rather than copied without them first:
 * stripping the breaks of a 270 KB body made about 700 KB of short-lived strings per package
 * (the new string, then V8 flattening it and the carried group's joins), which is what the reading
 * thread's collector was busy with. Only the characters are counted here; spaces and tabs, which
 * producers do not write, are removed when there are any.
 */
import { decodeBase64 } from '../text/base64.js';

/**
 * Decodes whole groups of four, strictly, throwing on anything that is not base64. `text` may hold
 * CR and LF among its groups; `characters` counts the others, and `padding` is how many of the
 * last ones are "=".
 */
export type GroupDecoder = (text: string, characters: number, padding: number) => Uint8Array;

const LF = 10;
const CR = 13;
const EQUALS = 61;

const portable: GroupDecoder = (text) => decodeBase64(text);

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count++;
  return count;
}

const isBreak = (code: number) => code === LF || code === CR;
const withoutBreaks = (text: string) => text.replace(/[\r\n]+/g, '');

/** The index just past the first `count` characters of `text` that are not line breaks. */
function afterCharacters(text: string, count: number): number {
  let at = 0;
  for (let seen = 0; seen < count; at++) if (!isBreak(text.charCodeAt(at))) seen++;
  return at;
}

/** The index where the last `count` characters of `text` that are not line breaks begin. */
function beforeLastCharacters(text: string, count: number): number {
  let at = text.length;
  for (let seen = 0; seen < count; ) if (!isBreak(text.charCodeAt(--at))) seen++;
  return at;
}

/** How many of the last two characters of `text` that are not line breaks are "=". */
function paddingOf(text: string): number {
  let padding = 0;
  for (let at = text.length - 1, seen = 0; at >= 0 && seen < 2; at--) {
    const code = text.charCodeAt(at);
    if (isBreak(code)) continue;
    seen++;
    if (code !== EQUALS) break;
    padding++;
  }
  return padding;
}

export class Base64StreamDecoder {
  /** The characters of an unfinished group, no line breaks among them. */
  private carried = '';
  private padded = false;

  /** `decodeGroups`: shared/ has only the portable decoder; a host may pass a native one. */
  constructor(private readonly decodeGroups: GroupDecoder = portable) {}

  /** The bytes this piece completes, in order: none, or one or two arrays. */
  push(piece: string): Uint8Array[] {
    const text = piece.includes(' ') || piece.includes('\t') ? piece.replace(/[ \t]+/g, '') : piece;
    const characters = text.length - countOf(text, '\n') - (text.includes('\r') ? countOf(text, '\r') : 0);
    if (characters === 0) return [];
    if (this.padded) throw new Error('base64 text goes on after its padding');
    const total = this.carried.length + characters;
    if (total < 4) {
      this.carried += withoutBreaks(text);
      return [];
    }
    // The carried group is completed from the text's first characters; its last total % 4 wait for the next piece.
    const completing = this.carried === '' ? 0 : 4 - this.carried.length;
    const start = afterCharacters(text, completing);
    const end = beforeLastCharacters(text, total % 4);
    const decoded: Uint8Array[] = [];
    if (completing > 0) decoded.push(this.decodeWhole(this.carried + withoutBreaks(text.slice(0, start)), 4));
    const middle = characters - completing - (total % 4);
    if (middle > 0) decoded.push(this.decodeWhole(text.slice(start, end), middle));
    this.carried = withoutBreaks(text.slice(end));
    return decoded;
  }

  /** Throws when the text stopped inside a group of four. */
  finish(): void {
    if (this.carried !== '') throw new Error('base64 text ends inside a group of four characters');
  }

  private decodeWhole(groups: string, characters: number): Uint8Array {
    if (this.padded) throw new Error('base64 text goes on after its padding');
    const padding = paddingOf(groups);
    this.padded = padding > 0;
    return this.decodeGroups(groups, characters, padding);
  }
}
