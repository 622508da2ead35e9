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
