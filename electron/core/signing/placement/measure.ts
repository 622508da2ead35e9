/** Widths of text at 1 pt in a TrueType face: to size a field or the stamp's text before drawing it. */
import * as fontkit from 'fontkit';
import type { Measure } from './find-boxes.js';

export function measureWith(fontFile: Buffer): Measure {
  const font = fontkit.create(fontFile);
  if (!('glyphsForString' in font)) throw new Error('a font collection cannot measure text; choose a single .ttf');
  const cache = new Map<string, number>();
  return (text) => {
    let total = 0;
    for (const char of text.normalize('NFC')) {
      let width = cache.get(char);
      if (width === undefined) {
        width = (font.glyphsForString(char)[0]?.advanceWidth ?? 0) / font.unitsPerEm;
        cache.set(char, width);
      }
      total += width;
    }
    return total;
  };
}
