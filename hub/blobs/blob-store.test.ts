import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/temp-dir.js';
import { BlobCorruptedError, FileBlobStore } from './blob-store.js';

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
    await writeFile(path.join(root, 'tmp', 'left-by-a-crash'), 'partial');
    const store = await FileBlobStore.open(root);
    expect(existsSync(path.join(root, 'tmp', 'left-by-a-crash'))).toBe(false);
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
});
