import { describe, expect, it } from 'vitest';
import { Base64StreamDecoder } from './base64-decoder.js';

const BYTES = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37 + 11) & 255));
const BASE64 = BYTES.toString('base64');

/** Every byte the decoder gives for `text` fed in pieces of `size` characters. */
function decodeInPieces(text: string, size: number): Buffer {
  const decoder = new Base64StreamDecoder();
  const out: Uint8Array[] = [];
  for (let at = 0; at < text.length; at += size) out.push(...decoder.push(text.slice(at, at + size)));
  decoder.finish();
  return Buffer.concat(out);
}

describe('Base64StreamDecoder', () => {
  it.each([
    ['LF lines', BASE64.replace(/.{76}/g, '$&\n')],
    ['CRLF lines', BASE64.replace(/.{76}/g, '$&\r\n')],
    ['CR alone', BASE64.replace(/.{64}/g, '$&\r')],
    ['spaces and tabs among the lines', BASE64.replace(/.{10}/g, '$& \t\r\n  ')],
    ['no whitespace', BASE64],
  ])('skips XML whitespace: %s, in pieces cut anywhere', (_what, text) => {
    for (const size of [1, 3, 7, 77, 4096]) expect(decodeInPieces(text, size).equals(BYTES)).toBe(true);
  });

  it.each([
    ['a no-break space', '\u00a0'],
    ['a form feed', '\f'],
    ['a vertical tab', '\v'],
  ])('refuses %s, which is no XML whitespace', (_what, char) => {
    const text = `${BASE64.slice(0, 40)}${char}${BASE64.slice(40)}`;
    expect(() => decodeInPieces(text, 4096)).toThrow();
  });

  it('refuses text after the padding even across pieces and line breaks', () => {
    const decoder = new Base64StreamDecoder();
    decoder.push('QUI=\r\n');
    expect(() => decoder.push('\nQUJD')).toThrow(/after its padding/);
  });

  it('refuses text that stops inside a group of four', () => {
    const decoder = new Base64StreamDecoder();
    decoder.push('QUJD\nQU');
    expect(() => decoder.finish()).toThrow(/inside a group/);
  });
});
