/**
 * Package bytes on disk. An upload streams to a temp file in `packages/tmp` (same file system,
 * so the rename is atomic), is flushed to disk, then renamed to its final name and the
 * directory entry flushed too: only then may a database row point at it.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const PACKAGES_DIR = 'packages';

export class PackageStorage {
  private readonly root: string;
  private readonly finalDir: string;
  private readonly tempDir: string;

  private constructor(root: string) {
    this.root = root;
    this.finalDir = path.join(root, PACKAGES_DIR);
    this.tempDir = path.join(this.finalDir, 'tmp');
  }

  /** Temp files left by a crash belong to uploads that were never acknowledged: drop them. */
  static async open(dataDir: string): Promise<PackageStorage> {
    const files = new PackageStorage(dataDir);
    await rm(files.tempDir, { recursive: true, force: true });
    await mkdir(files.tempDir, { recursive: true, mode: 0o700 });
    return files;
  }

  /** A new temp file; `flush` makes close() fsync it. */
  createTemp(): { tempPath: string; stream: WriteStream } {
    const tempPath = path.join(this.tempDir, `${randomUUID()}.part`);
    return { tempPath, stream: createWriteStream(tempPath, { flush: true, mode: 0o600 }) };
  }

  async discard(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  /** Moves a flushed temp file to its final name; returns the path relative to the data dir. */
  async commit(tempPath: string, docId: string): Promise<string> {
    const relative = path.join(PACKAGES_DIR, `${docId}.xml`);
    await rename(tempPath, path.join(this.root, relative));
    await syncDirectory(this.finalDir);
    return relative;
  }

  async remove(relative: string): Promise<void> {
    await rm(this.resolve(relative), { force: true });
  }

  resolve(relative: string): string {
    return path.join(this.root, relative);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
