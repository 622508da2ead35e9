import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { storedZip } from '../../../../test/zip-bytes.js';
import { buildDocumentPackage } from '../../../../shared/edxml/builder.js';
import { EdxmlValidationError } from '../../../../shared/edxml/errors.js';
import { parseXml, sampleDocumentPackage, sampleStatus, testBytes } from '../../../../test/edxml-fixtures.js';
import { BlobStore } from '../../store/blob-store.js';
import { readPackageFile } from './package-reader.js';
import { writePackageFile } from './package-writer.js';
import { packStatusPackage } from '../outgoing-packages.js';

const tempDir = useTempDirs();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function setup() {
  const dir = await tempDir();
  const blobs = new BlobStore(path.join(dir, 'blobs'));
  await blobs.init();
  return { dir, blobs };
}

function flipped(bytes: Buffer, at: number): Buffer {
  bytes[at] = bytes[at]! ^ 0xff;
  return bytes;
}

/** A one-attachment package file whose decoded attachment is exactly `content`. */
async function packageCarrying(dir: string, content: Uint8Array, attachmentName = 'Công văn.pdf'): Promise<string> {
  const pkg = sampleDocumentPackage(['1']);
  pkg.attachments[0]!.attachmentName = attachmentName;
  const file = path.join(dir, 'crafted.edxml');
  const chunks: string[] = [];
  for await (const chunk of buildDocumentPackage(pkg, () => [content])) chunks.push(chunk);
  await writeFile(file, chunks.join(''));
  return file;
}

const pdfA = testBytes(180_000, 1, '%PDF-1.7\n');
const pdfB = testBytes(95_000, 2, '%PDF-1.4\n');

async function writeTwoPdfs(dir: string, zipAttachments: boolean): Promise<string> {
  await writeFile(path.join(dir, 'a.pdf'), pdfA);
  await writeFile(path.join(dir, 'b.pdf'), pdfB);
  const files = new Map([
    ['1', path.join(dir, 'a.pdf')],
    ['2', path.join(dir, 'b.pdf')],
  ]);
  const packagePath = path.join(dir, 'out.edxml');
  await writePackageFile(packagePath, sampleDocumentPackage(['1', '2']), files, { zipAttachments });
  return packagePath;
}

