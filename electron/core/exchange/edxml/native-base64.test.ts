import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../../shared/text/base64.js';
import { decodeBase64Natively } from './native-base64.js';

/** What a decoder gives: its bytes, or the message it throws. */
function outcome(decode: (text: string) => Uint8Array, text: string): { bytes: number[] } | { error: string } {
  try {
    return { bytes: [...decode(text)] };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const base64Char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split(''));
/** Mostly base64, with the characters that make it wrong: padding in the middle, whitespace, junk, non-ASCII. */
const nearlyBase64 = fc
  .array(fc.oneof({ weight: 20, arbitrary: base64Char }, { weight: 2, arbitrary: fc.constant('=') }, { weight: 1, arbitrary: fc.constantFrom('-', '_', '.', '*', 'é', '\u0000') }), { maxLength: 64 })
  .map((chars) => chars.join(''));

describe('decodeBase64Natively', () => {
  it('gives the portable decoder’s bytes for any encoded bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect([...decodeBase64Natively(text)]).toEqual([...bytes]);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the portable decoder on near-base64 text: same bytes, or the same error', () => {
    fc.assert(
      fc.property(nearlyBase64, (text) => {
        // The stream decoder hands over whole groups of four without whitespace.
        const groups = text.slice(0, text.length - (text.length % 4));
        expect(outcome(decodeBase64Natively, groups)).toEqual(outcome(decodeBase64, groups));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses what Buffer.from would silently accept', () => {
    expect(() => decodeBase64Natively('AA==AAAA')).toThrow('base64 text goes on after its padding');
    expect(() => decodeBase64Natively('AB-_')).toThrow('invalid base64 character');
    expect(() => decodeBase64Natively('A===')).toThrow('invalid base64 padding');
  });
});
