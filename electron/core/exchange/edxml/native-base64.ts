/**
 * The attachments' base64 decoder in the core: Node's own (native) where it gives exactly what
 * the strict portable decoder would, the portable one otherwise. Buffer.from skips line breaks and
 * every other character outside the alphabet, takes base64url's too and accepts padding
 * anywhere, so its result only stands when none of that happened: then every character was
 * decoded, which shows in the length (a skipped character, or padding before the end, leaves
 * fewer bytes than the text's groups hold), and no base64url character was among them. Anything
 * else (an error to report) goes to the portable decoder, which says exactly what is wrong. The
 * portable one spent about a tenth of the sync process's time at ingest (a 200 KB PDF is 270 KB
 * of base64); a pattern check cost nearly as much again, and encoding the bytes back to compare
 * the text made as much garbage as the text.
 */
import { decodeBase64 } from '../../../../shared/text/base64.js';

/** `characters`: the text's characters other than CR and LF; `padding`: how many of the last are "=". */
export function decodeBase64Natively(text: string, characters: number, padding: number): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  const whole = characters % 4 === 0 && bytes.length === (characters / 4) * 3 - padding;
  return whole && !text.includes('-') && !text.includes('_') ? bytes : decodeBase64(text);
}
