import { describe, expect, it } from 'vitest';
import { blobReply, contentDisposition, parseRange, type ServedFile } from './served-file.js';

const pdf: ServedFile = { path: '/x', size: 1000, fileName: 'Quyết định 05.pdf', contentType: 'application/pdf', disposition: 'inline' };

describe('parseRange', () => {
  it('reads the single ranges pdf.js asks for, clamped to the file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('serves the whole file for no header, a malformed one or several ranges; refuses a start past the end', () => {
    for (const header of [undefined, '', 'bytes=', 'items=0-1', 'bytes=0-1,5-9', 'bytes=abc', 'bytes=20-10']) expect(parseRange(header, 1000), String(header)).toBeNull();
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name, with nothing that could break out of the header', () => {
    expect(contentDisposition('attachment', 'Quyết định 05.pdf')).toBe(`attachment; filename="Quyet dinh 05.pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2005.pdf`);
    expect(contentDisposition('inline', 'a"b;c\\d%.pdf')).toBe(`inline; filename="a_b_c_d_.pdf"; filename*=UTF-8''a%22b%3Bc%5Cd%25.pdf`);
    expect(contentDisposition('attachment', 'Ảnh Đà Nẵng.png')).toMatch(/^attachment; filename="Anh Da Nang.png"; /);
  });
});

describe('blobReply', () => {
  it('is inert in any origin: a sandboxing CSP, nosniff, the decided type and disposition', () => {
    const reply = blobReply(pdf, null);
    expect(reply.status).toBe(200);
    expect(reply.range).toEqual({ start: 0, end: 999 });
    expect(reply.headers).toMatchObject({
      'Content-Security-Policy': expect.stringMatching(/(^|; )sandbox(;|$)/),
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'application/pdf',
      'Content-Length': '1000',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    });
    expect(reply.headers['Content-Disposition']).toMatch(/^inline; /);
  });

  it('answers a range with 206 and Content-Range, a start past the end with 416', () => {
    expect(blobReply(pdf, 'bytes=100-199')).toMatchObject({ status: 206, range: { start: 100, end: 199 }, headers: { 'Content-Range': 'bytes 100-199/1000', 'Content-Length': '100' } });
    expect(blobReply(pdf, 'bytes=5000-')).toMatchObject({ status: 416, range: null, headers: { 'Content-Range': 'bytes */1000' } });
  });
});
