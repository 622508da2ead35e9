/**
 * Files of hub documents at a desk, against a real hub (Fastify on a real PostgreSQL, its blob
 * files) over real HTTP, with a real SQLite and blob store at the desk: fetched when opened and
 * checked against their SHA-256, served from this computer afterwards (offline too), refused when
 * the bytes are not the file's, a clear answer offline rather than a wait, pinned documents'
 * files fetched in the background and kept, the rest evicted least recently used first and when
 * no document names them any more; and the core's API over it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiInput, ApiMethod, ApiOutputs } from '../shared/api/contract.js';
import type { ApiErrorBody } from '../shared/api/errors.js';
import type { HubDocumentFiles, HubFileState } from '../shared/api/hub-link.js';
import { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { replicaAttachments } from '../electron/core/store/hub-files.js';
import { recordChange } from '../hub/store/changes.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from './hub.js';
import { arriveAtHub, testDesk, type HubFile, type TestDesk } from './hub-desk.js';
import { HubRelay } from './hub-relay.js';
import { offlineCoreHost } from './offline-core-host.js';
import { useTempDirs } from './temp-dir.js';

const hub = useTestHub();
const tempDir = useTempDirs();

/** A PDF-looking file of `size` bytes, different for each `seed`. */
const pdf = (seed: string, size = 64) => Buffer.concat([Buffer.from(`%PDF-1.7 ${seed} `), Buffer.alloc(Math.max(0, size - 10 - seed.length), seed)]).subarray(0, size);

async function agency(files: Parameters<typeof testDesk>[1] = {}): Promise<{ test: TestHub; relay: HubRelay; desk: TestDesk; clerkId: number; close(): Promise<void> }> {
  const test = await hub();
  const hubUrl = await test.app.listen({ host: '127.0.0.1', port: 0 });
  const clerk = await test.addUser('vanthu', ['clerk']);
  const relay = new HubRelay(hubUrl);
  await relay.start();
  const desk = await testDesk(await tempDir(), files);
  await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
  return {
    test,
    relay,
    desk,
    clerkId: clerk.id,
    async close() {
      await desk.close();
      await relay.close();
    },
  };
}

const inReplica = (desk: TestDesk, id: number) => desk.until(`document ${id} in the replica`, () => (replicaAttachments(desk.db, id)?.length ?? 0) > 0);
const states = (files: HubDocumentFiles): HubFileState[] => files.files.map((file) => file.state);
const downloads = (relay: HubRelay) => relay.seen.filter((request) => request.pathname.includes('/attachments/')).length;

