/**
 * The sync loop against the real reference axis: the directory arrives, later changes arrive
 * incrementally, a lost axis is retried by itself with back-off, refused credentials stop with
 * an actionable message.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../../../axis/testing.js';
import { generateDirectory } from '../../../axis/directory.js';
import type { FaultPlan } from '../../../axis/faults.js';
import { documentPackageBytes } from '../../../test/edxml-fixtures.js';
import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { useTempDirs } from '../../../test/temp-dir.js';
import type { SyncStatus } from '../../../shared/api/sync-status.js';
import { searchAgencies } from '../store/agencies.js';
import { BlobStore } from '../store/blob-store.js';
import { openDatabase, writeTransaction, type Db } from '../store/database.js';
import { enqueueOutbox } from '../store/outbox.js';
import type { AxisClient } from './axis-client/types.js';
import { createVxpClient } from './axis-client/vxp-adapter.js';
import { DESK_RECEIVING } from './exchange-round.js';
import { pushOutbox } from './outbox-pusher.js';
import { sqliteExchangeStore } from '../store/sqlite-exchange-store.js';
import { SyncEngine } from './sync-engine.js';
import type { SyncMessage } from './sync-protocol.js';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(secretOverride?: string, faults?: FaultPlan, observe: (client: AxisClient) => AxisClient = (client) => client) {
  const axis: TemporaryAxis = await startTemporaryAxis({ faults });
  cleanups.push(() => axis.dispose());
  const dir = await tempDir();
  const databaseFile = path.join(dir, 'vanthu.sqlite');
  const db: Db = openDatabase(databaseFile);
  const blobs = new BlobStore(path.join(dir, 'blobs'));
  await blobs.init();
  cleanups.push(() => {
    db.close();
  });
  const self = axis.agencies[0]!;
  const messages: SyncMessage[] = [];
  const reportedAt: number[] = [];
  const engine = new SyncEngine({
    store: sqliteExchangeStore(db),
    blobs,
    selfId: self.code,
    axisUrl: axis.server.url,
    client: observe(createVxpClient({ baseUrl: axis.server.url, systemId: self.code, secret: secretOverride ?? self.secret, timeoutMs: 2000 })),
    report: (m) => {
      messages.push(m);
      reportedAt.push(Date.now());
    },
    pollMs: 60_000,
    random: () => 0,
  });
  cleanups.push(() => engine.stop());
  const statuses = () => messages.filter((m): m is Extract<SyncMessage, { type: 'status' }> => m.type === 'status').map((m) => m.status);
  return { axis, db, databaseFile, blobs, engine, messages, reportedAt, statuses };
}

let documentNumber = 0;

/** Sends `count` ordinary document packages, each its own document, from the axis's second agency to the first (the engine's). */
async function sendPackages(axis: TemporaryAxis, count: number, subject: string): Promise<void> {
  const [self, other] = axis.agencies;
  const sender = createVxpClient({ baseUrl: axis.server.url, systemId: other!.code, secret: other!.secret });
  const dir = await tempDir();
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `package-${i}.edxml`);
    await writeFile(file, await documentPackageBytes(other!.code, [self!.code], `${subject} ${i}`, String(++documentNumber)));
    await sender.send(file, 'edoc', [self!.code]);
  }
}

