import { existsSync } from 'node:fs';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/temp-dir.js';
import { BlobCorruptedError, FileBlobStore, STALE_TEMP_FILE_MS } from './blob-store.js';

const tempDir = useTempDirs();
const SHA256_OF_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('the hub blob store on files', () => {
  it('names blobs by SHA-256, from bytes or a stream, and stores identical content once', async () => {
    const root = await tempDir();
    const store = await FileBlobStore.open(root);
    expect(await store.put(new TextEncoder().encode('abc'))).toEqual({ sha256: SHA256_OF_ABC, size: 3 });
    expect(await store.put(Readable.from([Buffer.from('a'), Buffer.from('bc')]))).toEqual({ sha256: SHA256_OF_ABC, size: 3 });
    expect(await readdir(path.join(root, 'ba'))).toEqual([SHA256_OF_ABC]);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await store.has(SHA256_OF_ABC)).toBe(true);
    expect(new TextDecoder().decode(await store.read(SHA256_OF_ABC))).toBe('abc');
    expect(await text(store.openRead(SHA256_OF_ABC))).toBe('abc');
  });

  it('refuses a damaged blob on read, whole or streamed', async () => {
    const root = await tempDir();
    const store = await FileBlobStore.open(root);
    await store.put(new TextEncoder().encode('abc'));
    await writeFile(path.join(root, 'ba', SHA256_OF_ABC), 'abd');
    await expect(store.read(SHA256_OF_ABC)).rejects.toThrow(BlobCorruptedError);
    await expect(text(store.openRead(SHA256_OF_ABC))).rejects.toThrow(BlobCorruptedError);
  });

  it('says a missing blob is missing, and refuses names that are not SHA-256', async () => {
    const store = await FileBlobStore.open(await tempDir());
    expect(await store.has('0'.repeat(64))).toBe(false);
    await expect(text(store.openRead('0'.repeat(64)))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => store.openRead('../../etc/passwd')).toThrow(/not a SHA-256 name/);
  });

  it('keeps nothing of a stream that failed, and clears temp files a crash left', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'tmp'), { recursive: true });
    const leftByACrash = path.join(root, 'tmp', 'left-by-a-crash');
    await writeFile(leftByACrash, 'partial');
    const longAgo = new Date(Date.now() - STALE_TEMP_FILE_MS - 60_000);
    await utimes(leftByACrash, longAgo, longAgo);
    const store = await FileBlobStore.open(root);
    expect(existsSync(leftByACrash)).toBe(false);
    const failing = new Readable({
      read() {
        this.push(Buffer.from('half a file'));
        this.destroy(new Error('connection dropped'));
      },
    });
    await expect(store.put(failing)).rejects.toThrow(/connection dropped/);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(['tmp']);
  });

  it('a second instance opening the shared folder leaves the writes under way of the first alone', async () => {
    const root = await tempDir();
    const first = await FileBlobStore.open(root);
    // The first instance is receiving: a package half written in its temp folder.
    const staged = await first.files.stageStream(Readable.from([Buffer.from('a package being received')]));
    await FileBlobStore.open(root);
    expect(existsSync(staged.tempPath)).toBe(true);
    const stored = await first.files.adoptFile(staged.tempPath, { sha256: staged.sha256, size: staged.size });
    expect(new TextDecoder().decode(await first.read(stored.sha256))).toBe('a package being received');
  });
});
