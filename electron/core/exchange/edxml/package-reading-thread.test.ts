/**
 * The package reading thread runs its built bundle (dist/core/package-reader.cjs, as the app runs
 * it: node scripts/build.mjs first; npm test does), so these read through the real thread.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { sampleDocumentPackage, testBytes } from '../../../../test/edxml-fixtures.js';
import { BlobStore } from '../../store/blob-store.js';
import { isDiskFull } from '../../store/storage-errors.js';
import { isRejection } from '../incoming.js';
import { readPackageFile } from './package-reader.js';
import { packageReadingThread, type PackageReadingThread } from './package-reading-thread.js';
import { writePackageFile } from './package-writer.js';

const THREAD_BUNDLE = fileURLToPath(new URL('../../../../dist/core/package-reader.cjs', import.meta.url));
const tempDir = useTempDirs();
let thread: PackageReadingThread | null = null;

afterEach(async () => {
  await thread?.close();
  thread = null;
});

async function setup() {
  const dir = await tempDir();
  const blobs = new BlobStore(path.join(dir, 'blobs'));
  await blobs.init();
  await writeFile(path.join(dir, 'a.pdf'), testBytes(120_000, 1, '%PDF-1.7\n'));
  const packagePath = path.join(dir, 'package.edxml');
  await writePackageFile(packagePath, sampleDocumentPackage(['1']), new Map([['1', path.join(dir, 'a.pdf')]]), { zipAttachments: false });
  thread = packageReadingThread(THREAD_BUNDLE);
  return { dir, blobs, packagePath, thread };
}

/** What a rejected read gives: the same, whichever thread read. */
const failureOf = (read: Promise<unknown>) => read.then(() => null, (error: unknown) => error as Error & { reason?: unknown; code?: unknown });

describe('the package reading thread', () => {
  it('reads packages as readPackageFile does, several at once, their attachments in the blob store', async () => {
    const { blobs, packagePath, thread } = await setup();
    const expected = await readPackageFile(packagePath, blobs);
    const reads = await Promise.all([1, 2, 3].map(() => thread.read(packagePath, blobs)));
    for (const read of reads) expect(read).toEqual(expected);
    expect((await blobs.read(expected.attachments[0]!.sha256)).length).toBe(120_000);
  });

  it('fails a refused package with the same reason and message, still a rejection', async () => {
    const { dir, blobs, thread } = await setup();
    const file = path.join(dir, 'entity.edxml');
    await writeFile(file, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    const here = await failureOf(readPackageFile(file, blobs));
    const there = await failureOf(thread.read(file, blobs));
    expect(there).toBeInstanceOf(Error);
    expect({ name: there!.name, message: there!.message, reason: there!.reason }).toEqual({ name: here!.name, message: here!.message, reason: 'doctype_or_entity' });
    expect(isRejection(there)).toBe(true);
  });

  it('fails with a full disk as a full disk, not as a refusal', async () => {
    const { blobs, packagePath, thread } = await setup();
    const failure = await failureOf(thread.read(packagePath, blobs, Number.MAX_SAFE_INTEGER));
    expect(failure?.name).toBe('DiskFullError');
    expect(isDiskFull(failure)).toBe(true);
    expect(isRejection(failure)).toBe(false);
  });

  it('fails the reads of a thread that ended, and starts a new one for the next', async () => {
    const { blobs, packagePath, thread } = await setup();
    const cut = failureOf(thread.read(packagePath, blobs));
    await thread.close();
    expect((await cut)?.message).toMatch(/reading thread stopped/);
    expect((await thread.read(packagePath, blobs)).attachments).toHaveLength(1);
  });
});
