/**
 * The receive limits at the package reader: zip bombs refused while they stream (never written
 * whole first), the disk's free space honoured, and the stored content type following the bytes.
 * Every package is built here, by the test.
 */
import { execFileSync } from 'node:child_process';
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { buildDocumentPackage } from '../../../../shared/edxml/builder.js';
import { sampleDocumentPackage, testBytes } from '../../../../test/edxml-fixtures.js';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { BlobStore } from '../../store/blob-store.js';
import { readPackageFile } from './package-reader.js';
import { DiskFullError, KEEP_FREE_BYTES } from './receive-limits.js';

const tempDir = useTempDirs();
const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) execFileSync('umount', [dir]);
});

const MiB = 1024 * 1024;

async function blobStoreIn(dir: string): Promise<BlobStore> {
  const blobs = new BlobStore(path.join(dir, 'blobs'));
  await blobs.init();
  return blobs;
}

/** A one-entry zip, as VNPT's library wraps an attachment: `size` bytes of `fill`, deflated (a few KB per MB). */
async function deflatedZip(name: string, size: number, fill = 0): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.alloc(size, fill), name, { compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A package file carrying `files` (name, declared ContentType, bytes), written into `dir`. */
async function packageFile(dir: string, files: [name: string, contentType: string, bytes: Uint8Array][]): Promise<string> {
  const pkg = sampleDocumentPackage(files.map((_, index) => String(index + 1)));
  files.forEach(([name, contentType], index) => {
    for (const list of [pkg.attachments, pkg.references]) Object.assign(list[index]!, { attachmentName: name, contentType });
  });
  const chunks: string[] = [];
  for await (const chunk of buildDocumentPackage(pkg, (id) => [files[Number(id) - 1]![2]])) chunks.push(chunk);
  const file = path.join(dir, `package-${Math.random().toString(36).slice(2)}.edxml`);
  await writeFile(file, chunks.join(''));
  return file;
}

/** Bytes under a folder, summed. */
async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/** Runs `work` while sampling how many bytes the blob store's temp folder holds; returns the peak. */
async function peakTempBytes(blobs: BlobStore, work: () => Promise<unknown>): Promise<number> {
  const tmp = path.join(blobs.root, 'tmp');
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await bytesUnder(tmp));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  try {
    await work();
  } finally {
    sampling = false;
    await sampler;
  }
  return peak;
}

describe('zip bombs at the reader', () => {
  it('refuses one attachment that unzips to far more than its zipped size (30 MB from ~30 KB): unzipped_too_large, before anything is unzipped', async () => {
    const dir = await tempDir();
    const blobs = await blobStoreIn(dir);
    const bomb = await deflatedZip('Công văn.pdf', 30 * MiB);
    expect(bomb.length).toBeLessThan(100_000);
    const file = await packageFile(dir, [['Công văn.pdf', 'application/pdf', bomb]]);
    let error: unknown;
    const peak = await peakTempBytes(blobs, () => readPackageFile(file, blobs).catch((caught: unknown) => (error = caught)));
    expect(error).toMatchObject({ reason: 'unzipped_too_large' });
    expect((error as Error).message).toMatch(/unzips to more than 16\.0 MB/);
    expect(peak).toBeLessThan(1 * MiB);
    expect(await readdir(path.join(blobs.root, 'tmp'))).toEqual([]);
    expect((await readdir(blobs.root)).filter((name) => name !== 'tmp')).toEqual([]);
  });

  it('refuses a small package whose attachments together unzip past its cap (ten of 15 MB from ~150 KB), stopping at the cap', async () => {
    const dir = await tempDir();
    const blobs = await blobStoreIn(dir);
    const bombs = await Promise.all(Array.from({ length: 10 }, (_, index) => deflatedZip(`${index}.pdf`, 15 * MiB, index)));
    const file = await packageFile(
      dir,
      bombs.map((bomb, index): [string, string, Uint8Array] => [`Phụ lục ${index}.pdf`, 'application/pdf', bomb]),
    );
    expect((await stat(file)).size).toBeLessThan(1 * MiB);
    let error: unknown;
    const peak = await peakTempBytes(blobs, () => readPackageFile(file, blobs).catch((caught: unknown) => (error = caught)));
    expect(error).toMatchObject({ reason: 'unzipped_too_large' });
    expect((error as Error).message).toMatch(/unzip to more than 64\.0 MB/);
    // 64 MB of cap and one read chunk; written whole, ten attachments would have been 150 MB.
    expect(peak).toBeLessThanOrEqual(64 * MiB + 1 * MiB);
    expect(await readdir(path.join(blobs.root, 'tmp'))).toEqual([]);
    expect((await readdir(blobs.root)).filter((name) => name !== 'tmp')).toEqual([]);
  });

  it('reads an honest zip-wrapped attachment within the caps (12 MB of text-like bytes)', async () => {
    const dir = await tempDir();
    const blobs = await blobStoreIn(dir);
    const file = await packageFile(dir, [['Báo cáo.pdf', 'application/pdf', await deflatedZip('Báo cáo.pdf', 12 * MiB, 0x25)]]);
    const read = await readPackageFile(file, blobs);
    expect(read.attachments).toMatchObject([{ size: 12 * MiB, name: 'Báo cáo.pdf' }]);
  });
});

