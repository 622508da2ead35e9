/**
 * The attachments' base64 decoder in the core: Node's own (native) where it gives exactly what
 * the strict portable decoder would, the portable one otherwise. Buffer.from skips characters
 * outside the alphabet, takes base64url's too and accepts padding anywhere, so its result only
 * stands when encoding it again gives back the very text: then the text was canonical base64 of
 * those bytes. Anything else (an error to report, or unusual but valid trailing bits) goes to the
 * portable decoder, which says exactly what is wrong. The portable one spent about a tenth of the
 * sync process's time at ingest (a 200 KB PDF is 270 KB of base64); a pattern check instead of the
 * round trip cost nearly as much again.
 */
import { decodeBase64 } from '../../../../shared/text/base64.js';

export function decodeBase64Natively(groups: string): Uint8Array {
  const bytes = Buffer.from(groups, 'base64');
  return bytes.toString('base64') === groups ? bytes : decodeBase64(groups);
}
