/**
 * Replaces one file over and over until it is killed, each version a run of one byte value written
 * in small chunks (so a torn write would show as a short file or mixed bytes). Bundled by the
 * replace-file test; started with `<target> <size>`; says 'replacing' after its first version.
 */
import { replaceFileWith } from '../electron/core/fs/replace-file.js';

const [target, size] = process.argv.slice(2);
const CHUNK = 16 * 1024;

async function run(): Promise<void> {
  for (let version = 1; ; version++) {
    await replaceFileWith(target!, async (file) => {
      const chunk = new Uint8Array(CHUNK).fill(version % 256);
      for (let written = 0; written < Number(size); written += CHUNK) await file.write(chunk);
    });
    if (version === 1) process.send!('replacing');
  }
}

void run();
