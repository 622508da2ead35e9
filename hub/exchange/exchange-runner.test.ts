/** The hub's exchange loop against the reference axis over HTTP and a real PostgreSQL. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { createVxpClient } from '../../electron/core/exchange/axis-client/vxp-adapter.js';
import { queueDocumentPackage, until, useTemporaryAxis } from '../../test/hub-exchange.js';
import { useTestPostgres } from '../../test/postgres.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { FileBlobStore } from '../blobs/blob-store.js';
import { migrateHub } from '../store/migrations/index.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';
import { exchangeRunner } from './exchange-runner.js';

const tempDir = useTempDirs();
const postgres = useTestPostgres();

const temporaryAxis = useTemporaryAxis();

async function setUp() {
  const { pool } = await postgres().freshDatabase();
  await migrateHub(pool);
  const blobs = await FileBlobStore.open(path.join(await tempDir(), 'blobs'));
  const store = postgresExchangeStore(pool);
  const axis = temporaryAxis();
  const [sender, recipient] = axis.agencies;
  const queue = (label: string) => queueDocumentPackage(store, blobs, sender!, recipient!, label);
  return { axis, pool, blobs, store, sender: sender!, recipient: recipient!, queue };
}

it('sends again what a dead leader left mid-upload, and what is queued, each once', async () => {
  const { axis, pool, blobs, store, sender, recipient, queue } = await setUp();
  const interrupted = await queue('left sending');
  await store.write((tx) => tx.setOutboxState(interrupted, { state: 'sending' }, new Date().toISOString()));
  const waiting = await queue('queued');
  const stop = new AbortController();
  const logs: string[] = [];
  const loop = exchangeRunner({ pool, blobs: blobs.files, axis: { url: axis.server.url, systemId: sender.code, secret: sender.secret }, pollMs: 500, log: (message) => logs.push(message) })(stop.signal);
  try {
    await until('both sent', async () => [(await store.read.outboxEntry(interrupted))?.state, (await store.read.outboxEntry(waiting))?.state], (states) => states.every((state) => state === 'sent'));
    // A third, queued while the loop runs, goes at its next round.
    const later = await queue('later');
    await until('the later one sent', () => store.read.outboxEntry(later), (entry) => entry?.state === 'sent');
  } finally {
    stop.abort();
    await loop;
  }
  expect(logs[0]).toBe('exchange: 1 package(s) the previous leader was sending will be sent again');
  const received = await createVxpClient({ baseUrl: axis.server.url, systemId: recipient.code, secret: recipient.secret }).listReceived('edoc');
  expect(received).toHaveLength(3);
  expect(await store.read.auditRows()).toBe(3);
});

it('keeps the queue when the axis cannot be reached, and keeps trying', async () => {
  const { pool, blobs, store, sender, queue } = await setUp();
  const id = await queue('unreachable');
  const stop = new AbortController();
  const failures: string[] = [];
  // A port nothing listens on: the way to the axis fails, not the package.
  const loop = exchangeRunner({ pool, blobs: blobs.files, axis: { url: 'http://127.0.0.1:9', systemId: sender.code, secret: sender.secret }, pollMs: 500, log: (message, error) => error && failures.push(message) })(stop.signal);
  try {
    await until('an attempt counted', () => store.read.outboxEntry(id), (entry) => (entry?.attempts ?? 0) >= 1);
  } finally {
    stop.abort();
    await loop;
  }
  expect(await store.read.outboxEntry(id)).toMatchObject({ state: 'queued', lastError: expect.stringMatching(/Cannot reach the axis/) });
  expect(failures[0]).toBe('exchange: the round stopped; trying again after a pause');
});
