/**
 * Files shipped in `assets/` (the embedded font, the default signature and seal images), found by
 * walking up from the running code: dist/core/*.cjs in the app (assets/ sits next to dist/, inside
 * the asar), the sources under vitest.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const SIGNATURE_FONT = 'fonts/LiberationSerif-Regular.ttf';
/** The place and date line of Decree 30's header is set in italics. */
export const ITALIC_FONT = 'fonts/LiberationSerif-Italic.ttf';
export const DEFAULT_SIGNATURE_IMAGE = 'signature-default.png';
export const DEFAULT_SEAL_IMAGE = 'seal-default.png';

export function assetPath(relative: string): string {
  const start = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets', relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`The application file assets/${relative} is missing; reinstall VanThu.`);
  }
}
