/**
 * Two hub processes on one PostgreSQL and one axis account: one exchanges, the other stands by;
 * kill -9 the one exchanging and the other takes over within 10 s, sending what was queued after,
 * with nothing sent twice.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createVxpClient } from '../../electron/core/exchange/axis-client/vxp-adapter.js';
import { queueDocumentPackage, until, useTemporaryAxis } from '../../test/hub-exchange.js';
import { buildHubBundle, exchangeRole, launchHub, type HubProcess } from '../../test/hub-process.js';
import { databaseUrl, useTestPostgres } from '../../test/postgres.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { FileBlobStore } from '../blobs/blob-store.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const tempDir = useTempDirs();
const postgres = useTestPostgres();

const temporaryAxis = useTemporaryAxis();

const TAKEOVER_LIMIT_MS = 10_000;

it('kill -9 of the exchanging hub: the standby leads within 10 s and sends what was queued, nothing twice', async () => {
  const axis = temporaryAxis();
  const work = await tempDir();
  const bundle = await buildHubBundle(work);
  const [sender, recipient] = axis.agencies;
  const secretFile = path.join(work, 'axis-secret');
  await writeFile(secretFile, `${sender!.secret}\n`, { mode: 0o600 });
  const { config } = await postgres().freshDatabase();
  const env = {
    DATABASE_URL: databaseUrl(config),
    VANTHU_HUB_EXCHANGE_POLL_MS: '500',
  };
  // One data folder for both, as instances behind one proxy share the blob volume.
  const dataDir = path.join(work, 'hub');
  const args = ['--port', '0', '--log-level', 'warn', '--axis-url', axis.server.url, '--axis-system-id', sender!.code, '--axis-secret-file', secretFile];
  const hubs: HubProcess[] = [];
  try {
    const first = launchHub(bundle, dataDir, args, { env });
    hubs.push(first);
    const firstUrl = await first.listening;
    await until('the first hub leading', () => exchangeRole(firstUrl), (role) => role === 'leader');
    const second = launchHub(bundle, dataDir, args, { env });
    hubs.push(second);
    const secondUrl = await second.listening;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect([await exchangeRole(firstUrl), await exchangeRole(secondUrl)]).toEqual(['leader', 'standby']);

    const pool = await postgres().pool(config);
    const store = postgresExchangeStore(pool);
    const blobs = await FileBlobStore.open(path.join(dataDir, 'blobs'));
    const queue = (label: string) => queueDocumentPackage(store, blobs, sender!, recipient!, label);
    const sent = (id: number) => until(`outbox ${id} sent`, () => store.read.outboxEntry(id), (entry) => entry?.state === 'sent');

    const before = await sent(await queue('before the kill'));

    first.child.kill('SIGKILL');
    const killedAt = performance.now();
    await first.exited;
    await until('the second hub leading', () => exchangeRole(secondUrl), (role) => role === 'leader', TAKEOVER_LIMIT_MS + 5_000);
    const takeoverMs = Math.round(performance.now() - killedAt);
    console.log(`exchange takeover after kill -9: ${takeoverMs} ms (limit ${TAKEOVER_LIMIT_MS} ms)`);
    expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);

    const after = await sent(await queue('after the kill'));
    const received = await createVxpClient({ baseUrl: axis.server.url, systemId: recipient!.code, secret: recipient!.secret }).listReceived('edoc');
    expect(received.map((row) => row.docId).sort()).toEqual([before!.axisDocId, after!.axisDocId].sort());
    expect(before!.attempts + after!.attempts).toBe(2);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  } finally {
    for (const hub of hubs) if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
    await Promise.all(hubs.map((hub) => hub.exited));
  }
}, 180_000);