async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('sync engine', () => {
  it('says nothing is ready before its first round has ended: every status before it is syncing, then idle with a time', async () => {
    const { engine, statuses } = await setup();
    await engine.start();
    await until(() => statuses().find((s) => s.phase === 'idle'));
    const firstIdle = statuses().findIndex((s) => s.phase === 'idle');
    expect(statuses().slice(0, firstIdle).map((s) => s.phase)).toEqual(statuses().slice(0, firstIdle).map(() => 'syncing'));
    expect(statuses()[firstIdle]!.lastSyncAt).not.toBeNull();
  });

  it('pulls the directory, then only what changed, and says when agencies changed', async () => {
    const { axis, db, engine, messages, statuses } = await setup();
    engine.start();
    const idle = await until(() => statuses().find((s) => s.phase === 'idle' && s.lastSyncAt));
    expect(idle.message).toBeNull();
    expect(searchAgencies(db, '', 10, 0).total).toBe(3);
    expect(messages.filter((m) => m.type === 'changed')).toHaveLength(1);
    expect(statuses().some((s) => s.progress?.task === 'directory' && s.progress.done === 3)).toBe(true);

    expect(generateDirectory(axis.server.store, 2500, 7)).toBe(2500);
    engine.syncNow();
    await until(() => statuses().filter((s) => s.phase === 'idle' && s.lastSyncAt).length >= 2 || undefined);
    expect(searchAgencies(db, '', 1, 0).total).toBe(2503);
    expect(messages.filter((m) => m.type === 'changed')).toHaveLength(2);
    const progress = statuses().flatMap((s) => (s.progress ? [s.progress] : []));
    expect(progress.at(-1)).toEqual({ task: 'directory', done: 2500, total: 2500 });
    expect(progress.some((p) => p.done === 2000)).toBe(true);
  });

  it('goes offline when the axis is unreachable, retries by itself, and recovers', async () => {
    const { axis, db, engine, statuses } = await setup();
    const url = new URL(axis.server.url);
    await axis.server.close();
    engine.start();
    const offline = await until(() => statuses().find((s: SyncStatus) => s.phase === 'offline'));
    expect(offline.nextAttemptAt).not.toBeNull();
    expect(offline.message).toMatch(/reach|connect|network/i);
    expect(offline.problem).toEqual({ code: 'unreachable', axisUrl: axis.server.url, detail: offline.message });
    expect(searchAgencies(db, '', 10, 0).total).toBe(0);
    // The first retry waits half of the 5 s step (random() = 0): bring the axis back meanwhile.
    const { createAxisServer } = await import('../../../axis/app.js');
    const revived = await createAxisServer({ dataDir: axis.dataDir, port: Number(url.port), adminSecret: axis.adminSecret });
    cleanups.push(() => revived.close());
    const recovered = await until(() => statuses().find((s) => s.phase === 'idle' && s.lastSyncAt), 10_000);
    expect(recovered.problem).toBeNull();
    expect(searchAgencies(db, '', 10, 0).total).toBe(3);
  });

  it('rounds started early during an outage (documents queued) do not push the next retry further away', async () => {
    const { axis, engine, statuses } = await setup();
    await axis.server.close();
    engine.start();
    const first = await until(() => statuses().find((s: SyncStatus) => s.phase === 'offline'));
    // The clerk queues four documents while the axis is unreachable: each kicks a round at once.
    for (let kick = 1; kick <= 4; kick++) {
      engine.kick();
      await until(() => statuses().filter((s) => s.phase === 'offline').length > kick || undefined);
    }
    const retries = statuses().filter((s) => s.phase === 'offline').map((s) => s.nextAttemptAt);
    expect(retries).toHaveLength(5);
    // random() = 0: 2.5 s after the first failure, for all five (counted, the fifth would wait 40 s).
    expect(new Set(retries)).toEqual(new Set([first.nextAttemptAt]));
  });

  it('sends a held package by itself when its time comes, and not before', async () => {
    const { axis, db, blobs, engine, statuses } = await setup();
    const [self, other] = axis.agencies;
    engine.start();
    await until(() => statuses().find((s) => s.phase === 'idle' && s.lastSyncAt));
    const { sha256 } = await blobs.putBytes(await documentPackageBytes(self!.code, [other!.code], 'giữ lại để hoàn tác'));
    const notBefore = Date.now() + 1500;
    const id = writeTransaction(db, () =>
      enqueueOutbox(db, { documentId: null, messageType: 'edoc', packageSha256: sha256, recipients: [other!.code], purpose: 'document', notBefore: new Date(notBefore).toISOString() }, new Date().toISOString()),
    );
    const rounds = statuses().filter((s) => s.phase === 'idle').length;
    engine.kick();
    await until(() => statuses().filter((s) => s.phase === 'idle').length > rounds || undefined);
    const row = () => db.prepare('SELECT state, updated_at FROM outbox WHERE id = ?').get(id) as { state: string; updated_at: string };
    expect(row().state).toBe('queued');
    // No kick and a 60 s poll: only the held package's own time wakes the engine.
    await until(() => (row().state === 'sent' ? row() : undefined), 10_000);
    expect(Date.parse(row().updated_at)).toBeGreaterThanOrEqual(notBefore);
  });

  it('stops with an actionable message when the axis refuses the credentials', async () => {
    const { engine, statuses } = await setup('wrong-secret-wrong-secret');
    engine.start();
    const error = await until(() => statuses().find((s) => s.phase === 'error'));
    expect(error.message).toMatch(/ErrorCode 15/);
    // What the status bar says: which problem, at which axis; the message stays the detail.
    expect(error.problem).toMatchObject({ code: 'credentials', axisUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(error.nextAttemptAt).toBeNull();
    const seen = statuses().length;
    await new Promise((r) => setTimeout(r, 300));
    // No round after a permanent refusal: nothing said since.
    expect(statuses().slice(seen)).toEqual([]);
  });

  it('a flaky axis that lets packages through before failing is tried again soon, not backed off further', async () => {
    // Every acknowledgement is committed but its answer lost, as if the sync process died between
    // its commit and the axis's answer: each round acknowledges at most as many packages as it has
    // acknowledgements on the way at once, then fails; twice that many take two rounds at least.
    const { axis, db, engine, messages, reportedAt } = await setup(undefined, { seed: 1, rules: [{ kind: 'lostResponse', rate: 1, calls: ['updateStatus'] }] });
    const packages = 2 * DESK_RECEIVING.workers;
    await sendPackages(axis, packages, 'flaky');
    engine.start();
    await until(() => messages.find((m) => m.type === 'status' && m.status.phase === 'idle' && m.status.lastSyncAt), 20_000);
    expect((db.prepare('SELECT count(*) AS n FROM inbound_packages').get() as { n: number }).n).toBe(packages);
    // Packages stored before a failed round are acknowledged by the next, not stored again.
    expect(db.prepare("SELECT count(*) FROM documents WHERE direction = 'incoming'").pluck().get()).toBe(packages);
    expect(axis.server.store.countReceived(axis.agencies[0]!.code, 'edoc')).toBe(0);
    const failures = messages.flatMap((m, index) => (m.type === 'status' && m.status.phase === 'offline' && m.status.nextAttemptAt ? [Date.parse(m.status.nextAttemptAt) - reportedAt[index]!] : []));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    // random() = 0: the first step's half, 2.5 s, every time; without the progress it would double.
    for (const delay of failures) expect(delay).toBeLessThanOrEqual(2600);
  });

  it('an axis that answers some calls but fails the round is retried from the first step every time, never backed off further', async () => {
    // Every download is cut half way: the list answers, no package is ever stored.
    const { axis, db, engine, messages, reportedAt } = await setup(undefined, { seed: 1, rules: [{ kind: 'truncateFile', rate: 1 }] });
    const [self, other] = axis.agencies;
    const file = path.join(await tempDir(), 'package.edxml');
    await writeFile(file, await documentPackageBytes(other!.code, [self!.code], 'cut every time'));
    await createVxpClient({ baseUrl: axis.server.url, systemId: other!.code, secret: other!.secret }).send(file, 'edoc', [self!.code]);
    engine.start();
    const delays = () =>
      messages.flatMap((m, index) => (m.type === 'status' && m.status.phase !== 'syncing' && m.status.nextAttemptAt ? [Date.parse(m.status.nextAttemptAt) - reportedAt[index]!] : []));
    await until(() => (delays().length >= 3 ? true : undefined), 20_000);
    expect((db.prepare('SELECT count(*) AS n FROM inbound_packages').get() as { n: number }).n).toBe(0);
    // random() = 0: half the first 5 s step each time; counted as an outage it would be 2.5, 5, 10 s.
    for (const delay of delays().slice(0, 3)) expect(delay).toBeLessThanOrEqual(2600);
  });

  it('a batch with a package that cannot be stored: the others are stored, it goes to quarantine; each is acknowledged once, after its commit, never more than four downloading', async () => {
    const acks: { docId: string; status: string; committed: boolean }[] = [];
    let onTheWay = 0;
    let mostOnTheWay = 0;
    let downloading = 0;
    let mostDownloading = 0;
    let committed: (docId: string) => boolean = () => false;
    const { axis, db, databaseFile, engine, statuses } = await setup(undefined, undefined, (client) => ({
      ...client,
      download: async (...args) => {
        mostDownloading = Math.max(mostDownloading, ++downloading);
        try {
          // Each download lasts a moment, so that the workers' downloads would overlap unbounded.
          await new Promise((resolve) => setTimeout(resolve, 20));
          return await client.download(...args);
        } finally {
          downloading--;
        }
      },
      acknowledge: async (docId, status, description) => {
        // What another connection (the core's) reads when the axis is told: the package's record must be on disk.
        acks.push({ docId, status, committed: committed(docId) });
        mostOnTheWay = Math.max(mostOnTheWay, ++onTheWay);
        try {
          await client.acknowledge(docId, status, description);
        } finally {
          onTheWay--;
        }
      },
    }));
    const other = openDatabase(databaseFile, { migrate: false });
    cleanups.push(() => {
      other.close();
    });
    committed = (docId) => other.prepare('SELECT count(*) FROM inbound_packages WHERE axis_doc_id = ?').pluck().get(docId) === 1;
    const [self, sender] = axis.agencies;
    await sendPackages(axis, 5, 'batch before');
    // Not edXML: the reference axis refuses it at upload, a less careful axis passes it on.
    const bad = randomUUID();
    const bytes = '<?xml version="1.0"?><edXMLEnvelope><cut';
    await writeFile(path.join(axis.dataDir, 'packages', `${bad}.xml`), bytes);
    axis.server.store.insertPackage(
      { docId: bad, messageType: 'edoc', sender: sender!.code, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, createdTime: new Date().toISOString(), filePath: path.join('packages', `${bad}.xml`) },
      [self!.code],
    );
    await sendPackages(axis, 6, 'batch after');

    engine.start();
    await until(() => statuses().find((s) => s.phase !== 'syncing' && s.lastSyncAt !== null) ?? statuses().find((s) => s.phase === 'error' || s.phase === 'offline'));
    expect(statuses().filter((s) => s.phase === 'error' || s.phase === 'offline').map((s) => s.message)).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM documents WHERE direction = 'incoming'").pluck().get()).toBe(11);
    expect(db.prepare('SELECT axis_doc_id, reason_code FROM quarantine').all()).toEqual([{ axis_doc_id: bad, reason_code: 'not_edxml' }]);
    expect(acks).toHaveLength(12);
    expect(new Set(acks.map((ack) => ack.docId)).size).toBe(12);
    expect(acks.filter((ack) => ack.status !== 'done')).toEqual([{ docId: bad, status: 'fail', committed: true }]);
    expect(acks.every((ack) => ack.committed)).toBe(true);
    expect(mostOnTheWay).toBeLessThanOrEqual(DESK_RECEIVING.workers);
    // Eight workers, of which only four download and read at once (DESK_RECEIVING.streams).
    expect(mostDownloading).toBe(DESK_RECEIVING.streams);
    expect(axis.server.store.getDelivery(bad, self!.code)?.status).toBe('fail');
    expect(axis.server.store.countReceived(self!.code, 'edoc')).toBe(0);
    // What the axis confirmed is recorded, in batches.
    expect(db.prepare('SELECT count(*) FROM inbound_packages WHERE acknowledged_at IS NULL').pluck().get()).toBe(0);
  });

  it('a package listed twice in one list is received once, without failing the round', async () => {
    // Every list names each package twice, side by side: both copies would be received at once.
    const { axis, db, engine, statuses } = await setup(undefined, { seed: 1, rules: [{ kind: 'duplicateList', rate: 1 }] });
    const [self, other] = axis.agencies;
    const sender = createVxpClient({ baseUrl: axis.server.url, systemId: other!.code, secret: other!.secret });
    const dir = await tempDir();
    for (let i = 0; i < 3; i++) {
      const file = path.join(dir, `package-${i}.edxml`);
      await writeFile(file, await documentPackageBytes(other!.code, [self!.code], `listed twice ${i}`));
      await sender.send(file, 'edoc', [self!.code]);
    }
    engine.start();
    await until(() => statuses().find((s) => s.phase !== 'syncing' && s.lastSyncAt !== null) ?? statuses().find((s) => s.phase === 'error' || s.phase === 'offline'));
    expect(statuses().filter((s) => s.phase === 'error' || s.phase === 'offline').map((s) => s.message)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM inbound_packages').pluck().get()).toBe(3);
    expect(db.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBe(0);
  });

  it('a queue longer than the outbox reads at a time leaves in one round, not one batch per poll', async () => {
    const { axis, db, blobs, engine, statuses } = await setup();
    const [self, other] = axis.agencies;
    const at = new Date().toISOString();
    for (let i = 0; i < 120; i++) {
      const { sha256 } = await blobs.putBytes(await documentPackageBytes(self!.code, [other!.code], `queued ${i}`));
      enqueueOutbox(db, { documentId: null, messageType: 'edoc', packageSha256: sha256, recipients: [other!.code], purpose: 'document' }, at);
    }
    engine.start();
    // The poll is 60 s: whatever the first round leaves waits a minute.
    await until(() => statuses().find((s) => s.phase === 'idle' && s.lastSyncAt), 30_000);
    expect(db.prepare("SELECT state, count(*) AS n FROM outbox GROUP BY state").all()).toEqual([{ state: 'sent', n: 120 }]);
  });

  it('a batch of the outbox is marked sending in one transaction and sent in one; the axis gone mid-batch leaves the rest queued, not sending', async () => {
    const { axis, db, blobs } = await setup();
    const [self, other] = axis.agencies;
    const queue = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const { sha256 } = await blobs.putBytes(await documentPackageBytes(self!.code, [other!.code], `batch ${i} of ${count}`));
        enqueueOutbox(db, { documentId: null, messageType: 'edoc', packageSha256: sha256, recipients: [other!.code], purpose: 'document' }, new Date().toISOString());
      }
    };
    const sqlite = sqliteExchangeStore(db);
    let writes = 0;
    const store = { read: sqlite.read, write: <T,>(work: Parameters<typeof sqlite.write<T>>[0]) => (writes++, sqlite.write(work)) };
    const client = createVxpClient({ baseUrl: axis.server.url, systemId: self!.code, secret: self!.secret, timeoutMs: 2000 });
    await queue(5);
    expect(await pushOutbox({ store, blobs, client, now: () => new Date(), random: () => 0 })).toMatchObject({ sent: 5, failed: 0 });
    expect(writes).toBe(2);
    expect(db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all()).toEqual([{ state: 'sent', n: 5 }]);

    await queue(3);
    await axis.server.close();
    await expect(pushOutbox({ store, blobs, client, now: () => new Date(), random: () => 0 })).rejects.toMatchObject({ code: 'network' });
    expect(db.prepare("SELECT state, attempts FROM outbox WHERE state <> 'sent' ORDER BY id").all()).toEqual([
      { state: 'queued', attempts: 1 },
      { state: 'queued', attempts: 0 },
      { state: 'queued', attempts: 0 },
    ]);
  });

  it('a package that waited out outages is sent in the first round once the axis is back, even by a restarted sync process', async () => {
    const { axis, db, blobs } = await setup();
    const [self, other] = axis.agencies;
    const sha256 = (await blobs.putBytes(await documentPackageBytes(self!.code, [other!.code], 'queued during outages'))).sha256;
    const id = enqueueOutbox(db, { documentId: null, messageType: 'edoc', packageSha256: sha256, recipients: [other!.code], purpose: 'document' }, new Date().toISOString());
    const url = new URL(axis.server.url);
    await axis.server.close();
    // Three rounds' uploads fail against the stopped axis; then the sync process dies and a new one starts.
    const client = createVxpClient({ baseUrl: axis.server.url, systemId: self!.code, secret: self!.secret, timeoutMs: 2000 });
    for (let round = 0; round < 3; round++) {
      await expect(pushOutbox({ store: sqliteExchangeStore(db), blobs, client, now: () => new Date(), random: () => 0 })).rejects.toMatchObject({ code: 'network' });
    }
    expect(db.prepare('SELECT attempts, state FROM outbox WHERE id = ?').get(id)).toMatchObject({ attempts: 3 });

    const { createAxisServer } = await import('../../../axis/app.js');
    const revived = await createAxisServer({ dataDir: axis.dataDir, port: Number(url.port), adminSecret: axis.adminSecret });
    cleanups.push(() => revived.close());
    const restarted: SyncMessage[] = [];
    const next = new SyncEngine({
      store: sqliteExchangeStore(db),
      blobs,
      selfId: self!.code,
      client,
      report: (m) => restarted.push(m),
      pollMs: 60_000,
      random: () => 0,
    });
    cleanups.push(() => next.stop());
    next.start();
    await until(() => restarted.find((m) => m.type === 'status' && m.status.phase === 'idle' && m.status.lastSyncAt));
    expect(db.prepare('SELECT state FROM outbox WHERE id = ?').get(id)).toEqual({ state: 'sent' });
  });
});
