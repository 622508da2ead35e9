/**
 * Writes a file that does not exist yet and flushes it to disk before resolving; a write that
 * fails removes it. Unlike `replaceFile`, it does not rename anything into place: it is for files
 * written under a temporary name that become visible by a rename of their own (the blob store's
 * adoptFile, which then flushes the folder), so a second rename and folder flush here would only
 * cost another disk sync. A crash may leave a partial file under the temporary name, which is
 * why such names live in a folder cleared at start-up (the blob store's tmp/).
 */
import { constants as fsConstants } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';

export async function writeNewFile<T>(target: string, write: (file: FileHandle) => Promise<T>, mode = 0o600): Promise<T> {
  const file = await open(target, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, mode);
  let result: T;
  try {
    result = await write(file);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(target, { force: true });
    throw error;
  }
  await file.close();
  return result;
}
