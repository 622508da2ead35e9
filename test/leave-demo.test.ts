/**
 * Out of demo mode, through the built browser-mode host (its sync child and its embedded demo
 * axis, supervised): the demo axis restarted on its port when it dies; a wrong secret of valid
 * length refused with the axis's answer and nothing changed; then the switch to a real axis,
 * keeping the demo's data (read-only, marked, out of the registers, nothing of it sent) or
 * discarding it (a fresh folder for documents and exchange); then another address or secret for
 * the real axis, never another agency code.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import type { AppState } from '../shared/api/state.js';
import type { DocumentDetail, DocumentSummary } from '../shared/api/documents.js';
import type { SyncStatus } from '../shared/api/sync-status.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { makeDataDir, startApp, type RunningApp } from '../e2e/app-harness.js';
import { documentPackageBytes } from './edxml-fixtures.js';

interface DemoAgency {
  code: string;
  secret: string;
}

let realAxis: TemporaryAxis;
const apps: RunningApp[] = [];
const dirs: string[] = [];
let pdf: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  realAxis = await startTemporaryAxis();
  pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await realAxis?.dispose();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function until<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The host's children running `bundle` (e.g. the demo axis's server.cjs). */
function childrenRunning(app: RunningApp, bundle: string): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(app.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(bundle))
      .map((line) => Number.parseInt(line.trim(), 10));
  } catch {
    // ps exits 1 when the host has no child.
    return [];
  }
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: Error) => error.message);

/**
 * A demo folder with what a trial leaves: a document sent to another demo agency, one received
 * from it, a draft not yet numbered. Unsigned documents leave under the AllowUnsignedSending policy.
 */