describe('package files', () => {
  it('writes two PDFs and reads them back byte-identical into the blob store', async () => {
    const { dir, blobs } = await setup();
    const read = await readPackageFile(await writeTwoPdfs(dir, false), blobs);
    expect(read.parsed).toEqual({ kind: 'document', package: sampleDocumentPackage(['1', '2']) });
    expect(read.attachments).toEqual([
      { meta: sampleDocumentPackage().attachments[0], sha256: sha(pdfA), size: pdfA.length, name: '05-QD-UBND-1.pdf', contentType: 'application/pdf' },
      { meta: sampleDocumentPackage().attachments[1], sha256: sha(pdfB), size: pdfB.length, name: '05-QD-UBND-2.pdf', contentType: 'application/pdf' },
    ]);
    expect(sha(await blobs.read(sha(pdfA)))).toBe(sha(pdfA));
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['out.edxml']));
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('wraps each attachment in a one-entry zip when asked, and the reader unwraps it', async () => {
    const { dir, blobs } = await setup();
    const packagePath = await writeTwoPdfs(dir, true);
    const { attachments } = parseXml(await readFile(packagePath, 'utf8'));
    expect(attachments.map((attachment) => Buffer.from(attachment.bytes.subarray(0, 4)).toString('latin1'))).toEqual(['PK\x03\x04', 'PK\x03\x04']);
    const read = await readPackageFile(packagePath, blobs);
    expect(read.attachments.map((attachment) => [attachment.sha256, attachment.size])).toEqual([
      [sha(pdfA), pdfA.length],
      [sha(pdfB), pdfB.length],
    ]);
  });

  it('packs a status package that reads back as it was, named by the SHA-256 of its bytes', async () => {
    const { dir, blobs } = await setup();
    const packagePath = path.join(dir, 'status.edxml');
    const packed = packStatusPackage(sampleStatus('03'));
    await writeFile(packagePath, packed.bytes);
    expect(packed.sha256).toBe(sha(packed.bytes));
    expect(await readPackageFile(packagePath, blobs)).toEqual({ parsed: { kind: 'status', package: sampleStatus('03') }, attachments: [] });
  });

  it('leaves nothing behind when the package does not validate', async () => {
    const { dir } = await setup();
    const pkg = sampleDocumentPackage(['1']);
    pkg.header.subject = '';
    await expect(writePackageFile(path.join(dir, 'bad.edxml'), pkg, new Map([['1', path.join(dir, 'missing.pdf')]]), { zipAttachments: false })).rejects.toBeInstanceOf(
      EdxmlValidationError,
    );
    expect(await readdir(dir)).toEqual(['blobs']);
  });

  it('names a nameless attachment from its content', async () => {
    const { dir, blobs } = await setup();
    const read = await readPackageFile(await packageCarrying(dir, storedZip([['x.pdf', pdfA]]), '../'), blobs);
    expect(read.attachments[0]).toMatchObject({ sha256: sha(pdfA), name: 'attachment-1.pdf' });
  });

  it('keeps an office file sent raw (a zip of several entries) as it is', async () => {
    const { dir, blobs } = await setup();
    const docx = storedZip([
      ['[Content_Types].xml', Buffer.from('<Types/>')],
      ['word/document.xml', Buffer.from('<w:document/>')],
    ]);
    const read = await readPackageFile(await packageCarrying(dir, docx, 'Phụ lục.docx'), blobs);
    expect(read.attachments[0]).toMatchObject({ sha256: sha(docx), name: 'Phụ lục.docx' });
  });

  it.each([
    ['two files', storedZip([['a.pdf', pdfA], ['b.pdf', pdfB]])],
    ['no file', storedZip([['folder/', new Uint8Array(0)]])],
  ])('keeps a zip of %s whole: it is not a wrapper but the attached file itself', async (_case, zip) => {
    const { dir, blobs } = await setup();
    const read = await readPackageFile(await packageCarrying(dir, zip), blobs);
    expect(read.attachments[0]!.sha256).toBe(createHash('sha256').update(zip).digest('hex'));
  });

  it.each([
    ['a ../ entry', storedZip([['../evil', pdfA]])],
    ['an absolute entry', storedZip([['/etc/evil', pdfA]])],
    ['a damaged zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from(pdfA.subarray(0, 500))])],
    ['content that does not match its CRC-32', flipped(storedZip([['x.pdf', pdfA]]), 30 + 'x.pdf'.length + 1000)],
  ])('refuses a wrapper with %s as bad_attachment', async (_case, zip) => {
    const { dir, blobs } = await setup();
    await expect(readPackageFile(await packageCarrying(dir, zip), blobs)).rejects.toMatchObject({ reason: 'bad_attachment' });
  });

  it('passes the parser’s reason through', async () => {
    const { dir, blobs } = await setup();
    const file = path.join(dir, 'evil.edxml');
    await writeFile(file, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    await expect(readPackageFile(file, blobs)).rejects.toMatchObject({ reason: 'doctype_or_entity' });
  });

  it('keeps memory flat for a 30 MB attachment, written and read back', async () => {
    const { dir, blobs } = await setup();
    const source = path.join(dir, 'big.pdf');
    const hash = createHash('sha256');
    function* megabytes() {
      for (let mb = 0; mb < 30; mb++) {
        const piece = testBytes(1024 * 1024, mb + 1, mb === 0 ? '%PDF-1.7\n' : '');
        hash.update(piece);
        yield piece;
      }
    }
    await pipeline(Readable.from(megabytes()), createWriteStream(source));
    const expected = hash.digest('hex');

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const packagePath = path.join(dir, 'big.edxml');
      await writePackageFile(packagePath, sampleDocumentPackage(['1']), new Map([['1', source]]), { zipAttachments: false });
      const read = await readPackageFile(packagePath, blobs);
      expect(read.attachments[0]).toMatchObject({ sha256: expected, size: 30 * 1024 * 1024 });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak - baseline).toBeLessThan(60 * 1024 * 1024);
  });
});