describe('free space on the data folder’s disk', () => {
  /** A tmpfs of `size` (needs root, as the test machine runs) for the blob store. */
  async function smallDisk(size: string): Promise<string> {
    const dir = await tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    mounts.push(dir);
    return dir;
  }

  it('stops with DiskFullError (not a quarantine) when the attachments would leave less than the kept free space, and leaves nothing behind', async () => {
    const disk = await smallDisk('40m');
    const blobs = await blobStoreIn(disk);
    const work = await tempDir();
    // Each within the per-attachment cap, together 36 MB: within the package's 64 MB cap, but not
    // within 40 MB less the 8 MB kept free.
    const zips = await Promise.all([1, 2, 3].map((n) => deflatedZip(`${n}.pdf`, 12 * MiB, n)));
    const file = await packageFile(work, zips.map((zip, index): [string, string, Uint8Array] => [`${index}.pdf`, 'application/pdf', zip]));
    const usedBefore = await bytesUnder(disk);
    const error = await readPackageFile(file, blobs, 8 * MiB).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiskFullError);
    expect(error).toMatchObject({ code: 'ENOSPC' });
    expect(error).not.toHaveProperty('reason');
    expect(await readdir(path.join(blobs.root, 'tmp'))).toEqual([]);
    expect(await bytesUnder(disk)).toBe(usedBefore);
  });

  it('refuses to start when the disk has less free space than it must keep', async () => {
    const disk = await smallDisk('8m');
    const blobs = await blobStoreIn(disk);
    const file = await packageFile(await tempDir(), [['a.pdf', 'application/pdf', testBytes(1000, 1, '%PDF-1.4\n')]]);
    await expect(readPackageFile(file, blobs)).rejects.toThrow(/receiving waits until more than 256\.0 MB are free/);
    expect(KEEP_FREE_BYTES).toBe(256 * MiB);
  });
});

describe('the stored content type follows the bytes', () => {
  it.each([
    ['a zip-wrapped PDF labelled application/zip', 'Quyết định.pdf', 'application/zip', 'zip-pdf', 'application/pdf'],
    ['a PDF labelled text/html', 'Công văn.pdf', 'text/html', 'pdf', 'application/pdf'],
    ['a PNG labelled application/pdf', 'scan.pdf', 'application/pdf', 'png', 'image/png'],
    ['HTML labelled application/pdf', 'Công văn.pdf', 'application/pdf', 'html', 'application/octet-stream'],
    ['a Word file (a zip of several entries) labelled application/docx', 'Phụ lục.docx', 'application/docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a zip of several files labelled application/pdf', 'hồ sơ.zip', 'application/pdf', 'docx', 'application/zip'],
  ])('%s is stored as %s', async (_case, name, declared, kind, expected) => {
    const dir = await tempDir();
    const blobs = await blobStoreIn(dir);
    const pdf = testBytes(3000, 5, '%PDF-1.7\n');
    const twoEntries = async () => {
      const zip = new yazl.ZipFile();
      zip.addBuffer(Buffer.from('<Types/>'), '[Content_Types].xml');
      zip.addBuffer(Buffer.from('<w:document/>'), 'word/document.xml');
      zip.end();
      const chunks: Buffer[] = [];
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    const bytes: Record<string, () => Promise<Uint8Array>> = {
      'zip-pdf': async () => {
        const zip = new yazl.ZipFile();
        zip.addBuffer(Buffer.from(pdf), name);
        zip.end();
        const chunks: Buffer[] = [];
        for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      },
      pdf: async () => pdf,
      png: async () => testBytes(500, 6, '\x89PNG\r\n\x1a\n'),
      html: async () => new TextEncoder().encode('<html><script>alert(1)</script></html>'),
      docx: twoEntries,
    };
    const read = await readPackageFile(await packageFile(dir, [[name, declared, await bytes[kind]!()]]), blobs);
    expect(read.attachments[0]!.meta.contentType).toBe(declared);
    expect(read.attachments[0]!.contentType).toBe(expected);
  });
});
