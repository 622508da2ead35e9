/**
 * Checks a signature or seal PNG before it is stored or drawn: the signature bytes, then the
 * pixel size read from IHDR before anything is inflated (a small file can decode to gigabytes),
 * then a full decode with pngjs, which is what the appearance builder will do with it.
 */
import { PNG } from 'pngjs';
import { MAX_SIGNING_IMAGE_BYTES } from '../../../shared/api/limits.js';

/** 4000 px a side, 6 megapixels: a 42 mm seal at 1200 dpi is under 2000 px. */
const MAX_IMAGE_SIDE = 4000;
const MAX_IMAGE_PIXELS = 6_000_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export class PngImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngImageError';
  }
}

export interface PngFacts {
  width: number;
  height: number;
  /** Some pixel is not fully opaque. */
  transparent: boolean;
}

export function inspectPng(bytes: Uint8Array): PngFacts {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.length > MAX_SIGNING_IMAGE_BYTES) throw new PngImageError(`the image is ${buffer.length} bytes; at most ${MAX_SIGNING_IMAGE_BYTES} (2 MB) are accepted`);
  if (buffer.length < 33 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE) || buffer.toString('latin1', 12, 16) !== 'IHDR') {
    throw new PngImageError('the file is not a PNG image');
  }
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  if (width === 0 || height === 0 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new PngImageError(`the image is ${width} × ${height} pixels; at most ${MAX_IMAGE_SIDE} a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted`);
  }
  let data: Buffer;
  try {
    ({ data } = PNG.sync.read(buffer));
  } catch (error) {
    throw new PngImageError(`the PNG image is damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
  let transparent = false;
  for (let i = 3; i < data.length && !transparent; i += 4) transparent = data[i]! < 255;
  return { width, height, transparent };
}