describe('files of hub documents at the desk', () => {
  it('fetches a file when it is opened, checks and keeps it, then serves it from this computer also offline; offline and not here, or the server silent, it says so at once', async () => {
    const { test, relay, desk, clerkId, close } = await agency({ stallMs: 1_000 });
    const doc = await arriveAtHub(test, 1, [
      { name: 'cong-van.pdf', bytes: pdf('một') },
      { name: 'phu-luc.pdf', bytes: pdf('hai') },
    ]);
    await inReplica(desk, doc.id);
    const [main, annex] = doc.files as [HubFile, HubFile];
    expect(desk.files.files(doc.id)).toMatchObject({ documentId: doc.id, pinned: false, files: [{ name: 'cong-van.pdf', state: 'not_here' }, { name: 'phu-luc.pdf', state: 'not_here' }] });

    expect(await desk.files.open(doc.id, main.sha256)).toMatchObject({ name: 'cong-van.pdf', sha256: main.sha256, size: main.bytes.length });
    expect(Buffer.from(await desk.blobs.read(main.sha256))).toEqual(main.bytes);
    expect(states(desk.files.files(doc.id))).toEqual(['held', 'not_here']);
    expect(downloads(relay)).toBe(1);
    expect(desk.filesChanged).toContain(doc.id);

    relay.cut();
    await desk.files.open(doc.id, main.sha256);
    expect(downloads(relay)).toBe(1);
    await expect(desk.files.open(doc.id, annex.sha256)).rejects.toMatchObject({ code: 'unavailable', fields: { file: 'offline' }, message: expect.stringMatching(/cannot be reached/) });
    expect(await desk.blobs.has(annex.sha256)).toBe(false);

    // A server that takes the request and never answers (a half-open connection) is not waited on for ever.
    relay.up();
    relay.holdAnswer = (request) => request.pathname.includes('/attachments/');
    await expect(desk.files.open(doc.id, annex.sha256)).rejects.toMatchObject({ code: 'unavailable', fields: { file: 'offline' }, message: expect.stringMatching(/no bytes from the agency server for 1 s/) });
    relay.releaseHeld();
    relay.holdAnswer = null;
    expect(states(desk.files.files(doc.id))).toEqual(['held', 'not_here']);

    // Only the files of documents this desk holds; the hub decides the rest.
    await expect(desk.files.open(doc.id, 'f'.repeat(64))).rejects.toMatchObject({ code: 'not_found' });
    await expect(desk.files.open(doc.id + 100, main.sha256)).rejects.toMatchObject({ code: 'not_found' });

    // The user may no longer see the document: its file leaves this computer at the next pass.
    await recordChange(test.pool, { kind: 'document.withdrawn', subject: `document:${doc.id}`, payload: { id: doc.id }, audience: { users: [clerkId] } });
    await desk.until('the withdrawal', () => replicaAttachments(desk.db, doc.id) === null);
    expect(await desk.files.evict()).toBe(1);
    expect(await desk.blobs.has(main.sha256)).toBe(false);
    expect(() => desk.files.files(doc.id)).toThrow(/no document/);
    await close();
  });

  it('refuses bytes that are not the file (another hash, or more bytes than its size): nothing kept, a clear error; the right bytes are then taken', async () => {
    const { test, relay, desk, close } = await agency();
    const doc = await arriveAtHub(test, 2, [{ name: 'cong-van.pdf', bytes: pdf('ba', 4096) }]);
    await inReplica(desk, doc.id);
    const file = doc.files[0]!;
    const isFile = (pathname: string) => pathname.endsWith(`/attachments/${file.sha256}`);

    relay.rewrite = (request, body) => (isFile(request.pathname) ? Buffer.concat([body.subarray(0, 100), Buffer.from('X'), body.subarray(101)]) : body);
    await expect(desk.files.open(doc.id, file.sha256)).rejects.toMatchObject({ code: 'unavailable', fields: { file: 'damaged' }, message: expect.stringMatching(/SHA-256 differs/) });
    relay.rewrite = (request, body) => (isFile(request.pathname) ? Buffer.concat([body, Buffer.from('more')]) : body);
    await expect(desk.files.open(doc.id, file.sha256)).rejects.toMatchObject({ fields: { file: 'damaged' }, message: expect.stringMatching(/more than the 4096 bytes/) });
    expect(await desk.blobs.has(file.sha256)).toBe(false);
    expect(await readdir(path.join(desk.dir, 'blobs', 'tmp'))).toEqual([]);
    expect(states(desk.files.files(doc.id))).toEqual(['not_here']);

    relay.rewrite = null;
    await desk.files.open(doc.id, file.sha256);
    expect(Buffer.from(await desk.blobs.read(file.sha256))).toEqual(file.bytes);
    await close();
  });

  it('a pinned document has its files fetched in the background once the server answers, and kept; other files are evicted least recently used first beyond the limit', async () => {
    const { test, relay, desk, close } = await agency({ cacheLimitBytes: 3000, inUseMs: 0 });
    const kept = await arriveAtHub(test, 3, [
      { name: 'a.pdf', bytes: pdf('a', 1000) },
      { name: 'b.pdf', bytes: pdf('b', 1000) },
    ]);
    const others = [];
    for (let n = 4; n <= 7; n++) others.push(await arriveAtHub(test, n, [{ name: `o${n}.pdf`, bytes: pdf(`o${n}`, 1000) }]));
    for (const doc of [kept, ...others]) await inReplica(desk, doc.id);

    relay.cut();
    expect(await desk.files.setPinned(kept.id, true)).toMatchObject({ pinned: true });
    await desk.until('the pinned files failing offline', () => states(desk.files.files(kept.id)).join() === 'failed,failed');
    expect(desk.files.files(kept.id).files[0]!.detail).toMatch(/cannot be reached/);
    relay.up();
    await desk.until('the pinned files kept', () => states(desk.files.files(kept.id)).join() === 'kept,kept');
    for (const file of kept.files) expect(Buffer.from(await desk.blobs.read(file.sha256))).toEqual(file.bytes);

    const open = async (doc: { id: number; files: HubFile[] }) => {
      await desk.files.open(doc.id, doc.files[0]!.sha256);
      // Each open a later millisecond: the order of use is the order here.
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const [o4, o5, o6, o7] = others as [(typeof others)[0], (typeof others)[0], (typeof others)[0], (typeof others)[0]];
    for (const doc of [o4, o5, o6, o4]) await open(doc);
    await desk.files.evict();
    expect(others.map((doc) => states(desk.files.files(doc.id))[0])).toEqual(['held', 'held', 'held', 'not_here']);
    // A fourth file is over the 3000 bytes of files not kept: the least recently opened (o5) goes, the pinned stay.
    await open(o7);
    // The open queued an eviction; one asked now runs after it, so once this resolves that one has
    // ended: its file removed, then its row (waiting for the file alone raced the row).
    await desk.files.evict();
    expect(await desk.blobs.has(o5.files[0]!.sha256)).toBe(false);
    expect(others.map((doc) => states(desk.files.files(doc.id))[0])).toEqual(['held', 'not_here', 'held', 'held']);
    expect(states(desk.files.files(kept.id))).toEqual(['kept', 'kept']);

    // Unpinned, its files are the least recently used ones and go first.
    expect(states(await desk.files.setPinned(kept.id, false))).toEqual(['not_here', 'not_here']);
    for (const file of kept.files) expect(await desk.blobs.has(file.sha256)).toBe(false);
    expect(others.map((doc) => states(desk.files.files(doc.id))[0])).toEqual(['held', 'not_here', 'held', 'held']);
    await close();
  });
});

describe('files of hub documents through the core API', () => {
  const runtimes: CoreRuntime[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
  });

  it('opens a file by link as any attachment (a PDF to view, its bytes checked), validates input, pins and tells the page', async () => {
    const test = await hub();
    const hubUrl = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).origin;
    await test.addUser('vanthu', ['clerk']);
    const dataDir = await tempDir();
    const runtime = await CoreRuntime.start({ dataDir, version: 'test', host: offlineCoreHost(dataDir), policy: { policy: {}, problems: [] } });
    runtimes.push(runtime);
    const events: ApiEvent[] = [];
    runtime.subscribe((event) => events.push(event));
    const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
      const reply = await runtime.call(method, input);
      if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error.code} ${reply.error.message}`), { body: reply.error });
      return reply.result as ApiOutputs[M];
    };
    const fails = async (method: ApiMethod, input: unknown): Promise<ApiErrorBody> => {
      const reply = await runtime.call(method, input);
      if (reply.ok) throw new Error(`${method} succeeded`);
      return reply.error;
    };

    await call('hub.connect', { hubUrl, username: 'vanthu', password: TEST_PASSWORD });
    const doc = await arriveAtHub(test, 8, [{ name: 'công văn.pdf', bytes: pdf('tám', 2048) }]);
    const file = doc.files[0]!;
    const end = Date.now() + 20_000;
    while ((await runtime.call('hub.documentFiles', { documentId: doc.id })).ok === false) {
      if (Date.now() > end) throw new Error('the document did not reach the desk');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    expect(await fails('hub.openAttachment', { documentId: doc.id, sha256: file.sha256.toUpperCase(), purpose: 'view' })).toMatchObject({ code: 'invalid_input' });
    expect(await fails('hub.pinDocument', { documentId: -1, pinned: true })).toMatchObject({ code: 'invalid_input' });
    expect(await fails('hub.documentFiles', { documentId: doc.id + 50 })).toMatchObject({ code: 'not_found' });

    const link = await call('hub.openAttachment', { documentId: doc.id, sha256: file.sha256, purpose: 'view' });
    expect(link).toMatchObject({ view: 'pdf', contentType: 'application/pdf', fileName: 'công văn.pdf', size: 2048, executable: false });
    const served = runtime.resolveFile(link.url)!;
    expect(await readFile(served.path)).toEqual(file.bytes);
    expect(events).toContainEqual({ type: 'hub.files', documentId: doc.id });

    const pinned = await call('hub.pinDocument', { documentId: doc.id, pinned: true });
    expect(pinned).toMatchObject({ pinned: true, files: [{ name: 'công văn.pdf', state: 'kept', size: 2048 }] });
    expect(await call('hub.documentFiles', { documentId: doc.id })).toEqual(pinned);
    await runtimes.splice(0)[0]!.close();
    test.app.server.closeAllConnections();
  });
});
