/** The hub's exchange loop against the reference axis over HTTP and a real PostgreSQL. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createVxpClient } from '../../electron/core/exchange/axis-client/vxp-adapter.js';
import { documentPackageBytes } from '../../test/edxml-fixtures.js';
import { queueDocumentPackage, until, useTemporaryAxis } from '../../test/hub-exchange.js';
import { useTestPostgres } from '../../test/postgres.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { Administration } from '../accounts/administration.js';
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
  expect(logs.filter((line) => line.startsWith('exchange: the round stopped'))).toEqual([]);
  const received = await createVxpClient({ baseUrl: axis.server.url, systemId: recipient.code, secret: recipient.secret }).listReceived('edoc');
  expect(received).toHaveLength(3);
  expect(await store.read.auditRows()).toBe(3);
});

it('keeps the queue when the axis cannot be reached, says so once, and keeps trying', async () => {
  const { pool, blobs, store, sender, queue } = await setUp();
  const id = await queue('unreachable');
  const stop = new AbortController();
  const failures: string[] = [];
  // A port nothing listens on: the way to the axis fails, not the package.
  const loop = exchangeRunner({ pool, blobs: blobs.files, axis: { url: 'http://127.0.0.1:9', systemId: sender.code, secret: sender.secret }, pollMs: 500, log: (message, error) => error && failures.push(message) })(stop.signal);
  try {
    await until('the trouble logged', () => failures.length, (count) => count >= 1);
    // Rounds go on failing meanwhile: the same trouble is not logged again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  } finally {
    stop.abort();
    await loop;
  }
  // The way failed, not the package: it waits, its own back-off untouched.
  expect(await store.read.outboxEntry(id)).toMatchObject({ state: 'queued', attempts: 0, retryStep: 0 });
  expect(failures).toEqual(['exchange: the round stopped (offline); the engine tries again by itself']);
});

it('receives what another agency sent over the axis into PostgreSQL, once, acknowledges it and answers 01; the arrival goes to the feed of the clerk, not of a specialist of another unit', async () => {
  const { axis, pool, blobs, store, sender } = await setUp();
  const administration = new Administration(pool);
  const office = await administration.createUnit('cli', { code: 'VP', name: 'Văn phòng', parentId: null });
  const finance = await administration.createUnit('cli', { code: 'TC', name: 'Phòng Tài chính', parentId: null });
  const clerk = await administration.createUser('cli', { username: 'vanthu', displayName: 'Văn thư', unitId: office.id, roles: ['clerk'] });
  await administration.createUser('cli', { username: 'cv-tc', displayName: 'Chuyên viên', unitId: finance.id, roles: ['specialist'] });
  // An agency the file's other tests send nothing to, so its axis box holds this package alone.
  const recipient = axis.agencies[2]!;
  // The other agency sends with its own client, as its own desk would.
  const packageFile = path.join(await tempDir(), 'package.edxml');
  await writeFile(packageFile, await documentPackageBytes(sender.code, [recipient.code], 'from another agency'));
  const senderClient = createVxpClient({ baseUrl: axis.server.url, systemId: sender.code, secret: sender.secret });
  const axisDocId = await senderClient.send(packageFile, 'edoc', [recipient.code]);

  const stop = new AbortController();
  const logs: string[] = [];
  // The hub is the recipient agency.
  const loop = exchangeRunner({ pool, blobs: blobs.files, axis: { url: axis.server.url, systemId: recipient.code, secret: recipient.secret }, pollMs: 300, log: (message) => logs.push(message) })(stop.signal);
  let statusesAtSender: unknown[] = [];
  try {
    const inbound = await until('received and acknowledged', () => store.read.inbound(axisDocId), (record) => record?.acknowledgedAt != null);
    expect(inbound).toMatchObject({ messageType: 'edoc', outcome: 'document' });
    const document = (await store.read.document(inbound!.documentId!))!;
    expect(document).toMatchObject({ direction: 'incoming', state: 'arrived', senderId: sender.code, axisDocId, subject: 'from another agency' });
    expect(await store.read.findIncomingId(sender.code, document.edxmlDocumentId!)).toBe(document.id);
    expect((await store.read.receivedContent(document.id))!.attachments).toHaveLength(1);
    expect(await blobs.has(document.packageSha256!)).toBe(true);
    // The directory came with the first round: the sender is known by name.
    expect((await store.read.agency(sender.code))?.name).toBe(sender.name);
    // The 01 the hub queued reaches the sender; by then later rounds ran and found nothing new.
    statusesAtSender = await until('the 01 at the sender', () => senderClient.listReceived('status'), (rows) => rows.length === 1);
  } finally {
    stop.abort();
    await loop;
  }
  expect(statusesAtSender).toHaveLength(1);
  expect(await createVxpClient({ baseUrl: axis.server.url, systemId: recipient.code, secret: recipient.secret }).listReceived('edoc')).toEqual([]);
  expect(logs.filter((line) => line.startsWith('exchange: document '))).toEqual([`exchange: document ${(await store.read.inbound(axisDocId))!.documentId} arrived`]);
  expect(logs.filter((line) => line.startsWith('exchange: the round stopped'))).toEqual([]);
  // Each write of the exchange that changed the document put it, whole, in the feed for the clerk alone.
  const documentId = (await store.read.inbound(axisDocId))!.documentId!;
  const { rows } = await pool.query<{ payload: { id: number; state: string; subject: string; attachmentCount: number }; users: number[] }>(
    `SELECT c.payload, array_agg(a.user_id ORDER BY a.user_id) AS users FROM changes c JOIN change_audience a ON a.change_id = c.id
     WHERE c.kind = 'document' AND c.subject = $1 GROUP BY c.id ORDER BY c.seq`,
    [`document:${documentId}`],
  );
  expect(rows[0]?.payload).toMatchObject({ id: documentId, state: 'arrived', subject: 'from another agency', attachmentCount: 1 });
  expect(rows.map((row) => row.users)).toEqual(rows.map(() => [clerk.id]));
});
