/**
 * Files through the browser-mode host (the built bundle, a real port): by link, with Range, inert
 * headers, and never as bytes in a reply.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, ROOT, startApp, type RunningApp } from '../e2e/app-harness.js';

let app: RunningApp;
let pdf: Buffer;
let draftId: number;
const attachmentIds: Record<string, number> = {};

/** The reply's raw text, as the page receives it. */
async function rawCall(method: string, input: unknown): Promise<string> {
  const response = await fetch(`${app.origin}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.session()}` }, body: JSON.stringify(input) });
  expect(response.status, method).toBe(200);
  return response.text();
}

beforeAll(async () => {
  app = await startApp(await makeDataDir());
  pdf = await readFile(path.join(ROOT, 'assets', 'sample.pdf'));
  draftId = (await app.call<{ id: number }>('drafts.create', { subject: 'Tệp đính kèm', summary: '' })).id;
  const files: [string, string, Uint8Array][] = [
    ['Quyết định.pdf', 'application/pdf', new Uint8Array(pdf)],
    ['trang.pdf', 'application/pdf', new TextEncoder().encode('<!doctype html><script>alert(document.cookie)</script>')],
  ];
  for (const [name, contentType, bytes] of files) {
    attachmentIds[name] = (await app.call<{ id: number }>('attachments.add', { documentId: draftId, name, contentType, bytes })).id;
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('files through the browser-mode host', () => {
  it('no reply carries file bytes: attachments, exports, the helpdesk report and signature images come as links', async () => {
    const year = new Date().getFullYear();
    const registers = await app.call<{ id: number; code: string }[]>('registers.list', {});
    const replies = [
      await rawCall('attachments.open', { attachmentId: attachmentIds['Quyết định.pdf'], purpose: 'view' }),
      await rawCall('registers.export', { register: registers[0]!.id, year, format: 'pdf' }),
      await rawCall('reports.export', { kind: 'byMonth', from: `${year}-01-01`, to: `${year}-12-31`, format: 'xlsx' }),
      await rawCall('diagnostics.report', {}),
      await rawCall('signing.readImage', { kind: 'seal' }),
    ];
    for (const text of replies) {
      expect(text).not.toContain('$bytes');
      expect(text.length).toBeLessThan(2000);
      expect(JSON.parse(text)).toMatchObject({ ok: true, result: { url: expect.stringMatching(/^\/api\/blob\/[\w-]{43}$/) } });
    }
  });

  it('serves a PDF by range, inert: sandboxing CSP, nosniff, its real type, inline', async () => {
    const link = await app.call<{ url: string; view: string }>('attachments.open', { attachmentId: attachmentIds['Quyết định.pdf'], purpose: 'view' });
    expect(link.view).toBe('pdf');
    const part = await fetch(`${app.origin}${link.url}`, { headers: { range: 'bytes=100-355' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-355/${pdf.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(pdf.subarray(100, 356))).toBe(true);
    expect(part.headers.get('content-type')).toBe('application/pdf');
    expect(part.headers.get('content-security-policy')).toMatch(/(^|; )sandbox(;|$)/);
    expect(part.headers.get('x-content-type-options')).toBe('nosniff');
    expect(part.headers.get('content-disposition')).toMatch(/^inline; filename="Quyet dinh.pdf"; filename\*=UTF-8''/);
    expect(part.headers.get('set-cookie')).toBeNull();
    const whole = await fetch(`${app.origin}${link.url}`);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await fetch(`${app.origin}${link.url}`, { headers: { range: `bytes=${pdf.length}-` } })).status).toBe(416);
  });

  it('serves what is not a PDF or an image as a download, even asked to view it', async () => {
    const link = await app.call<{ url: string; view: string }>('attachments.open', { attachmentId: attachmentIds['trang.pdf'], purpose: 'view' });
    expect(link.view).toBe('download');
    const response = await fetch(`${app.origin}${link.url}`);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('a link is its own authority, for its file only: a made-up token is 404, a foreign page is refused', async () => {
    const link = await app.call<{ url: string }>('attachments.open', { attachmentId: attachmentIds['Quyết định.pdf'], purpose: 'save' });
    expect((await fetch(`${app.origin}/api/blob/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${app.origin}${link.url}`, { headers: { origin: 'http://127.0.0.1:1' } })).status).toBe(403);
    expect((await fetch(`${app.origin}${link.url}`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(`${app.origin}${link.url}`, { method: 'POST' })).status).toBe(405);
  });
});
