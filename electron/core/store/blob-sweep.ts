/**
 * Deletes the blobs no row names any more (after the demo's data was discarded): the files of a
 * discarded demo must not linger in the folder. Only `<root>/xx/<sha256>` names are touched; the
 * temp folder and anything else are left alone. Run while nothing else adds blobs.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const SHARD = /^[0-9a-f]{2}$/;
const BLOB = /^[0-9a-f]{64}$/;

export async function sweepBlobs(root: string, keep: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  for (const shard of await readdir(root).catch(() => [] as string[])) {
    if (!SHARD.test(shard)) continue;
    for (const name of await readdir(path.join(root, shard))) {
      if (!BLOB.test(name) || keep.has(name)) continue;
      await rm(path.join(root, shard, name), { force: true });
      removed++;
    }
  }
  return removed;
}
