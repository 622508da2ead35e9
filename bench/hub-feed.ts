/**
 * `hub`: the agency hub's change feed. 300 desks hold SSE streams on two hub instances over one
 * PostgreSQL; a writer commits changes, each for one unit's 30 desks or (one in ten) for every
 * desk, as the hub's stores do; each desk times commit → event. The peer is the naive feed: the
 * same 300 desks each polling the changes table (the same access query) every POLL_MS. Both must
 * deliver every change to exactly its audience; the ratios compare latency and database load.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { ROLES } from '../shared/hub/accounts.js';
import { FEED_PAGE_LIMIT } from '../shared/hub/feed.js';
import { Administration } from '../hub/accounts/administration.js';
import { SIGN_IN_POLICY } from '../hub/accounts/policy.js';
import { SignInService } from '../hub/accounts/sign-in.js';
import { newSessionToken } from '../hub/accounts/session-tokens.js';
import { FileBlobStore } from '../hub/blobs/blob-store.js';
import { buildHubApp } from '../hub/http/app.js';
import { PrivateCluster } from '../hub/postgres/private-cluster.js';
import { readFeed, recordChange } from '../hub/store/changes.js';
import { ensureDatabase, inTransaction, openPool } from '../hub/store/database.js';
import { migrateHub } from '../hub/store/migrations/index.js';
import { insertSession } from '../hub/store/sessions.js';
import { SseClient } from '../test/sse.js';
import { goal, log, ms, nowMs, ratio, summarize, table, type BenchOptions, type Summary } from './lib.js';

const DESKS = 300;
const UNITS = 10;
const CHANGES = 150;
const CHANGE_EVERY_MS = 50;
const POLL_MS = 1000;
const GOAL_P95_MS = 1000;

interface Desk {
  sessionId: string;
  token: string;
  unit: number;
}

interface Run {
  latency: Summary;
  deliveries: number;
  /** Transactions the database ran during the run (pg_stat_database): its load. */
  transactions: number;
}

/** The change the writer commits `index`-th: for every desk, or for one unit's desks. */
const audienceOf = (index: number, units: number[]) => (index % 10 === 0 ? { everyone: true, unit: null } : { everyone: false, unit: units[index % units.length]! });

async function transactions(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0]!.n);
}

async function headFor(pool: pg.Pool, sessionId: string): Promise<number> {
  for (let after = 0; ; ) {
    const [page] = await readFeed(pool, [{ sessionId, after }], FEED_PAGE_LIMIT);
    if (!page || page === 'ended' || 'reset' in page) throw new Error('the bench desk cannot read the feed');
    if (page.changes.length < FEED_PAGE_LIMIT) return page.next;
    after = page.next;
  }
}

/**
 * Commits the changes one by one, noting when each commit returned, and waits for the expected
 * deliveries. `arrivals` collects [subject, desk, time] from whichever feed runs.
 */
