/**
 * The exchanging hub killed in the middle of its work: while it downloads and records a batch of
 * arrivals, and while it uploads a batch of queued packages. The standby takes over and finishes;
 * every arrival is recorded once and acknowledged, every package reaches the recipient once.
 * The database stopped under them does the same. docs/reliability.md, "The agency hub".
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { expect, it } from 'vitest';
import type { AgencyCredential } from '../../axis/directory.js';
import { createVxpClient } from '../../electron/core/exchange/axis-client/vxp-adapter.js';
import { documentPackageBytes } from '../../test/edxml-fixtures.js';
import { queueDocumentPackage, until, useTemporaryAxis } from '../../test/hub-exchange.js';
import { buildHubBundle, exchangeRole, launchHub, type HubProcess } from '../../test/hub-process.js';
import { databaseUrl, useTestPostgres } from '../../test/postgres.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { FileBlobStore } from '../blobs/blob-store.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const tempDir = useTempDirs();
const postgres = useTestPostgres({ own: true });
const temporaryAxis = useTemporaryAxis();

const BATCH = 60;

/** Two hubs on one database and data folder, exchanging as `agency`: the first leads, the second stands by. */
async function twoHubs(agency: AgencyCredential) {
  const axis = temporaryAxis();
  const work = await tempDir();
  const bundle = await buildHubBundle(work);
  const secretFile = path.join(work, 'axis-secret');
  await writeFile(secretFile, `${agency.secret}\n`, { mode: 0o600 });
  const { config } = await postgres().freshDatabase();
  const env = { DATABASE_URL: databaseUrl(config), VANTHU_HUB_EXCHANGE_POLL_MS: '500' };
  const dataDir = path.join(work, 'hub');
  const args = ['--port', '0', '--log-level', 'info', '--axis-url', axis.server.url, '--axis-system-id', agency.code, '--axis-secret-file', secretFile];
  const hubs: HubProcess[] = [];
  const first = launchHub(bundle, dataDir, args, { env });
  hubs.push(first);
  const firstUrl = await first.listening;
  await until('the first hub leading', () => exchangeRole(firstUrl), (role) => role === 'leader');
  const second = launchHub(bundle, dataDir, args, { env });
  hubs.push(second);
  const secondUrl = await second.listening;
  const pool = await postgres().pool(config);
  return {
    work,
    dataDir,
    pool,
    store: postgresExchangeStore(pool),
    first,
    /** Kills the first at once, and waits for the second to lead. */
    async killFirst(): Promise<void> {
      first.child.kill('SIGKILL');
      await first.exited;
      await until('the second hub leading', () => exchangeRole(secondUrl), (role) => role === 'leader', 20_000);
    },
    /** What both hubs wrote, for a failure to explain itself. */
    outputs(): string {
      return hubs.map((hub, index) => `--- hub ${index + 1} (${hub.child.exitCode ?? hub.child.signalCode ?? 'running'}):\n${hub.output()}`).join('\n');
    },
    async close(): Promise<void> {
      for (const hub of hubs) if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
      await Promise.all(hubs.map((hub) => hub.exited));
    },
  };
}

