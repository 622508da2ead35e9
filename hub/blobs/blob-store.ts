/**
 * The hub's blobs (attachments, packages, signed revisions), named by their SHA-256. One small
 * interface, so that an agency may later keep them elsewhere (an object store) without the rest
 * of the hub knowing; the default keeps files on the hub's volume.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { BlobCorruptedError, BlobStore as FileStore, type StoredBlob } from '../../electron/core/store/blob-store.js';

export { BlobCorruptedError, type StoredBlob };

/** No write keeps a temporary file this long (downloads and uploads time out far sooner). */
export const STALE_TEMP_FILE_MS = 24 * 3600_000;

export class BlobMismatchError extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`The bytes sent hash to ${actual}, not to ${expected} as their address says: nothing was stored.`);
    this.name = 'BlobMismatchError';
  }
}

export interface HubBlobStore {
  /** Stores bytes or a stream; identical content is stored once. Durable when it resolves. */
  put(source: Uint8Array | Readable): Promise<StoredBlob>;
  /**
   * Stores a stream only if it hashes to `sha256` (what a desk says it uploads); otherwise keeps
   * nothing and rejects with BlobMismatchError.
   */
  putExpected(source: Readable, sha256: string): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  /** The whole blob, checked against its name. */
  read(sha256: string): Promise<Uint8Array>;
  /** A stream of the blob that fails with BlobCorruptedError at its end if the bytes do not hash to the name. */
  openRead(sha256: string): Readable;
}

/**
 * Files under `<data dir>/blobs/xx/<sha256>`, written as the desktop writes its own (temp file,
 * fsync, rename, fsync of the folder: electron/core/store/blob-store.ts), so a blob that `put`
 * returned survives a power cut.
 */
export class FileBlobStore implements HubBlobStore {
  /** The files themselves, for what needs a path: the axis client uploads a package from its file. */
  readonly files: FileStore;

  private constructor(root: string) {
    this.files = new FileStore(root);
  }

  static async open(root: string): Promise<FileBlobStore> {
    const store = new FileBlobStore(root);
    // Other instances of the hub may be writing here right now (they share the data folder):
    // only what no write can still own is cleared.
    await store.files.init({ keepNewerThanMs: STALE_TEMP_FILE_MS });
    return store;
  }

  put(source: Uint8Array | Readable): Promise<StoredBlob> {
    return source instanceof Readable ? this.files.putStream(source) : this.files.putBytes(source);
  }

  async putExpected(source: Readable, sha256: string): Promise<StoredBlob> {
    const staged = await this.files.stageStream(source);
    if (staged.sha256 !== sha256) {
      await rm(staged.tempPath, { force: true });
      throw new BlobMismatchError(sha256, staged.sha256);
    }
    return this.files.adoptFile(staged.tempPath, { sha256, size: staged.size });
  }

  has(sha256: string): Promise<boolean> {
    return this.files.has(sha256);
  }

  read(sha256: string): Promise<Uint8Array> {
    return this.files.read(sha256);
  }

  openRead(sha256: string): Readable {
    const file = createReadStream(this.files.pathOf(sha256));
    const hash = createHash('sha256');
    const check = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        const actual = hash.digest('hex');
        done(actual === sha256 ? null : new BlobCorruptedError(sha256, actual));
      },
    });
    file.on('error', (error) => check.destroy(error));
    return file.pipe(check);
  }
}
