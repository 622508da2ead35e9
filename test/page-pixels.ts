/** Colour counts on a rendered page: how the tests see a visible signature without a human. */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';

type Rgb = (r: number, g: number, b: number) => boolean;
export const isBlue: Rgb = (r, g, b) => b > 120 && b - r > 60 && b - g > 40;
export const isRed: Rgb = (r, g, b) => r > 150 && r - g > 80 && r - b > 80;
export const isGreen: Rgb = (r, g, b) => g > 120 && g - r > 60 && g - b > 60;

/** Page 1 of `pdf` rendered by pdftoppm at 50 dpi into `pngBase`.png. */
export async function renderFirstPage(pdf: string, pngBase: string): Promise<PNG> {
  execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, pngBase]);
  return PNG.sync.read(await readFile(`${pngBase}.png`));
}

/** Pixels of a 50 dpi rendering of an A4 page (595 × 842 pt) inside a PDF rect that match `test`. */
export function countPixels(png: PNG, [x1, y1, x2, y2]: [number, number, number, number], test: Rgb): number {
  const px = (points: number) => Math.round((points * 50) / 72);
  let count = 0;
  for (let y = px(842 - y2); y < px(842 - y1); y++) {
    for (let x = px(x1); x < px(x2); x++) {
      const i = (y * png.width + x) * 4;
      if (test(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) count++;
    }
  }
  return count;
}

/** A box in points from the top-left corner of the page as shown (view space). */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Page `page` of `pdf` rendered by pdftoppm at 72 dpi: one pixel per point of the page as shown, whatever its size and /Rotate. */
export async function renderPage(pdf: string, page: number, pngBase: string): Promise<PNG> {
  execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-png', '-singlefile', pdf, pngBase]);
  return PNG.sync.read(await readFile(`${pngBase}.png`));
}

/** How many pixels of a 72 dpi rendering inside `box` match `test`. */
export function countIn(png: PNG, box: PixelBox, test: Rgb): number {
  let count = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(png.height, Math.ceil(box.y + box.height)); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(png.width, Math.ceil(box.x + box.width)); x++) {
      const i = (y * png.width + x) * 4;
      if (test(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) count++;
    }
  }
  return count;
}

/** The bounding box of the pixels matching `test` (null when none does). */
export function boundsOf(png: PNG, test: Rgb): PixelBox | null {
  let [minX, minY, maxX, maxY] = [png.width, png.height, -1, -1];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (!test(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return maxX < 0 ? null : { x: minX, y: minY, width: maxX + 1 - minX, height: maxY + 1 - minY };
}

export interface Word extends PixelBox {
  text: string;
}

/** The words of a page with their boxes as shown, read back by poppler (pdftotext -bbox), widgets' appearances included. */
export function pageWords(pdf: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => {
    const [x1, y1, x2, y2] = match.slice(1, 5).map(Number) as [number, number, number, number];
    return { text: decode(match[5]!), x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  });
}