/** For a failure to explain itself: what each hub logged, the server's last lines, and what was recorded of which packages. */
async function whatHappened(hubs: Awaited<ReturnType<typeof twoHubs>>, serverLogFile: string): Promise<string> {
  const serverLog = (await readFile(serverLogFile, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
  const inbound = await hubs.pool
    .query(`SELECT outcome, count(*) AS n FROM inbound_packages GROUP BY outcome`)
    .then((result) => JSON.stringify(result.rows), (failure: unknown) => String(failure));
  return `${hubs.outputs()}\n--- PostgreSQL:\n${serverLog}\n--- packages recorded, by outcome: ${inbound}`;
}

async function count(pool: pg.Pool, sql: string): Promise<number> {
  return Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
}

it('killed while receiving a batch: the standby records the rest, each arrival once, all acknowledged', async () => {
  const axis = temporaryAxis();
  const [sender, recipient] = axis.agencies;
  const senderClient = createVxpClient({ baseUrl: axis.server.url, systemId: sender!.code, secret: sender!.secret });
  const hubs = await twoHubs(recipient!);
  try {
    const sentIds: string[] = [];
    for (let index = 0; index < BATCH; index += 1) {
      const file = path.join(hubs.work, `package-${index}.xml`);
      await writeFile(file, await documentPackageBytes(sender!.code, [recipient!.code], `arrival ${index}`, String(index + 1)));
      sentIds.push(await senderClient.send(file, 'edoc', [recipient!.code]));
    }
    const arrived = () => count(hubs.pool, `SELECT count(*) AS n FROM documents WHERE direction = 'incoming'`);
    const atKill = await until('the first arrivals recorded', arrived, (n) => n >= 1, 30_000);
    await hubs.killFirst();
    console.log(`receiving: killed after ${atKill} of ${BATCH} arrivals were recorded`);
    expect(atKill).toBeLessThan(BATCH);

    await until('every arrival recorded', arrived, (n) => n >= BATCH, 60_000);
    const recipientClient = createVxpClient({ baseUrl: axis.server.url, systemId: recipient!.code, secret: recipient!.secret });
    await until('nothing left to take at the axis', () => recipientClient.listReceived('edoc'), (rows) => rows.length === 0, 30_000);
    const { rows } = await hubs.pool.query<{ axis_doc_id: string }>(`SELECT axis_doc_id FROM documents WHERE direction = 'incoming' ORDER BY axis_doc_id`);
    expect(rows.map((row) => row.axis_doc_id)).toEqual([...sentIds].sort());
    expect(await count(hubs.pool, `SELECT count(*) AS n FROM inbound_packages WHERE message_type = 'edoc'`)).toBe(BATCH);
  } finally {
    await hubs.close();
  }
}, 240_000);

it('killed while sending a batch: the standby sends the rest, each package reaches the recipient once', async () => {
  const axis = temporaryAxis();
  const [sender, recipient] = axis.agencies;
  const hubs = await twoHubs(sender!);
  try {
    const blobs = await FileBlobStore.open(path.join(hubs.dataDir, 'blobs'));
    const queued: number[] = [];
    for (let index = 0; index < BATCH; index += 1) queued.push(await queueDocumentPackage(hubs.store, blobs, sender!, recipient!, `sent ${index}`));
    const sent = () => count(hubs.pool, `SELECT count(*) AS n FROM outbox WHERE state = 'sent'`);
    const atKill = await until('the first packages sent', sent, (n) => n >= 1, 30_000);
    await hubs.killFirst();
    console.log(`sending: killed after ${atKill} of ${BATCH} packages were sent`);
    expect(atKill).toBeLessThan(BATCH);

    await until('every package sent', sent, (n) => n >= BATCH, 60_000);
    const entries = await Promise.all(queued.map((id) => hubs.store.read.outboxEntry(id)));
    const axisIds = entries.map((entry) => entry!.axisDocId!);
    expect(new Set(axisIds).size).toBe(BATCH);
    const recipientClient = createVxpClient({ baseUrl: axis.server.url, systemId: recipient!.code, secret: recipient!.secret });
    const received = (await recipientClient.listReceived('edoc')).map((row) => row.docId);
    expect([...received].sort()).toEqual([...axisIds].sort());
  } finally {
    await hubs.close();
  }
}, 240_000);

it('PostgreSQL stopped for two seconds while the hub receives a batch: the hub leads again by itself and records each arrival once', async () => {
  const axis = temporaryAxis();
  const [sender, recipient] = axis.agencies;
  const senderClient = createVxpClient({ baseUrl: axis.server.url, systemId: sender!.code, secret: sender!.secret });
  const hubs = await twoHubs(recipient!);
  try {
    for (let index = 0; index < BATCH; index += 1) {
      const file = path.join(hubs.work, `package-${index}.xml`);
      await writeFile(file, await documentPackageBytes(sender!.code, [recipient!.code], `arrival ${index}`, String(index + 1)));
      await senderClient.send(file, 'edoc', [recipient!.code]);
    }
    // The test's own pool meets the restart too: an idle connection that has not noticed it fails once.
    const arrived = async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await count(hubs.pool, `SELECT count(*) AS n FROM documents WHERE direction = 'incoming'`);
        } catch (error) {
          if (attempt > 5) throw error;
        }
      }
    };
    const atStop = await until('the first arrivals recorded', arrived, (n) => n >= 1, 30_000);
    const { cluster } = postgres();
    const port = cluster.port!;
    await cluster.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await cluster.start({ port });
    console.log(`PostgreSQL stopped after ${atStop} of ${BATCH} arrivals were recorded`);
    expect(atStop).toBeLessThan(BATCH);

    await until('every arrival recorded', arrived, (n) => n >= BATCH, 90_000).catch(async (error: unknown) => {
      throw new Error(`${(error as Error).message}\n${await whatHappened(hubs, cluster.logFile)}`);
    });
    const recipientClient = createVxpClient({ baseUrl: axis.server.url, systemId: recipient!.code, secret: recipient!.secret });
    await until('nothing left to take at the axis', () => recipientClient.listReceived('edoc'), (rows) => rows.length === 0, 30_000);
    expect(await count(hubs.pool, `SELECT count(*) AS n FROM inbound_packages WHERE message_type = 'edoc'`)).toBe(BATCH);
  } finally {
    await hubs.close();
  }
}, 240_000);
