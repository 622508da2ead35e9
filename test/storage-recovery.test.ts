/**
 * Storage recovery: the disk full, a read-only data folder and a damaged database, on real
 * filesystems (a small tmpfs mounted for the test: this needs root, as the test machine runs) and
 * real SQLite files, through the runtime the hosts start.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutputs } from '../shared/api/contract.js';
import type { ApiErrorBody } from '../shared/api/errors.js';
import { DATABASE_FILE } from '../electron/core/config/data-dir.js';
import { REPLACED_DIR } from '../electron/core/backup/restore-backup.js';
import { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { NO_POLICY } from '../electron/core/policy/load-policy.js';
import { useTempDirs } from './temp-dir.js';
import { offlineCoreHost } from './offline-core-host.js';

const tempDir = useTempDirs();
const mounts: string[] = [];
const runtimes: CoreRuntime[] = [];

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
  for (const dir of mounts.splice(0)) execFileSync('umount', [dir]);
});

async function smallDisk(size: string): Promise<string> {
  const dir = await tempDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

async function start(dataDir: string, fullCheckMaxBytes?: number): Promise<{ runtime: CoreRuntime; call: <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiOutputs[M]>; fails: (method: ApiMethod, input: unknown) => Promise<ApiErrorBody> }> {
  const runtime = await CoreRuntime.start({ dataDir, version: 'test', host: offlineCoreHost(dataDir), policy: NO_POLICY }, fullCheckMaxBytes === undefined ? {} : { fullCheckMaxBytes });
  runtimes.push(runtime);
  return {
    runtime,
    call: async (method, input) => {
      const reply = await runtime.call(method, input);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
      return reply.result as never;
    },
    fails: async (method, input) => {
      const reply = await runtime.call(method, input);
      if (reply.ok) throw new Error(`${method} succeeded`);
      return reply.error;
    },
  };
}

async function stop(runtime: CoreRuntime): Promise<void> {
  runtimes.splice(runtimes.indexOf(runtime), 1);
  await runtime.close();
}

function integrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

const attachment = (documentId: number, bytes: Uint8Array) => ({ documentId, name: 'scan.pdf', contentType: 'application/pdf', bytes: new Uint8Array(bytes) });

describe('disk full', () => {
  it('an attachment or a row that does not fit gives disk_full, the database stays sound, and writing works again once space returns', async () => {
    const dataDir = await smallDisk('3m');
    const { runtime, call, fails } = await start(dataDir);
    const kept = await call('drafts.create', { subject: 'Trước khi đầy', summary: '' });
    const keptBytes = randomBytes(100_000);
    await call('attachments.add', attachment(kept.id, keptBytes));

    const tooBig = await fails('attachments.add', attachment(kept.id, randomBytes(4 * 1024 * 1024)));
    expect(tooBig.code).toBe('disk_full');
    expect(tooBig.message).toMatch(/^The disk is full \(ENOSPC\): nothing was saved/);
    expect(await readdir(path.join(dataDir, 'blobs', 'tmp'))).toEqual([]);

    // Fill the disk to the last bytes, then write rows until SQLite itself runs out of room.
    const filler = path.join(dataDir, 'filler');
    const handle = await open(filler, 'w');
    try {
      for (;;) await handle.write(Buffer.alloc(4096));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      await handle.close();
    }
    let full: ApiErrorBody | null = null;
    for (let i = 0; i < 200 && !full; i++) {
      const reply = await fails('drafts.create', { subject: `Văn bản ${i} ${'x'.repeat(400)}`, summary: 'y'.repeat(500) }).catch(() => null);
      full = reply;
    }
    expect(full?.code).toBe('disk_full');
    expect(integrity(dataDir)).toBe('ok');
    const before = await call('documents.get', { id: kept.id });
    expect(before.attachments.map((a) => a.sha256)).toHaveLength(1);

    await rm(filler);
    const after = await call('drafts.create', { subject: 'Sau khi giải phóng', summary: '' });
    await call('attachments.add', attachment(after.id, randomBytes(1024 * 1024)));
    const link = await call('attachments.open', { attachmentId: before.attachments[0]!.id, purpose: 'save' });
    expect((await readFile(runtime.resolveFile(link.url)!.path)).equals(keptBytes)).toBe(true);
    expect(integrity(dataDir)).toBe('ok');
  });
});

describe('read-only data folder', () => {
  it('starts on the recovery screen saying the folder is read-only, and refuses work with read_only', async () => {
    const dataDir = await smallDisk('8m');
    const first = await start(dataDir);
    await first.call('drafts.create', { subject: 'Có sẵn', summary: '' });
    await stop(first.runtime);
    execFileSync('mount', ['-o', 'remount,ro', dataDir]);

    const { call, fails } = await start(dataDir);
    const state = await call('app.getState', {});
    expect(state.phase).toBe('recovery');
    expect(state.recovery?.reason).toBe('read_only');
    expect(state.recovery?.detail).toContain('EROFS');
    expect((await fails('documents.list', { box: 'drafts', limit: 50, offset: 0 })).code).toBe('read_only');
  });
});

describe('damaged database', () => {
  /** A folder with a backup (one draft and its file) and 200 drafts after it. */
  async function folderWithBackup(): Promise<{ dataDir: string; backupName: string }> {
    const dataDir = await tempDir();
    const { runtime, call } = await start(dataDir);
    const draft = await call('drafts.create', { subject: 'Trong bản sao lưu', summary: '' });
    await call('attachments.add', attachment(draft.id, randomBytes(50_000)));
    const backup = await call('backup.now', {});
    for (let i = 0; i < 200; i++) await call('drafts.create', { subject: `Sau sao lưu ${i}`, summary: 'z'.repeat(400) });
    await stop(runtime);
    return { dataDir, backupName: backup.name };
  }

  /** Garbage over the pages from `from` (a share of the file, after the schema page), as a failing disk would leave them. */
  async function damage(dataDir: string, from = 0): Promise<void> {
    const file = await open(path.join(dataDir, DATABASE_FILE), 'r+');
    const { size } = await file.stat();
    const offset = Math.max(8192, Math.floor((size * from) / 4096) * 4096);
    await file.write(randomBytes(size - offset), 0, size - offset, offset);
    await file.close();
  }

  async function damagedFolder(): Promise<{ dataDir: string; backupName: string }> {
    const folder = await folderWithBackup();
    await damage(folder.dataDir);
    return folder;
  }

  it('starts in recovery (no crash), lists the backups, and restoring one gives the normal state', async () => {
    const { dataDir, backupName } = await damagedFolder();
    const { runtime, call, fails } = await start(dataDir);
    const state = await call('app.getState', {});
    expect(state.phase).toBe('recovery');
    expect(state.recovery?.reason).toBe('damaged');
    expect((await fails('documents.list', { box: 'drafts', limit: 50, offset: 0 })).code).toBe('damaged');
    const backups = await call('backup.list', {});
    expect(backups.map((b) => [b.name, b.documents, b.files])).toEqual([[backupName, 1, 1]]);

    // The helpdesk report is there when it is needed most: versions, why the data cannot be used, the log.
    const report = await call('diagnostics.report', {});
    expect(report.fileName).toMatch(/^vanthu-diagnostics-\d{8}-\d{4}\.txt$/);
    const text = await readFile(runtime.resolveFile(report.url)!.path, 'utf8');
    expect(text).toMatch(/^VanThu diagnostics report\n/);
    expect(text).toContain('VanThu: test\n');
    expect(text).toMatch(/\nDatabase: cannot be used \(damaged\): .+\n/);
    expect(text).toContain(`Data folder: ${dataDir}\n`);
    expect(text).toContain('== Administrator policies ==');

    const restored = await call('backup.restore', { name: backupName });
    expect(restored.phase).toBe('setup');
    const drafts = await call('documents.list', { box: 'drafts', limit: 50, offset: 0 });
    expect(drafts.rows.map((row) => row.subject)).toEqual(['Trong bản sao lưu']);
    const detail = await call('documents.get', { id: drafts.rows[0]!.id });
    await expect(call('attachments.open', { attachmentId: detail.attachments[0]!.id, purpose: 'save' })).resolves.toBeDefined();
    expect(integrity(dataDir)).toBe('ok');
    expect(await readdir(path.join(dataDir, REPLACED_DIR))).toHaveLength(1);
    // The running app does not restore over its open database.
    expect((await fails('backup.restore', { name: backupName })).code).toBe('conflict');
  });

  it('a large file is not read whole at start: damage found mid-work switches to the recovery screen', async () => {
    const { dataDir, backupName } = await folderWithBackup();
    // As for a database above the full-check size: the start reads the schema only.
    const { runtime, call, fails } = await start(dataDir, 0);
    expect((await call('app.getState', {})).recovery ?? null).toBeNull();
    const events: string[] = [];
    runtime.subscribe((event) => {
      if (event.type === 'app.state') events.push(event.state.phase);
    });
    // The disk fails under the running app, in pages it has not read yet.
    await damage(dataDir, 0.5);
    expect((await fails('documents.list', { box: 'drafts', limit: 500, offset: 0 })).code).toBe('damaged');
    expect(events).toEqual(['recovery']);
    const state = await call('app.getState', {});
    expect(state.recovery?.reason).toBe('damaged');
    expect((await call('backup.restore', { name: backupName })).phase).toBe('setup');
  });

  it('starting afresh moves the damaged database aside and opens a new one', async () => {
    const { dataDir } = await damagedFolder();
    const { call } = await start(dataDir);
    const state = await call('recovery.startAfresh', {});
    expect(state.phase).toBe('setup');
    expect((await call('documents.list', { box: 'drafts', limit: 50, offset: 0 })).total).toBe(0);
    const [aside] = await readdir(path.join(dataDir, REPLACED_DIR));
    expect(await readdir(path.join(dataDir, REPLACED_DIR, aside!))).toContain(DATABASE_FILE);
  });
});

