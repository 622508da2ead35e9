/**
 * Received attachments as the sender chose them (hostile names, content types that lie), sent
 * through the real reference axis and received by the real sync engine: what the clerk sees of
 * them and how they are served. Only bytes that are a PDF or an image are shown inside the app,
 * with their real type; everything else, and every executable name, is served as a download;
 * names lose their bidi controls and device names.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { blobReply } from '../electron/core/blobs/served-file.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import type { AttachmentInfo } from '../shared/api/documents.js';
import { buildDocumentPackage } from '../shared/edxml/builder.js';
import { startAgency, type TestAgency } from './agency-harness.js';
import { collectText, sampleDocumentPackage } from './edxml-fixtures.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
let axis: TemporaryAxis;
let B: TestAgency;
let received: AttachmentInfo[];
let pdf: Buffer;

const HTML = '<!doctype html><title>x</title><script>fetch("/api/call/app.getState",{method:"POST"})</script>';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4a70000000049454e44ae426082', 'hex');

/** As a hostile sender sends it: its own names and content types, uploaded to the axis as itself. */
const FILES: { name: string; contentType: string; bytes: () => Uint8Array }[] = [
  { name: 'Quyết định 05.pdf', contentType: 'application/pdf', bytes: () => pdf },
  { name: 'Báo cáo.pdf', contentType: 'application/pdf', bytes: () => new TextEncoder().encode(HTML) },
  { name: 'trang.html', contentType: 'text/html', bytes: () => new TextEncoder().encode(HTML) },
  { name: 'ảnh chụp.png', contentType: 'image/png', bytes: () => PNG },
  { name: 'hợp đồng\u202Efdp.exe', contentType: 'application/pdf', bytes: () => pdf },
  { name: 'Công văn.pdf.js', contentType: 'application/pdf', bytes: () => pdf },
  { name: 'CON.pdf', contentType: 'application/pdf', bytes: () => pdf },
];

beforeAll(async () => {
  pdf = await readFile(new URL('../assets/sample.pdf', import.meta.url));
  axis = await startTemporaryAxis();
  const [sender, receiver] = axis.agencies;
  B = await startAgency(axis.server.url, receiver!);
  const pkg = sampleDocumentPackage(FILES.map((_, index) => String(index + 1)));
  pkg.header = { ...pkg.header, from: { ...pkg.header.from, organId: sender!.code }, to: [{ ...pkg.header.to[0]!, organId: B.code }], documentId: `${sender!.code},2026/11/20,1/UBND-VP`, subject: 'Tệp của người gửi', responseFor: [] };
  pkg.traces = [{ organId: sender!.code, timestamp: '2026/11/20 08:00:00' }];
  FILES.forEach(({ name, contentType }, index) => {
    for (const entry of [pkg.attachments[index]!, pkg.references[index]!]) Object.assign(entry, { attachmentName: name, contentType });
  });
  const file = path.join(await tempDir(), 'package.xml');
  await writeFile(file, await collectText(buildDocumentPackage(pkg, (id) => [FILES[Number(id) - 1]!.bytes()])));
  await createVxpClient({ baseUrl: axis.server.url, systemId: sender!.code, secret: sender!.secret, timeoutMs: 5000 }).send(file, 'edoc', [B.code]);
  await B.sync();
  const inbox = await B.call('documents.list', { box: 'inbox', limit: 10, offset: 0 });
  received = (await B.call('documents.get', { id: inbox.rows[0]!.id })).attachments;
});
afterAll(async () => {
  await B?.close();
  await axis?.dispose();
});

const named = (name: string) => {
  const attachment = received.find((candidate) => candidate.name === name);
  if (!attachment) throw new Error(`no attachment named ${name} among ${received.map((a) => JSON.stringify(a.name)).join(', ')}`);
  return attachment;
};
const open = (attachment: AttachmentInfo, purpose: 'view' | 'save') => B.call('attachments.open', { attachmentId: attachment.id, purpose });

describe('received attachments', () => {
  it('show names without bidi controls or device names: the right-to-left override cannot turn .exe into .pdf', () => {
    expect(received.map((attachment) => attachment.name)).toEqual(['Quyết định 05.pdf', 'Báo cáo.pdf', 'trang.html', 'ảnh chụp.png', 'hợp đồngfdp.exe', 'Công văn.pdf.js', '_CON.pdf']);
  });

  it('a real PDF is shown inside the app, served as a PDF that is inert in any origin', async () => {
    const link = await open(named('Quyết định 05.pdf'), 'view');
    expect(link).toMatchObject({ view: 'pdf', contentType: 'application/pdf', executable: false, size: pdf.length });
    expect((await B.file(link)).equals(pdf)).toBe(true);
    const headers = blobReply(B.core.resolveFile(link.url)!, 'bytes=0-99').headers;
    expect(headers).toMatchObject({ 'Content-Type': 'application/pdf', 'X-Content-Type-Options': 'nosniff', 'Content-Range': `bytes 0-99/${pdf.length}` });
    expect(headers['Content-Security-Policy']).toMatch(/(^|; )sandbox(;|$)/);
    expect(headers['Content-Disposition']).toMatch(/^inline; /);
  });

  it('HTML, whether it calls itself a PDF or HTML, is never shown: a download of application/octet-stream', async () => {
    for (const name of ['Báo cáo.pdf', 'trang.html']) {
      const link = await open(named(name), 'view');
      expect(link, name).toMatchObject({ view: 'download', contentType: 'application/octet-stream', executable: false });
      const headers = blobReply(B.core.resolveFile(link.url)!, null).headers;
      expect(headers['Content-Disposition'], name).toMatch(/^attachment; /);
      expect(headers['Content-Type'], name).toBe('application/octet-stream');
    }
  });

  it('an image is shown as what its bytes are', async () => {
    expect(await open(named('ảnh chụp.png'), 'view')).toMatchObject({ view: 'image', contentType: 'image/png' });
  });

  it('executable names are flagged and never shown, even when the bytes are a PDF', async () => {
    for (const name of ['hợp đồngfdp.exe', 'Công văn.pdf.js']) {
      expect(await open(named(name), 'view'), name).toMatchObject({ view: 'download', executable: true, contentType: 'application/octet-stream' });
    }
  });

  it('saving always gives a download, whatever the file is', async () => {
    const link = await open(named('Quyết định 05.pdf'), 'save');
    expect(link).toMatchObject({ view: 'download', contentType: 'application/octet-stream' });
    expect(blobReply(B.core.resolveFile(link.url)!, null).headers['Content-Disposition']).toMatch(/^attachment; filename="Quyet dinh 05.pdf"/);
  });
});
