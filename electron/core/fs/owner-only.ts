/**
 * The data folder and the backup location readable by their user only, whatever made them
 * (docs/reliability.md, "File permissions"): folders 0700, files 0600, checked at every start.
 * New files are owner-only anyway (the hosts set umask 077, the stores create files 0600); this
 * repairs what an older version, a restore or a folder made by hand left looser.
 *
 * POSIX only. On Windows a file's access is its ACL: the default data folder (%APPDATA%) inherits
 * the per-user profile's ACL (the user, SYSTEM, Administrators), which VanThu leaves as it is.
 *
 * Cheap on a tight tree: every folder is checked, but the files of a blob shard (thousands of
 * them, all written 0600 by the blob store) are checked only when the shard itself was looser
 * than 0700 (then someone else may have put or opened files in it, and all are made tight).
 */
import type { Dirent } from 'node:fs';
import { chmod, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

const FOLDER = 0o700;
const FILE = 0o600;

/** A blob shard: `<blobs>/xx/`, two hex digits (blob-store.ts, and the backups' shared blob folder). */
const isShard = (dir: string) => /^[0-9a-f]{2}$/.test(path.basename(dir));

/** Sets `mode` when the entry allows group or others anything; true when it did. */
async function tighten(file: string, mode: number): Promise<boolean> {
  const stats = await lstat(file);
  if (stats.isSymbolicLink() || (stats.mode & 0o077) === 0) return false;
  await chmod(file, mode);
  return true;
}

async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function tightenFolder(dir: string): Promise<void> {
  const wasLoose = await tighten(dir, FOLDER);
  const checkFiles = wasLoose || !isShard(dir);
  for (const entry of await entriesOf(dir)) {
    const child = path.join(dir, entry.name);
    // A link is left alone: chmod would change what it points at, maybe outside the folder.
    if (entry.isDirectory()) await tightenFolder(child);
    else if (entry.isFile() && checkFiles) await tighten(child, FILE);
  }
}

/** Makes each existing folder owner-only, with all it holds; a missing one is skipped. */
export async function makeOwnerOnly(folders: readonly string[], platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  for (const folder of folders) {
    try {
      await lstat(folder);
    } catch {
      continue;
    }
    await tightenFolder(folder);
  }
}
