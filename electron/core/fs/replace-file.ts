/**
 * The one way the core replaces a file so that a crash or power loss leaves either the old content
 * or the new one, never a mix: a hidden temp file beside the target (same file system, so the rename
 * is atomic), flushed to disk, renamed over the target, then the folder flushed so the rename itself
 * survives. Readers that list a folder skip hidden files, so a temp left by a crash is never taken
 * for a real file.
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory, syncFile } from './sync-directory.js';

/**
 * `fill` writes the new content at the temp path it is given (by any means: a handle, a copy, an
 * in-place edit); when it throws, the temp is removed and the target is left as it was.
 */
export async function replaceFile<T>(target: string, fill: (tempPath: string) => Promise<T>): Promise<T> {
  const tempPath = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  let result: T;
  try {
    result = await fill(tempPath);
    await syncFile(tempPath);
    await rename(tempPath, target);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(target));
  return result;
}

/** `replaceFile` for a writer that wants an open handle on a new owner-only file. */
export function replaceFileWith<T>(target: string, write: (file: FileHandle) => Promise<T>, mode = 0o600): Promise<T> {
  return replaceFile(target, async (tempPath) => {
    const file = await open(tempPath, 'wx', mode);
    try {
      return await write(file);
    } finally {
      await file.close();
    }
  });
}

/** `replaceFile` for content already in memory. */
export function replaceFileContent(target: string, content: string | Uint8Array, mode = 0o600): Promise<void> {
  return replaceFileWith(target, (file) => file.writeFile(content), mode);
}
