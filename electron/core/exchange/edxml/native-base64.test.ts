import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64StreamDecoder, type GroupDecoder } from '../../../../shared/edxml/base64-decoder.js';
import { decodeBase64, encodeBase64 } from '../../../../shared/text/base64.js';
import { decodeBase64Natively } from './native-base64.js';

type Outcome = { bytes: number[] } | { error: string };

/** What decoding gives: its bytes, or the message it throws. */
function outcome(decode: () => Uint8Array[]): Outcome {
  try {
    return { bytes: decode().flatMap((bytes) => [...bytes]) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** `text` through the stream decoder in pieces cut at `cuts`, with `groups` as its group decoder. */
function streamed(groups: GroupDecoder | undefined, text: string, cuts: readonly number[]): Outcome {
  return outcome(() => {
    const decoder = new Base64StreamDecoder(groups);
    const at = [0, ...[...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b), text.length];
    const decoded = at.slice(1).flatMap((end, i) => decoder.push(text.slice(at[i], end)));
    decoder.finish();
    return decoded;
  });
}

const natively = (text: string) => {
  const characters = text.replace(/[\r\n]/g, '').length;
  return decodeBase64Natively(text, characters, /==[\r\n]*$/.test(text) ? 2 : /=[\r\n]*$/.test(text) ? 1 : 0);
};

const base64Char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split(''));
/** Mostly base64 in lines, with the characters that make it wrong: padding in the middle, junk, non-ASCII, other whitespace. */
const nearlyBase64 = fc
  .array(
    fc.oneof(
      { weight: 20, arbitrary: base64Char },
      { weight: 2, arbitrary: fc.constant('=') },
      { weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\r') },
      { weight: 1, arbitrary: fc.constantFrom('-', '_', '.', '*', 'é', '\u0000', ' ', '\t', '\u00a0', '\f') },
    ),
    { maxLength: 120 },
  )
  .map((chars) => chars.join(''));

describe('decodeBase64Natively', () => {
  it('gives back any encoded bytes, in lines or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, lines) => {
        const text = lines ? encodeBase64(bytes).replace(/.{76}/g, '$&\r\n') : encodeBase64(bytes);
        expect([...natively(text)]).toEqual([...bytes]);
      }),
      { numRuns: 500 },
    );
  });

  it('through the stream decoder, cut anywhere, gives what the portable decoder gives: the same bytes or the same error, and what decoding the text whole gives', () => {
    fc.assert(
      fc.property(nearlyBase64, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const native = streamed(decodeBase64Natively, text, cuts);
        expect(native).toEqual(streamed(undefined, text, cuts));
        const whole = outcome(() => [decodeBase64(text)]);
        if ('bytes' in whole) expect(native).toEqual(whole);
        else expect(native).toHaveProperty('error');
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses what Buffer.from would silently accept', () => {
    expect(() => natively('AA==AAAA')).toThrow('base64 text goes on after its padding');
    expect(() => natively('AB-_')).toThrow('invalid base64 character');
    expect(() => natively('A===')).toThrow('invalid base64 padding');
  });
});
