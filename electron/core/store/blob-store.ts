/**
 * Attachments and packages as files named by their SHA-256, beside the database. A blob is
 * written to a temporary file, fsynced, renamed into place and its folder fsynced before the
 * row that names it commits: a row never points at a missing or partial file. Identical files
 * are stored once. Reads verify the hash, so silent disk corruption is reported, not served.
 */
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { writeNewFile } from '../fs/new-file.js';
import { syncDirectory } from '../fs/sync-directory.js';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export class BlobCorruptedError extends Error {
  constructor(readonly sha256: string, readonly actual: string) {
    super(`Stored file ${sha256} is damaged on disk (its content now hashes to ${actual}). Restore it from a backup or re-sync the document.`);
    this.name = 'BlobCorruptedError';
  }
}

export class BlobStore {
  private readonly tempDir: string;

  constructor(readonly root: string) {
    this.tempDir = path.join(root, 'tmp');
  }

  /**
   * Clears the temporary files a crash left: they belong to no row. `keepNewerThanMs`: only those
   * older than that, for a folder other running processes write to as well (the agency hub's
   * instances share one volume; clearing all would pull files from under another's writes).
   */
  async init(options: { keepNewerThanMs?: number } = {}): Promise<void> {
    await mkdir(this.tempDir, { recursive: true, mode: 0o700 });
    if (options.keepNewerThanMs === undefined) {
      await rm(this.tempDir, { recursive: true, force: true });
      await mkdir(this.tempDir, { recursive: true, mode: 0o700 });
      return;
    }
    const before = Date.now() - options.keepNewerThanMs;
    for (const name of await readdir(this.tempDir)) {
      const file = path.join(this.tempDir, name);
      // Gone meanwhile: its writer renamed it into place or removed it.
      const modified = await stat(file).then((info) => info.mtimeMs, () => null);
      if (modified !== null && modified < before) await rm(file, { recursive: true, force: true });
    }
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 name: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async putBytes(bytes: Uint8Array): Promise<StoredBlob> {
    return this.write(async (file, hash) => {
      hash.update(bytes);
      await file.writeFile(bytes);
      return bytes.length;
    });
  }

  async putStream(source: Readable): Promise<StoredBlob> {
    const staged = await this.stageStream(source);
    await this.moveIntoPlace(staged.tempPath, staged.sha256);
    return { sha256: staged.sha256, size: staged.size };
  }

  /**
   * Writes a stream to a temporary file, hashed and fsynced, but not yet in the store: adoptFile()
   * puts it there, or the caller removes `tempPath`. Lets a reader store several files all or none.
   */
  async stageStream(source: Readable): Promise<StoredBlob & { tempPath: string }> {
    // Heard from the start: a source that fails at once (a missing file) would otherwise emit its
    // 'error' while the temp file is still being opened, with no listener, and end the process.
    // The stream keeps the error, so the loop below still throws it.
    source.on('error', () => undefined);
    return this.stage(async (file, hash) => {
      let size = 0;
      for await (const chunk of source) {
        const buffer = chunk as Buffer;
        hash.update(buffer);
        await file.write(buffer);
        size += buffer.length;
      }
      return size;
    });
  }

  /** A path for a temporary file on the blob store's own disk, so adopting it is a rename. */
  tempPath(suffix = ''): string {
    return path.join(this.tempDir, `${randomUUID()}${suffix}`);
  }

  /**
   * Takes over a file under tempPath() whose SHA-256 the writer computed while writing it and
   * fsynced (a download, a package just built): no second read.
   */
  async adoptFile(filePath: string, written: StoredBlob): Promise<StoredBlob> {
    await this.moveIntoPlace(filePath, written.sha256);
    return written;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async read(sha256: string): Promise<Uint8Array> {
    const bytes = await readFile(this.pathOf(sha256));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new BlobCorruptedError(sha256, actual);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  private async write(fill: (file: FileHandle, hash: Hash) => Promise<number>): Promise<StoredBlob> {
    const { tempPath, sha256, size } = await this.stage(fill);
    await this.moveIntoPlace(tempPath, sha256);
    return { sha256, size };
  }

  private async stage(fill: (file: FileHandle, hash: Hash) => Promise<number>): Promise<StoredBlob & { tempPath: string }> {
    const tempPath = path.join(this.tempDir, randomUUID());
    const hash = createHash('sha256');
    const size = await writeNewFile(tempPath, (file) => fill(file, hash));
    return { tempPath, sha256: hash.digest('hex'), size };
  }

  private async moveIntoPlace(tempPath: string, sha256: string): Promise<void> {
    const finalPath = this.pathOf(sha256);
    if (await this.has(sha256)) {
      await rm(tempPath, { force: true });
      return;
    }
    const shard = path.dirname(finalPath);
    try {
      await rename(tempPath, finalPath);
    } catch (error) {
      // The shard folder does not exist yet (256 of them, made on first use): no mkdir per blob.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(shard, { recursive: true });
      await rename(tempPath, finalPath);
    }
    await syncDirectory(shard);
  }
}
