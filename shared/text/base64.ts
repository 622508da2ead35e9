/**
 * Base64 without Buffer or atob, so that shared/ stays free of Node and DOM.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 0x3000; // a multiple of 3: chunks join without padding in between
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let out = '';
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i]!;
      const b1 = i + 1 < end ? bytes[i + 1]! : 0;
      const b2 = i + 2 < end ? bytes[i + 2]! : 0;
      out += ALPHABET[b0 >> 2]! + ALPHABET[((b0 & 3) << 4) | (b1 >> 4)]!;
      out += i + 1 < end ? ALPHABET[((b1 & 15) << 2) | (b2 >> 6)]! : '=';
      out += i + 2 < end ? ALPHABET[b2 & 63]! : '=';
    }
    parts.push(out);
  }
  return parts.join('');
}

/**
 * Strict decoding: whitespace is skipped, anything else outside the alphabet is an error, and
 * padding may only end the text. One pass over the characters into a preallocated array: this
 * runs for every attachment received, megabytes at a time.
 */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let quad = 0;
  let filled = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) continue;
    if (ch === 61 /* = */) {
      padding++;
      quad <<= 6;
      filled++;
    } else {
      const v = ch < 128 ? DECODE[ch]! : -1;
      if (v < 0 || padding > 0) throw new Error(`invalid base64 character at ${i}`);
      quad = (quad << 6) | v;
      filled++;
    }
    if (filled === 4) {
      if (padding > 2) throw new Error(`invalid base64 padding at ${i}`);
      out[o++] = quad >> 16;
      if (padding < 2) out[o++] = (quad >> 8) & 255;
      if (padding < 1) out[o++] = quad & 255;
      quad = 0;
      filled = 0;
      if (padding > 0 && i + 1 < text.length && text.slice(i + 1).trim() !== '') throw new Error('base64 text goes on after its padding');
    }
  }
  if (filled !== 0) throw new Error('base64 length is not a multiple of 4');
  return o === out.length ? out : out.slice(0, o);
}
