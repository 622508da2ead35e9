import { open } from 'node:fs/promises';

/**
 * Makes a rename (or a new file) in `dir` survive power loss. Windows cannot open a folder for
 * fsync; NTFS journals the rename itself.
 */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
