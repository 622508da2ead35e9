import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.js';

describe('base64', () => {
  it('agrees with Node for every length and content', () => {
    for (let length = 0; length < 200; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 151 + length * 7) & 255);
      const reference = Buffer.from(bytes).toString('base64');
      expect(encodeBase64(bytes)).toBe(reference);
      expect(Buffer.from(decodeBase64(reference)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('skips line breaks and spaces, as 76-column edXML bodies have', () => {
    const text = Buffer.from('Trục liên thông văn bản quốc gia').toString('base64');
    const wrapped = text.replace(/(.{8})/g, '$1\r\n ');
    expect(new TextDecoder().decode(decodeBase64(wrapped))).toBe('Trục liên thông văn bản quốc gia');
  });

  it.each([
    ['a character outside the alphabet', 'ab*d'],
    ['a length that is not a multiple of 4', 'abcde'],
    ['text after the padding', 'ab==cd=='],
    ['three padding characters', 'a==='],
    ['a letter after padding in one group', 'ab=c'],
  ])('refuses %s', (_what, text) => {
    expect(() => decodeBase64(text)).toThrow();
  });
});
