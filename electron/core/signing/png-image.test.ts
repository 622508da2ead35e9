import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { assetPath, DEFAULT_SEAL_IMAGE } from './assets.js';
import { inspectPng, PngImageError } from './png-image.js';

function png(width: number, height: number, alpha: number, colorType: 2 | 6 = 6): Buffer {
  const image = new PNG({ width, height, colorType, inputHasAlpha: true });
  image.data.fill(alpha);
  return PNG.sync.write(image, { colorType });
}

describe('inspectPng', () => {
  it('reads the size and whether any pixel lets the page show through', () => {
    expect(inspectPng(png(30, 20, 128))).toEqual({ width: 30, height: 20, transparent: true });
    expect(inspectPng(png(30, 20, 255))).toEqual({ width: 30, height: 20, transparent: false });
    // RGB without an alpha channel: opaque whatever the data said.
    expect(inspectPng(png(30, 20, 0, 2))).toEqual({ width: 30, height: 20, transparent: false });
    expect(inspectPng(readFileSync(assetPath(DEFAULT_SEAL_IMAGE))).transparent).toBe(true);
  });

  it('refuses what is not a PNG, a damaged one, and too many pixels before inflating them', () => {
    expect(() => inspectPng(readFileSync(assetPath('sample.pdf')))).toThrow(/not a PNG/);
    const damaged = png(30, 20, 128);
    expect(() => inspectPng(damaged.subarray(0, damaged.length - 20))).toThrow(PngImageError);
    // A header claiming 4001 × 10 px: refused from IHDR alone (the CRC no longer matches, never read).
    const wide = Buffer.from(png(30, 20, 128));
    wide.writeUInt32BE(4001, 16);
    expect(() => inspectPng(wide)).toThrow(/4001 × 20 pixels/);
    const many = Buffer.from(png(30, 20, 128));
    many.writeUInt32BE(3000, 16);
    many.writeUInt32BE(3000, 20);
    expect(() => inspectPng(many)).toThrow(/megapixels/);
  });
});