async function demoFolder(): Promise<{ app: RunningApp; dataDir: string; other: DemoAgency; self: DemoAgency }> {
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  const policyFile = path.join(dataDir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ allowUnsignedSending: true }));
  const app = await startApp(dataDir, { VANTHU_POLICY_FILE: policyFile, VANTHU_SYNC_POLL_MS: '500' });
  apps.push(app);
  const state = await app.call<AppState>('setup.useDemo', {});
  const demoAgencies = JSON.parse(await readFile(path.join(dataDir, 'demo-axis', 'demo-credentials.json'), 'utf8')) as DemoAgency[];
  const self = demoAgencies.find((agency) => agency.code === state.connection!.agencyCode)!;
  const other = demoAgencies.find((agency) => agency !== self)!;

  const sent = await app.call<{ id: number }>('drafts.create', { subject: 'Công văn gửi khi dùng thử', summary: '' });
  await app.call('drafts.update', { id: sent.id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An' } });
  await app.call('attachments.add', { documentId: sent.id, name: 'cv.pdf', contentType: 'application/pdf', bytes: { $bytes: Buffer.from(pdf).toString('base64') } });
  await app.call('documents.send', { id: sent.id, recipients: [other.code] });
  const kept = await app.call<{ id: number }>('drafts.create', { subject: 'Dự thảo viết khi dùng thử', summary: '' });
  await app.call('attachments.add', { documentId: kept.id, name: 'dt.pdf', contentType: 'application/pdf', bytes: { $bytes: Buffer.from(pdf).toString('base64') } });

  const file = path.join(dataDir, 'incoming.edxml');
  await writeFile(file, await documentPackageBytes(other.code, [self.code], 'Giấy mời nhận khi dùng thử'));
  await createVxpClient({ baseUrl: state.connection!.axisUrl, systemId: other.code, secret: other.secret }).send(file, 'edoc', [self.code]);
  await until(async () => (await app.call<{ rows: DocumentSummary[] }>('documents.list', { box: 'inbox', limit: 10, offset: 0 })).rows.length === 1, 'the demo arrival');
  await until(async () => (await app.call<DocumentDetail>('documents.get', { id: sent.id })).state === 'sent', 'the demo send');
  return { app, dataDir, other, self };
}

const list = async (app: RunningApp, box: 'inbox' | 'sent' | 'drafts') => (await app.call<{ rows: DocumentSummary[] }>('documents.list', { box, limit: 100, offset: 0 })).rows;

describe('the embedded demo axis', () => {
  it('is restarted on the same address when it dies, and sync goes on', async () => {
    const { app } = await demoFolder();
    const url = (await app.call<AppState>('app.getState', {})).connection!.axisUrl;
    const [first] = childrenRunning(app, 'server.cjs');
    expect(first).toBeGreaterThan(0);
    process.kill(first!, 'SIGKILL');
    const [second] = await until(async () => {
      const pids = childrenRunning(app, 'server.cjs');
      return pids.length === 1 && pids[0] !== first ? pids : null;
    }, 'the restarted demo axis');
    expect(second).not.toBe(first);
    await until(async () => (await fetch(`${url}/countReceiveEdoc`).catch(() => null)) !== null, 'the demo axis on its port');
    expect((await app.call<AppState>('app.getState', {})).connection!.axisUrl).toBe(url);
    await app.call('sync.now', {});
    await until(async () => {
      const status = await app.call<SyncStatus>('sync.getStatus', {});
      return status.phase === 'idle' && status.problem === null && status.lastSyncAt !== null;
    }, 'a sync round through the restarted demo axis');
  }, 60_000);
});

describe('leaving demo mode', () => {
  it('refuses a wrong secret of valid length with the axis’s answer, and changes nothing', async () => {
    const { app } = await demoFolder();
    const credential = realAxis.agencies[0]!;
    const refused = await failureOf(app.call('setup.changeConnection', { axisUrl: realAxis.server.url, agencyCode: credential.code, secret: 'sai-khoa-bi-mat-0000', demoData: 'discard' }));
    expect(refused).toContain('"axisProblem":"credentials"');
    expect(refused).toContain('"secret":"wrong system id or secret"');
    expect((await app.call<AppState>('app.getState', {})).connection).toMatchObject({ kind: 'demo' });
    expect(await list(app, 'sent')).toHaveLength(1);
    expect(childrenRunning(app, 'server.cjs')).toHaveLength(1);
  }, 60_000);

  it('keeps the demo’s documents, marked and read-only, out of the registers; drafts not yet numbered stay usable; nothing of the demo is sent', async () => {
    const { app, other } = await demoFolder();
    const credential = realAxis.agencies[0]!;
    const state = await app.call<AppState>('setup.changeConnection', { axisUrl: realAxis.server.url, agencyCode: credential.code, secret: credential.secret, demoData: 'keep' });
    expect(state.connection).toMatchObject({ kind: 'axis', axisUrl: realAxis.server.url, agencyCode: credential.code });
    expect(childrenRunning(app, 'server.cjs')).toEqual([]);

    const [sent] = await list(app, 'sent');
    const [arrival] = await list(app, 'inbox');
    const [draft] = await list(app, 'drafts');
    expect([sent!.demo, arrival!.demo, draft!.demo]).toEqual([true, true, false]);
    // Its ids were the demo's: marked, they never match a real document or package.
    expect((await app.call<DocumentDetail>('documents.get', { id: arrival!.id })).edxmlDocumentId).toMatch(/^demo:/);
    expect(await failureOf(app.call('documents.respond', { id: arrival!.id, status: '02', description: 'thử' }))).toContain('"demo":"read-only"');
    expect(await failureOf(app.call('documents.takeBack', { id: sent!.id, reason: 'thử', recipients: [other.code] }))).toContain('"demo":"read-only"');
    expect((await app.call<{ rows: unknown[] }>('outbox.list', { limit: 50, offset: 0 })).rows.every((row) => (row as { state: string }).state === 'sent')).toBe(true);

    // The kept draft leaves through the real axis with the register's first number.
    await app.call('drafts.update', { id: draft!.id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An' } });
    const real = await app.call<DocumentDetail>('documents.send', { id: draft!.id, recipients: [realAxis.agencies[1]!.code] });
    expect(real.codeNumber).toBe('01');
    await until(async () => (await app.call<DocumentDetail>('documents.get', { id: draft!.id })).state === 'sent', 'the send through the real axis');
    // The outgoing register's book holds the real document only: the demo's number 01 left it.
    const registers = await app.call<{ id: number; code: string; years: number[] }[]>('registers.list', {});
    const outgoing = registers.find((register) => register.code === 'outgoing')!;
    const book = await app.call<{ rows: { number: number; documentId: number }[] }>('registers.entries', { register: outgoing.id, year: outgoing.years[0]!, limit: 10, offset: 0 });
    expect(book.rows).toEqual([{ number: 1, documentId: draft!.id, cells: expect.any(Object), isoDates: expect.any(Object) }]);
    // The directory is the real axis's now.
    await until(async () => (await app.call<{ total: number }>('agencies.search', { query: realAxis.agencies[1]!.code, limit: 5, offset: 0 })).total === 1, 'the real directory');
  }, 90_000);

  it('discards the demo’s data: documents, drafts, queue, directory and their files gone; the folder then works with the real axis', async () => {
    const { app, dataDir } = await demoFolder();
    const credential = realAxis.agencies[0]!;
    await app.call('setup.changeConnection', { axisUrl: realAxis.server.url, agencyCode: credential.code, secret: credential.secret, demoData: 'discard' });
    expect([await list(app, 'inbox'), await list(app, 'sent'), await list(app, 'drafts')]).toEqual([[], [], []]);
    expect((await app.call<{ rows: unknown[] }>('outbox.list', { limit: 50, offset: 0 })).rows).toEqual([]);
    await expect(stat(path.join(dataDir, 'demo-axis'))).rejects.toThrow(/ENOENT/);
    const blobs = (await readdir(path.join(dataDir, 'blobs'), { recursive: true })).filter((name) => /[0-9a-f]{64}$/.test(name));
    expect(blobs).toEqual([]);

    const { id } = await app.call<{ id: number }>('drafts.create', { subject: 'Văn bản đầu tiên trên trục thật', summary: '' });
    await app.call('drafts.update', { id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An' } });
    await app.call('attachments.add', { documentId: id, name: 'cv.pdf', contentType: 'application/pdf', bytes: { $bytes: Buffer.from(pdf).toString('base64') } });
    expect((await app.call<DocumentDetail>('documents.send', { id, recipients: [realAxis.agencies[1]!.code] })).codeNumber).toBe('01');
    await until(async () => (await app.call<DocumentDetail>('documents.get', { id })).state === 'sent', 'the send through the real axis');

    // On a real axis: another address or secret for the same agency, never another agency.
    expect(await failureOf(app.call('setup.changeConnection', { axisUrl: realAxis.server.url, agencyCode: realAxis.agencies[1]!.code, secret: realAxis.agencies[1]!.secret }))).toContain('"agencyCode"');
    const again = await app.call<AppState>('setup.changeConnection', { axisUrl: `${realAxis.server.url}/`, agencyCode: credential.code, secret: credential.secret });
    expect(again.connection).toMatchObject({ kind: 'axis', axisUrl: `${realAxis.server.url}/`, agencyCode: credential.code });
  }, 90_000);
});
