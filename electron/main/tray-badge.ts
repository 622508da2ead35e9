/**
 * The waiting-documents count drawn as a badge: on the tray icon (a red pill in its lower right
 * corner) and as the taskbar overlay (a red disc, Windows draws it over the app's button). Plain
 * PNG bytes from pngjs, so tray.ts hands them to nativeImage and the tests decode them here.
 * Drawn at 32 px, shown at scale factor 2: crisp at 200 %, 16 px logical everywhere.
 */
import { PNG } from 'pngjs';

/** The icon in assets/ (drawn by scripts/make-default-images.mjs), 32 × 32. */
export const TRAY_ICON = 'tray-icon.png';

/** Past this the badge says "99+": three characters are all a 16 px icon can hold. */
const BADGE_CAP = 99;

export function badgeLabel(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > BADGE_CAP ? `${BADGE_CAP}+` : String(Math.floor(count));
}

/** 3 × 5 glyphs, one string per row ('#' is ink): readable at 16 px, which a font is not. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};
const GLYPH_WIDTH = 3;
const GLYPH_HEIGHT = 5;
const GAP = 1;

type Rgba = readonly [number, number, number, number];
const BADGE_RED: Rgba = [200, 30, 30, 255];
const WHITE: Rgba = [255, 255, 255, 255];
export const ICON_SIZE = 32;

function setPixel(png: PNG, x: number, y: number, [r, g, b, a]: Rgba): void {
  if (x < 0 || y < 0 || x >= png.width || y >= png.height) return;
  const i = (y * png.width + x) * 4;
  png.data[i] = r;
  png.data[i + 1] = g;
  png.data[i + 2] = b;
  png.data[i + 3] = a;
}

function textWidth(label: string, scale: number): number {
  return label.length * (GLYPH_WIDTH * scale + GAP) - GAP;
}

/** A pill (a disc when it is as wide as high) of `height`, its right and bottom edges at (right, bottom). */
function fillPill(png: PNG, right: number, bottom: number, width: number, height: number, colour: Rgba): void {
  const r = height / 2;
  const left = right - width;
  const top = bottom - height;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const cx = Math.min(Math.max(x + 0.5, left + r), right - r);
      if (Math.hypot(x + 0.5 - cx, y + 0.5 - (top + r)) <= r) setPixel(png, x, y, colour);
    }
  }
}

function drawText(png: PNG, label: string, left: number, top: number, scale: number, colour: Rgba): void {
  [...label].forEach((char, index) => {
    const glyph = GLYPHS[char]!;
    const x0 = left + index * (GLYPH_WIDTH * scale + GAP);
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if (glyph[row]![col] !== '#') continue;
        for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) setPixel(png, x0 + col * scale + dx, top + row * scale + dy, colour);
      }
    }
  });
}

/** The label in white, centred on a red pill of `height` whose lower right corner is that of the image. */
function drawBadge(png: PNG, label: string, height: number, scale: number): void {
  const text = textWidth(label, scale);
  const width = Math.min(png.width, Math.max(height, text + 6));
  fillPill(png, png.width, png.height, width, height, BADGE_RED);
  const top = png.height - height + Math.floor((height - GLYPH_HEIGHT * scale) / 2);
  drawText(png, label, png.width - width + Math.floor((width - text) / 2), top, scale, WHITE);
}

/** The tray icon with the count on it; without documents waiting, the icon as it is. */
export function trayIconWithBadge(iconPng: Uint8Array, count: number): Buffer {
  const icon = PNG.sync.read(Buffer.from(iconPng));
  if (icon.width !== ICON_SIZE || icon.height !== ICON_SIZE) throw new Error(`The tray icon must be ${ICON_SIZE} × ${ICON_SIZE} pixels (it is ${icon.width} × ${icon.height}).`);
  const label = badgeLabel(count);
  // The lower half of the icon: the document stays recognisable above it.
  if (label !== '') drawBadge(icon, label, ICON_SIZE / 2, 2);
  return PNG.sync.write(icon);
}

/** The taskbar overlay: the count alone on a transparent square; null clears the overlay. */
export function overlayBadge(count: number): Buffer | null {
  const label = badgeLabel(count);
  if (label === '') return null;
  const png = new PNG({ width: ICON_SIZE, height: ICON_SIZE });
  // Windows shows the overlay at a quarter of the button: the whole square, the digits as large as fit.
  drawBadge(png, label, ICON_SIZE, label.length < 3 ? 3 : 2);
  return PNG.sync.write(png);
}
