import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { BlobLinks } from './blob-links.js';
import type { ServedFile } from './served-file.js';

const tempDir = useTempDirs();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function fileOf(bytes: Uint8Array): Promise<ServedFile> {
  const file = path.join(await tempDir(), 'blob');
  await writeFile(file, bytes);
  return { path: file, size: bytes.length, fileName: 'a.pdf', contentType: 'application/pdf', disposition: 'inline' };
}

describe('BlobLinks', () => {
  it('names each file by a fresh unguessable token, resolved while used and forgotten after 30 idle minutes', async () => {
    let now = 0;
    const links = new BlobLinks((token) => `/api/blob/${token}`, () => now);
    const file = await fileOf(new Uint8Array([1, 2, 3]));
    const first = links.grant(file);
    const second = links.grant(file);
    expect(first).toMatch(/^\/api\/blob\/[\w-]{43}$/);
    expect(second).not.toBe(first);
    const token = first.slice('/api/blob/'.length);
    now = 29 * 60_000;
    expect(links.resolve(token)).toEqual(file);
    now = 58 * 60_000;
    expect(links.resolve(token)).toEqual(file);
    now = 89 * 60_000;
    expect(links.resolve(token)).toBeNull();
    expect(links.resolve('made-up')).toBeNull();
  });

  it('stops serving a blob whose bytes no longer match its hash (checked once, in the background)', async () => {
    const links = new BlobLinks((token) => token);
    const bytes = new Uint8Array([1, 2, 3]);
    const file = await fileOf(bytes);
    const good = links.grant(file, { sha256: sha(bytes) });
    const bad = links.grant(file, { sha256: sha(new Uint8Array([9])) });
    // Served at first (page 1 comes first), gone once the check ran.
    expect(links.resolve(bad)).toEqual(file);
    await vi.waitFor(() => expect(links.resolve(bad)).toBeNull(), { timeout: 5_000 });
    expect(links.resolve(good)).toEqual(file);
  });

  it('writes bytes made for one download to a private file, deleted when its link expires or on close', async () => {
    let now = 0;
    const links = new BlobLinks((token) => token, () => now);
    const link = await links.offerBytes(new TextEncoder().encode('báo cáo'), 'bao-cao.txt', 'text/plain; charset=utf-8');
    const served = links.resolve(link.url)!;
    expect(served).toMatchObject({ disposition: 'attachment', fileName: 'bao-cao.txt', size: Buffer.byteLength('báo cáo') });
    expect(await readFile(served.path, 'utf8')).toBe('báo cáo');
    now = 6 * 60_000;
    links.grant(served);
    await vi.waitFor(() => expect(existsSync(served.path)).toBe(false));
    const other = await links.offerBytes(new Uint8Array([1]), 'x.bin', 'application/octet-stream');
    const otherPath = links.resolve(other.url)!.path;
    await links.close();
    expect(existsSync(otherPath)).toBe(false);
  });
});
