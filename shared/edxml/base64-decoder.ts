/**
 * Decodes base64 that arrives in pieces cut anywhere: an unfinished group of four characters is
 * carried to the next piece, XML's whitespace (space, tab, CR, LF) is skipped, anything else
 * outside the alphabet is an error, and nothing may follow the padding.
 */
import { decodeBase64 } from '../text/base64.js';

/** Decodes whole groups of four, strictly, throwing on anything that is not base64. */
export type GroupDecoder = (groups: string) => Uint8Array;

const NO_BYTES = new Uint8Array(0);

/**
 * The text without whitespace. Base64 bodies are lines cut by LF or CRLF, and replaceAll of one
 * character runs about three times faster than a /\s+/ replace over the same 270 KB; spaces and
 * tabs, which producers do not write, take the slower way only when present.
 */
function withoutWhitespace(text: string): string {
  let significant = text.replaceAll('\n', '');
  if (significant.includes('\r')) significant = significant.replaceAll('\r', '');
  return significant.includes(' ') || significant.includes('\t') ? significant.replace(/[ \t]+/g, '') : significant;
}

export class Base64StreamDecoder {
  private carried = '';
  private padded = false;

  /** `decodeGroups`: shared/ has only the portable decoder; a host may pass a native one. */
  constructor(private readonly decodeGroups: GroupDecoder = decodeBase64) {}

  /** The bytes this piece completes, possibly none. */
  push(text: string): Uint8Array {
    const significant = this.carried + withoutWhitespace(text);
    if (significant === '') return NO_BYTES;
    if (this.padded) throw new Error('base64 text goes on after its padding');
    const whole = significant.length - (significant.length % 4);
    this.carried = significant.slice(whole);
    if (whole === 0) return NO_BYTES;
    const groups = significant.slice(0, whole);
    this.padded = groups.endsWith('=');
    return this.decodeGroups(groups);
  }

  /** Throws when the text stopped inside a group of four. */
  finish(): void {
    if (this.carried !== '') throw new Error('base64 text ends inside a group of four characters');
  }
}
