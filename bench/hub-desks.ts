/**
 * `npm run bench -- hub` (its desk side; `hub-desks` alone, `hub-feed` for the feed only): an
 * agency of `--docs` documents (1,000,000 unless told) seeded into the hub's real schema on a
 * private PostgreSQL (bench/hub-seed.ts), two hub instances over it, 300 specialists' desks, and
 * what a desk waits for, each against a naive peer in the same run:
 *   list: `GET /api/documents` keyset pages (hub/store/document-access.ts) as a clerk and as a
 *     specialist who sees a few percent, against the access rule alone paged with OFFSET;
 *   search: `GET /api/search` with words typed without accents (pg_trgm over the hub's folded
 *     words), against ILIKE over PostgreSQL's unaccent of the same text with the same access rule;
 *   feed: commit → desk over SSE, against the desks polling (bench/hub-feed.ts).
 */
import type pg from 'pg';
import { readHubDocuments } from '../hub/store/hub-documents.js';
import { getJson, loadavg, session, withHubAgency } from './hub-agency.js';
import { measureFeed, type Desk } from './hub-feed.js';
import type { SeededUser } from './hub-seed.js';
import { goal, log, ms, nowMs, ratio, summarize, table, type BenchOptions, type Summary } from './lib.js';

const LIST_PAGE = 50;
/** Pages a desk walks down its list from the top, each from the last one's `nextBefore`. */
const LIST_PAGES = 10;
const SEARCH_PAGE = 20;
const LIST_GOAL_MS = 50;
const SEARCH_GOAL_MS = 100;
/** Walks and searches of the naive peers: seconds each at a million documents. */
const PEER_RUNS = 1;
/** A naive search stopped after this long counts as this long: the peer's figures are then floors. */
const PEER_TIMEOUT_MS = 30_000;

/** Typed as a clerk types them, without accents; from common to absent. */
const QUERIES = ['quyet dinh', 'chuyen doi so', 'tuyen dung vien chuc', 'nguyen hung', 'ngan sach nha nuoc', 'thanh hoa', 'bao cao quy', 'giai ngan', 'kroa', '1234/qd-ubnd', 'x47311', 'zzqxv'];
/** The naive peer's share of them (each a scan of every document's text): common, a name, rare, absent. */
const PEER_QUERIES = ['quyet dinh', 'nguyen hung', '1234/qd-ubnd', 'zzqxv'];

interface Reader {
  label: string;
  user: SeededUser;
  token: string;
}

export interface DeskBenchParts {
  list: boolean;
  search: boolean;
  feed: boolean;
}

/** Timings of `runs` walks down the list, page by page; the ids of the first walk. */
async function walkList(runs: number, page: (index: number, before: number | null) => Promise<{ ids: number[]; nextBefore: number | null }>): Promise<{ samples: number[]; ids: number[] }> {
  const samples: number[] = [];
  let firstIds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const ids: number[] = [];
    let before: number | null = null;
    for (let index = 0; index < LIST_PAGES; index++) {
      const started = nowMs();
      const answer = await page(index, before);
      samples.push(nowMs() - started);
      ids.push(...answer.ids);
      if (answer.nextBefore === null) break;
      before = answer.nextBefore;
    }
    if (run === 0) firstIds = ids;
  }
  return { samples, ids: firstIds };
}

/** The naive list: the access rule alone over every document, paged with OFFSET, the same documents read for the page. */
async function naiveListPage(pool: pg.Pool, userId: number, index: number): Promise<{ ids: number[]; nextBefore: number | null }> {
  const { rows } = await pool.query<{ document_id: number }>('SELECT document_id FROM readable_documents($1) ORDER BY document_id DESC OFFSET $2 LIMIT $3', [userId, index * LIST_PAGE, LIST_PAGE + 1]);
  const ids = rows.slice(0, LIST_PAGE).map((row) => row.document_id);
  await readHubDocuments(pool, ids);
  return { ids, nextBefore: rows.length > LIST_PAGE ? ids[ids.length - 1]! : null };
}

/**
 * The naive search: every typed chunk as ILIKE '%chunk%' over PostgreSQL's unaccent of the header
 * fields and the files' text, the same access rule, newest first; no index can serve it.
 */
