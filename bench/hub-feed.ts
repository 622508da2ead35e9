/**
 * The change feed's part of `npm run bench -- hub` (bench/hub-desks.ts sets up the agency and the
 * two hub instances): commit → desk latency over SSE against desks polling, and what one wake
 * costs an instance.
 */
import type pg from 'pg';
import { ROLES } from '../shared/hub/accounts.js';
import { FEED_PAGE_LIMIT } from '../shared/hub/feed.js';
import { readFeed, recordChange } from '../hub/store/changes.js';
import { inTransaction, openPool } from '../hub/store/database.js';
import { SseClient } from '../test/sse.js';
import { goal, log, ms, nowMs, ratio, summarize, table, type Summary } from './lib.js';

const CHANGES = 150;
const CHANGE_EVERY_MS = 50;
const POLL_MS = 1000;
const GOAL_P95_MS = 1000;

export interface Desk {
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

export interface FeedBenchHub {
  /** The writer's pool. */
  pool: pg.Pool;
  /** Where the peer opens its own pool. */
  connection: pg.PoolConfig;
  /** The specialists' desks: their sessions, each with its unit. */
  desks: Desk[];
  /** The units the desks are in: one change in ten is for everyone, the others for one of these. */
  units: number[];
  /** Two hub instances, half the desks on each. */
  urls: string[];
}

/**
 * 300 desks hold SSE streams on two hub instances over one PostgreSQL; a writer commits changes,
 * each for one unit's desks or (one in ten) for every desk, as the hub's stores do; each desk times
 * commit → event. The peer is the naive feed: the same desks each polling the changes table (the
 * same access query) every POLL_MS. Both must deliver every change to exactly its audience.
 */
export async function measureFeed(hub: FeedBenchHub): Promise<boolean> {
  const { pool, connection, desks, units, urls } = hub;
  log(`== hub: change feed, ${desks.length} desks in ${units.length} units on two hub instances, ${CHANGES} changes ${CHANGE_EVERY_MS} ms apart; peer: each desk polls every ${POLL_MS} ms`);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    // What one wake costs an instance: one query for its half of the desks.
    const halfHead = await headFor(pool, desks[0]!.sessionId);
    const wakeQuery = summarize(
      await (async () => {
        const samples: number[] = [];
        for (let i = 0; i < 20; i++) {
          const started = nowMs();
          await readFeed(pool, desks.slice(0, desks.length / 2).map((desk) => ({ sessionId: desk.sessionId, after: halfHead })), 200);
          samples.push(nowMs() - started);
        }
        return samples;
      })(),
    );
    log(`one wake's query for ${desks.length / 2} desks (nothing new): p50 ${ms(wakeQuery.p50)} ms, p95 ${ms(wakeQuery.p95)} ms`);

    // VanThu: two instances, half the desks on each, on SSE.
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
      await new Promise((resolve) => setTimeout(resolve, (d / desks.length) * POLL_MS));
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
    log(goal('hub-feed-latency', `p95 ${ms(ours.latency.p95)} ms over ${ours.deliveries} deliveries to ${desks.length} desks (peer polling every ${POLL_MS} ms: p95 ${ms(peer.latency.p95)} ms)`, `< ${GOAL_P95_MS} ms p95`, pass));
    return pass;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}
