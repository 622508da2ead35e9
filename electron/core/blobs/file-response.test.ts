/** Electron's file protocol answers (file-response.ts), run under plain Node: ranges, headers, gone files. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { fileResponse } from './file-response.js';
import type { ServedFile } from './served-file.js';

const tempDir = useTempDirs();

async function servedFile(bytes: Buffer): Promise<ServedFile> {
  const file = path.join(await tempDir(), 'blob');
  await writeFile(file, bytes);
  return { path: file, size: bytes.length, fileName: 'báo cáo.pdf', contentType: 'application/pdf', disposition: 'inline' };
}

describe('fileResponse', () => {
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

  it('streams the requested range with the sandboxing headers and CORS for the file:// window', async () => {
    const file = await servedFile(bytes);
    const response = await fileResponse(file, 'GET', 'bytes=1000-1999');
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
    expect(response.headers.get('content-range')).toBe('bytes 1000-1999/5000');
    expect(response.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
  });

  it('serves the whole file without a range, nothing for HEAD, 404 for an unknown token or a file gone, 405 for a write', async () => {
    const file = await servedFile(bytes);
    const whole = await fileResponse(file, 'GET', null);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const head = await fileResponse(file, 'HEAD', null);
    expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([200, '5000', 0]);
    expect((await fileResponse(null, 'GET', null)).status).toBe(404);
    expect((await fileResponse({ ...file, path: `${file.path}.gone` }, 'GET', null)).status).toBe(404);
    expect((await fileResponse(file, 'POST', null)).status).toBe(405);
  });
});