async function naiveSearch(pool: pg.Pool, userId: number, typed: string): Promise<void> {
  const chunks = typed.split(/\s+/).filter(Boolean);
  const client = await pool.connect();
  try {
    await client.query(`SET statement_timeout = ${PEER_TIMEOUT_MS}`);
    await client.query(
      `SELECT d.id FROM documents d JOIN document_texts t ON t.document_id = d.id
       WHERE ${chunks.map((_, i) => `unaccent(concat_ws(' ', d.code_number || '/' || d.code_notation, d.type_name, d.subject, d.summary, d.sender_name, d.signer_name, d.signer_position, d.place, t.body)) ILIKE $${i + 2}`).join(' AND ')}
         AND EXISTS (SELECT 1 FROM readable_documents($1) r WHERE r.document_id = d.id)
       ORDER BY d.id DESC LIMIT ${SEARCH_PAGE + 1}`,
      [userId, ...chunks.map((chunk) => `%${chunk.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)],
    );
  } catch (error) {
    // Stopped at the timeout: timeEach counts the time it took, a floor of the real figure.
    if ((error as { code?: string }).code !== '57014') throw error;
  } finally {
    await client.query('RESET statement_timeout').catch(() => undefined);
    client.release();
  }
}

async function timeEach<T>(items: readonly T[], runs: number, work: (item: T) => Promise<unknown>): Promise<number[][]> {
  const perItem: number[][] = [];
  for (const item of items) {
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = nowMs();
      await work(item);
      samples.push(nowMs() - started);
    }
    perItem.push(samples);
  }
  return perItem;
}

const row = (label: string, s: Summary): string[] => [label, String(s.count), ms(s.p50), ms(s.p95), ms(s.max)];

export async function hubDesksBench(options: BenchOptions, parts: DeskBenchParts = { list: true, search: true, feed: true }): Promise<boolean> {
  return withHubAgency(options, 2, async ({ size, pool, connection, agency, urls }) => {
    let pass = true;
    const readers: Reader[] = [];
    for (const [label, user] of [['clerk', agency.clerks[0]!], ['specialist', agency.specialists[0]!]] as const) readers.push({ label, user, token: (await session(pool, user.id)).token });
    const shares = await Promise.all(
      readers.map(async (reader) => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM readable_documents($1)', [reader.user.id])).rows[0]!.n)),
    );
    log(`readers: ${readers.map((reader, i) => `${reader.label} sees ${shares[i]} (${((shares[i]! / size) * 100).toFixed(1)} %)`).join(', ')}`);

    if (parts.list) {
      const rows: string[][] = [];
      let worst = 0;
      const figures: string[] = [];
      for (const reader of readers) {
        const ours = await walkList(options.repeat, async (_index, before) => {
          const page = await getJson<{ documents: { id: number }[]; nextBefore: number | null }>(`${urls[0]}/api/documents?limit=${LIST_PAGE}${before === null ? '' : `&before=${before}`}`, reader.token);
          return { ids: page.documents.map((d) => d.id), nextBefore: page.nextBefore };
        });
        const naive = await walkList(PEER_RUNS, (index) => naiveListPage(pool, reader.user.id, index));
        if (ours.ids.join() !== naive.ids.join()) throw new Error(`list of the ${reader.label}: the hub's pages and the naive pages differ`);
        const o = summarize(ours.samples);
        const n = summarize(naive.samples);
        rows.push(row(`${reader.label}: GET /api/documents keyset`, o), row(`${reader.label}: peer, rule + OFFSET`, n));
        worst = Math.max(worst, o.p95);
        figures.push(`${reader.label} p95 ${ms(o.p95)} ms (peer ${ms(n.p95)} ms, ${ratio(n.p95 / o.p95)})`);
      }
      log();
      log(`list: ${LIST_PAGES} pages of ${LIST_PAGE} from the top, × ${options.repeat} over HTTP (whole documents, as a desk gets them); the peer × ${PEER_RUNS} in-process (its ids, then the same documents read)`);
      log(table(['list', 'pages', 'p50 ms', 'p95 ms', 'max ms'], rows, new Set([1, 2, 3, 4])));
      const ok = worst < LIST_GOAL_MS;
      log(goal('hub-list-p95', `${figures.join('; ')} at ${size} documents`, `< ${LIST_GOAL_MS} ms p95`, ok));
      pass &&= ok;
    }

    if (parts.search) {
      await pool.query('CREATE EXTENSION IF NOT EXISTS unaccent');
      const rows: string[][] = [];
      const perQuery: string[][] = [];
      let worst = 0;
      const figures: string[] = [];
      const runs = Math.min(options.repeat, 10);
      for (const reader of readers) {
        const hits: number[] = [];
        const ours = await timeEach(QUERIES, runs, async (typed) => {
          const page = await getJson<{ rows: { documentId: number }[] }>(`${urls[0]}/api/search?limit=${SEARCH_PAGE}&q=${encodeURIComponent(typed)}`, reader.token);
          hits.push(page.rows.length);
        });
        const naive = await timeEach(PEER_QUERIES, PEER_RUNS, (typed) => naiveSearch(pool, reader.user.id, typed));
        QUERIES.forEach((typed, i) => {
          const peer = PEER_QUERIES.indexOf(typed);
          perQuery.push([reader.label, typed, String(hits[i * runs]), ms(summarize(ours[i]!).p50), peer < 0 ? '-' : ms(summarize(naive[peer]!).p50)]);
        });
        const o = summarize(ours.flat());
        const n = summarize(naive.flat());
        rows.push(row(`${reader.label}: GET /api/search (pg_trgm)`, o), row(`${reader.label}: peer, ILIKE over unaccent`, n));
        worst = Math.max(worst, o.p95);
        figures.push(`${reader.label} p95 ${ms(o.p95)} ms (peer ${ms(n.p95)} ms, ${ratio(n.p95 / o.p95)})`);
      }
      log();
      log(`search: ${QUERIES.length} queries typed without accents, a page of ${SEARCH_PAGE} newest with passages, × ${runs} over HTTP; the peer ${PEER_QUERIES.length} of them × ${PEER_RUNS} in-process, stopped at ${PEER_TIMEOUT_MS / 1000} s (then a floor)`);
      log(table(['who', 'typed', 'hits', 'hub p50 ms', 'peer ms'], perQuery, new Set([2, 3, 4])));
      log();
      log(table(['search', 'queries', 'p50 ms', 'p95 ms', 'max ms'], rows, new Set([1, 2, 3, 4])));
      const ok = worst < SEARCH_GOAL_MS;
      log(goal('hub-search-desk-p95', `${figures.join('; ')} at ${size} documents`, `< ${SEARCH_GOAL_MS} ms p95`, ok));
      pass &&= ok;
    }

    if (parts.feed) {
      const desks: Desk[] = [];
      for (const specialist of agency.specialists) desks.push({ ...(await session(pool, specialist.id)), unit: specialist.unitId });
      log();
      pass = (await measureFeed({ pool, connection, desks, units: agency.units, urls })) && pass;
    }
    log(`loadavg at the end ${loadavg()}`);
    return pass;
  });
}