async function writeAndCollect(pool: pg.Pool, desks: Desk[], units: number[], label: string, arrivals: { subject: string; desk: number; at: number }[]): Promise<Run> {
  const committedAt = new Map<string, number>();
  const expected = new Map<string, Set<number>>();
  const before = await transactions(pool);
  for (let index = 0; index < CHANGES; index++) {
    const subject = `${label}:${index}`;
    const { everyone, unit } = audienceOf(index, units);
    expected.set(subject, new Set(desks.flatMap((desk, d) => (everyone || desk.unit === unit ? [d] : []))));
    const started = nowMs();
    await inTransaction(pool, (client) =>
      recordChange(client, { kind: 'bench.change', subject, payload: { index }, audience: everyone ? { roles: [...ROLES] } : { units: [unit!] } }),
    );
    committedAt.set(subject, nowMs());
    const spare = CHANGE_EVERY_MS - (nowMs() - started);
    if (spare > 0) await new Promise((resolve) => setTimeout(resolve, spare));
  }
  const total = [...expected.values()].reduce((sum, set) => sum + set.size, 0);
  const deadline = nowMs() + 30_000;
  while (arrivals.filter((a) => a.subject.startsWith(`${label}:`)).length < total && nowMs() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const transactionsRun = (await transactions(pool)) - before;
  const latencies: number[] = [];
  for (const arrival of arrivals) {
    if (!arrival.subject.startsWith(`${label}:`)) continue;
    if (!expected.get(arrival.subject)?.delete(arrival.desk)) throw new Error(`${label}: desk ${arrival.desk} got ${arrival.subject}, which was not for it or came twice`);
    latencies.push(arrival.at - committedAt.get(arrival.subject)!);
  }
  const missing = [...expected.values()].reduce((sum, set) => sum + set.size, 0);
  if (missing > 0) throw new Error(`${label}: ${missing} of ${total} deliveries never arrived`);
  return { latency: summarize(latencies), deliveries: latencies.length, transactions: transactionsRun };
}

export async function hubFeedBench(_options: BenchOptions): Promise<boolean> {
  log(`== hub: change feed, ${DESKS} desks in ${UNITS} units on two hub instances, ${CHANGES} changes ${CHANGE_EVERY_MS} ms apart; peer: each desk polls every ${POLL_MS} ms`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-hub-'));
  const cluster = new PrivateCluster({ dir: path.join(dir, 'postgres'), passwordFile: path.join(dir, 'postgres-password') });
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await cluster.start();
    closers.push(() => cluster.stop());
    const admin = await openPool(await cluster.connection('postgres'));
    await ensureDatabase(admin, 'bench');
    await admin.end();
    const connection = await cluster.connection('bench');
    const pool = await openPool(connection);
    closers.push(() => pool.end());
    await migrateHub(pool);

    const administration = new Administration(pool);
    const units: number[] = [];
    for (let u = 0; u < UNITS; u++) units.push((await administration.createUnit('cli', { code: `P${u}`, name: `Phòng ${u}`, parentId: null })).id);
    const desks: Desk[] = [];
    for (let d = 0; d < DESKS; d++) {
      const unit = units[d % UNITS]!;
      const user = await administration.createUser('cli', { username: `cv${d}`, displayName: `Chuyên viên ${d}`, unitId: unit, roles: ['specialist'] });
      const { token, hash } = newSessionToken();
      const sessionId = await insertSession(pool, { tokenHash: hash, userId: user.id, method: 'password', certificateSha256: null, expiresAt: new Date(Date.now() + 86_400_000), address: '127.0.0.1', userAgent: 'bench' });
      desks.push({ sessionId, token, unit });
    }

    // What one wake costs an instance: one query for its half of the desks.
    const halfHead = await headFor(pool, desks[0]!.sessionId);
    const wakeQuery = summarize(
      await (async () => {
        const samples: number[] = [];
        for (let i = 0; i < 20; i++) {
          const started = nowMs();
          await readFeed(pool, desks.slice(0, DESKS / 2).map((desk) => ({ sessionId: desk.sessionId, after: halfHead })), 200);
          samples.push(nowMs() - started);
        }
        return samples;
      })(),
    );
    log(`one wake's query for ${DESKS / 2} desks (nothing new): p50 ${ms(wakeQuery.p50)} ms, p95 ${ms(wakeQuery.p95)} ms`);

    // VanThu: two instances, half the desks on each, on SSE.
    const urls: string[] = [];
    const blobs = await FileBlobStore.open(path.join(dir, 'blobs'));
    for (let i = 0; i < 2; i++) {
      const instancePool = await openPool(connection);
      const app = await buildHubApp({
        pool: instancePool,
        blobs,
        administration: new Administration(instancePool),
        signIn: new SignInService(instancePool, SIGN_IN_POLICY, () => []),
        sessionIdleSeconds: SIGN_IN_POLICY.sessionIdleSeconds,
        logger: { level: 'error' },
        requestsPerMinute: 10_000,
      });
      closers.push(async () => {
        await app.close();
        await instancePool.end();
      });
      urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
    }
    const head = await headFor(pool, desks[0]!.sessionId);
    const arrivals: { subject: string; desk: number; at: number }[] = [];
    const streams = await Promise.all(
      desks.map((desk, d) =>
        SseClient.open(`${urls[d % 2]}/api/feed/stream?after=${head}`, desk.token, undefined, (event) => {
          if (event.event === 'change') arrivals.push({ subject: (JSON.parse(event.data) as { subject: string }).subject, desk: d, at: nowMs() });
        }),
      ),
    );
    if (streams.some((stream) => stream.status !== 200)) throw new Error('a desk could not open its stream');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ours = await writeAndCollect(pool, desks, units, 'sse', arrivals);
    for (const stream of streams) stream.close();

    // The peer: every desk polls the table with the same access query, every POLL_MS.
    const peerPool = await openPool({ ...connection, max: 10 });
    closers.push(() => peerPool.end());
    let polling = true;
    const peerHead = await headFor(pool, desks[0]!.sessionId);
    const pollers = desks.map(async (desk, d) => {
      let after = peerHead;
      // Spread over the period, as desks started at different times would be.
      await new Promise((resolve) => setTimeout(resolve, (d / DESKS) * POLL_MS));
      while (polling) {
        const started = nowMs();
        const [page] = await readFeed(peerPool, [{ sessionId: desk.sessionId, after }], FEED_PAGE_LIMIT);
        if (page && page !== 'ended' && !('reset' in page)) {
          const at = nowMs();
          for (const change of page.changes) arrivals.push({ subject: change.subject, desk: d, at });
          after = page.next;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, POLL_MS - (nowMs() - started))));
      }
    });
    const peer = await writeAndCollect(pool, desks, units, 'poll', arrivals);
    polling = false;
    await Promise.all(pollers);

    log();
    log(
      table(
        ['feed', 'deliveries', 'p50 ms', 'p95 ms', 'max ms', 'db transactions'],
        [
          ['VanThu: NOTIFY + SSE', String(ours.deliveries), ms(ours.latency.p50), ms(ours.latency.p95), ms(ours.latency.max), String(ours.transactions)],
          [`peer: poll every ${POLL_MS} ms`, String(peer.deliveries), ms(peer.latency.p50), ms(peer.latency.p95), ms(peer.latency.max), String(peer.transactions)],
        ],
        new Set([1, 2, 3, 4, 5]),
      ),
    );
    log(`peer/VanThu: latency p95 ${ratio(peer.latency.p95 / ours.latency.p95)}, database transactions ${ratio(peer.transactions / Math.max(1, ours.transactions))}`);
    const pass = ours.latency.p95 < GOAL_P95_MS;
    log(goal('hub-feed-latency', `p95 ${ms(ours.latency.p95)} ms over ${ours.deliveries} deliveries to ${DESKS} desks (peer polling every ${POLL_MS} ms: p95 ${ms(peer.latency.p95)} ms)`, `< ${GOAL_P95_MS} ms p95`, pass));
    return pass;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
