/**
 * The disk fills up while receiving: a real ENOSPC from a small tmpfs (needs root, as the test
 * machine runs) whose inodes run out while a package's attachments are written, although bytes
 * are free. Receiving pauses with the "disk full" state, tries no download while
 * the disk stays full (no retry storm), damages nothing stored before, and resumes by itself once
 * there is room again.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startTemporaryAxis } from '../axis/testing.js';
import { verifyAuditChain } from '../electron/core/store/audit-log.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase } from '../electron/core/store/database.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { nodeHttpTransport, type HttpTransport } from '../electron/core/exchange/axis-client/http-transport.js';
import type { SyncStatus } from '../shared/api/sync-status.js';
import { startAgency } from './agency-harness.js';
import { buildDocumentPackage } from '../shared/edxml/builder.js';
import { collectText, sampleDocumentPackage, testBytes } from './edxml-fixtures.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('ENOSPC while receiving pauses receiving ("disk full"), tries no download until there is room, damages nothing, and resumes by itself', async () => {
  const disk = await tempDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,nr_inodes=2000', 'tmpfs', disk]);
  cleanups.push(() => void execFileSync('umount', [disk]));
  const dataDir = path.join(disk, 'data');
  await mkdir(dataDir);

  const axis = await startTemporaryAxis();
  cleanups.push(() => axis.dispose());
  const [a, b] = axis.agencies;
  const sender = createVxpClient({ baseUrl: axis.server.url, systemId: a!.code, secret: a!.secret });
  /** A package of `files` small PDFs from A to B. */
  const send = async (subject: string, files: number) => {
    const pkg = sampleDocumentPackage(Array.from({ length: files }, (_, index) => String(index + 1)));
    pkg.header = { ...pkg.header, from: { ...pkg.header.from, organId: a!.code }, to: [{ ...pkg.header.to[0]!, organId: b!.code }], documentId: `${a!.code},2026/12/01,${subject}`, subject, responseFor: [] };
    pkg.traces = [{ organId: a!.code, timestamp: '2026/12/01 08:00:00' }];
    const file = path.join(await tempDir(), 'package.edxml');
    await writeFile(file, await collectText(buildDocumentPackage(pkg, (id) => [testBytes(2000, Number(id), '%PDF-1.4\n')])));
    await sender.send(file, 'edoc', [b!.code]);
  };
  /** Downloads of the package sent while the disk is full. */
  let downloads = 0;
  const counting: HttpTransport = (url, request) => {
    if (url.endsWith('/downloadEdoc')) downloads++;
    return nodeHttpTransport(url, request);
  };
  const B = await startAgency(axis.server.url, b!, { dataDir, inProcessSync: { keepFreeBytes: 1024 * 1024, diskRecheckMs: 3000, transport: counting } });
  cleanups.push(() => B.close());
  const inboxSubjects = async () => (await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 })).rows.map((row) => row.subject);
  const status = () => B.call('sync.getStatus', {}) as Promise<SyncStatus>;

  await send('Trước khi đầy đĩa', 1);
  await B.sync();
  expect(await inboxSubjects()).toEqual(['Trước khi đầy đĩa']);
  const before = await B.call('documents.get', { id: (await B.call('documents.list', { box: 'inbox', limit: 1, offset: 0 })).rows[0]!.id });

  // Every free inode taken: bytes stay free, but no file can be created (ENOSPC).
  const filler = path.join(disk, 'filler');
  await mkdir(filler);
  for (let i = 0; ; i++) {
    try {
      await writeFile(path.join(filler, String(i)), '');
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      break;
    }
  }
  // 30 attachments, a file each: more files than the 20 inodes freed below, which are enough for
  // the check before a receive to let it go ahead (as when the disk fills meanwhile): the real
  // ENOSPC comes while the attachments are written.
  await send('Khi đĩa đầy', 30);
  const freeFiles = (await statfs(disk)).ffree;
  for (let i = 0; i < 20 - freeFiles; i++) await rm(path.join(filler, String(i)));
  downloads = 0;
  await B.sync();
  const full = await status();
  expect(full.phase).toBe('disk_full');
  expect(full.message).toMatch(/ENOSPC/);
  expect(full.nextAttemptAt).not.toBeNull();
  expect(downloads).toBe(1);

  // The clerk queues work and the engine runs rounds meanwhile: none of them downloads.
  for (let round = 0; round < 3; round++) await B.sync();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(downloads).toBe(1);
  expect((await status()).phase).toBe('disk_full');
  expect(await inboxSubjects()).toEqual(['Trước khi đầy đĩa']);
  expect(await B.call('quarantine.list', {})).toEqual([]);
  expect(await readdir(path.join(dataDir, 'blobs', 'tmp'))).toEqual([]);

  // Nothing stored before is damaged.
  const db = openDatabase(path.join(dataDir, 'vanthu.sqlite'), { migrate: false });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(db).ok).toBe(true);
  } finally {
    db.close();
  }
  // BlobStore.read checks the file against its SHA-256.
  await expect(new BlobStore(path.join(dataDir, 'blobs')).read(before.attachments[0]!.sha256)).resolves.toHaveLength(before.attachments[0]!.size);

  // Room again: receiving resumes by itself at its next look at the disk, without "sync now".
  await rm(filler, { recursive: true });
  // The round that received it ends idle (the document may show before the round is over).
  await until(async () => ((await inboxSubjects()).includes('Khi đĩa đầy') && (await status()).phase === 'idle' ? true : undefined));
  expect(await inboxSubjects()).toEqual(expect.arrayContaining(['Trước khi đầy đĩa', 'Khi đĩa đầy']));
});
