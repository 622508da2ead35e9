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

/** Flushes a file already written (by a path, not a handle the writer still holds) to disk. */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
