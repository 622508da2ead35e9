/**
 * `directory`: a first sync of the national-size directory from the reference axis (through the
 * real HTTP client) into a fresh store, then name/code search latency over it, side by side with
 * the naive peer (`LIKE '%…%'`) on the same database.
 */
import path from 'node:path';
import { generateDirectory } from '../axis/directory.js';
import { startTemporaryAxis } from '../axis/testing.js';
import type { VxpSyncUnitRow } from '../shared/axis/vxp.js';
import { foldText } from '../shared/text/fold.js';
import type { AxisClient } from '../electron/core/exchange/axis-client/types.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { pullAgencyDirectory } from '../electron/core/exchange/directory-sync.js';
import { searchAgencies } from '../electron/core/store/agencies.js';
import { agencyMatchQuery } from '../electron/core/store/agency-search-text.js';
import { openDatabase, writeTransaction, type Db } from '../electron/core/store/database.js';
import { sqliteExchangeStore } from '../electron/core/store/sqlite-exchange-store.js';
import { goal, log, ms, nowMs, ratio, summarize, table, withTempDir, type BenchOptions } from './lib.js';

const SYNC_GOAL_MS = 10_000;
const SEARCH_GOAL_MS = 20;
const PAGE = 50;

/** What a clerk types (accent-less), and the accented text the naive LIKE peer has to be given. */
interface Query {
  typed: string;
  like: string;
}

const TYPICAL_QUERIES: Query[] = [
  { typed: 'so y te', like: 'Sở Y tế' },
  { typed: 'ubnd huyen', like: 'UBND huyện' },
  { typed: 'ubnd xa', like: 'UBND xã' },
  { typed: 'ubnd tinh', like: 'UBND tỉnh' },
  { typed: 'phong giao duc', like: 'Phòng Giáo dục' },
  { typed: 'phong tai chinh', like: 'Phòng Tài chính' },
  { typed: 'so noi vu nghe an', like: 'Sở Nội vụ tỉnh Nghệ An' },
  { typed: 'truong tieu hoc', like: 'Trường Tiểu học' },
  { typed: 'truong mam non', like: 'Trường Mầm non' },
  { typed: 'tram y te', like: 'Trạm Y tế' },
  { typed: 'hop tac xa', like: 'Hợp tác xã' },
  { typed: 'quy tin dung', like: 'Quỹ Tín dụng' },
  { typed: 'trung tam luu tru', like: 'Trung tâm Lưu trữ' },
  { typed: 'van phong', like: 'Văn phòng' },
  { typed: 'thanh tra', like: 'Thanh tra' },
  { typed: 'bo y te', like: 'Bộ Y tế' },
  // Ranked by the name's start and the hierarchy too (the ministry before its units, the district before its communes).
  { typed: 'bo tai chinh', like: 'Bộ Tài chính' },
  { typed: 'ubnd huyen dien chau', like: 'UBND huyện Diễn Châu' },
  { typed: 'cuc chuyen doi so', like: 'Cục Chuyển đổi số' },
  { typed: 'ha noi', like: 'Hà Nội' },
  { typed: 'nghe an', like: 'Nghệ An' },
  { typed: 'dien chau', like: 'Diễn Châu' },
  // Single words and the first keystrokes of a type-ahead.
  { typed: 'truong', like: 'Trường' },
  { typed: 'phong', like: 'Phòng' },
  { typed: 'ubnd', like: 'UBND' },
  { typed: 'quang', like: 'Quảng' },
  { typed: 'tr', like: 'Tr' },
  // Codes.
  { typed: '000.00.3', like: '000.00.3' },
  { typed: 'H41', like: 'H41' },
  { typed: '000.00.12.H41', like: '000.00.12.H41' },
];

export async function directoryBench(options: BenchOptions): Promise<boolean> {
  log(`== directory: first sync of ${options.agencies} agencies from the reference axis, then search`);
  const axis = await startTemporaryAxis();
  try {
    const generating = nowMs();
    const added = generateDirectory(axis.server.store, options.agencies - axis.agencies.length, options.seed);
    log(`setup: reference axis at ${axis.server.url}, ${added + axis.agencies.length} agencies generated in ${ms(nowMs() - generating)} ms (not measured)`);
    const self = axis.agencies[1]!;
    const client = createVxpClient({ baseUrl: axis.server.url, systemId: self.code, secret: self.secret });

    return await withTempDir('vanthu-bench-directory-', async (dir) => {
      const db = openDatabase(path.join(dir, 'vanthu.sqlite'));
      try {
        const sync = await timeFirstSync(db, client);
        const floorMs = await withTempDir('vanthu-bench-floor-', async (floorDir) => plainInsertMs(path.join(floorDir, 'floor.sqlite'), sync.rows));
        const localMs = sync.totalMs - sync.fetchMs;
        log();
        log(
          table(
            ['first directory sync', 'rows', 'time ms', 'rows/s'],
            [
              ['ours: pullAgencyDirectory, total', String(sync.applied), ms(sync.totalMs), rate(sync.applied, sync.totalMs)],
              ['  of which /getSynchronizeUnit (axis + HTTP + JSON)', String(sync.rows.length), ms(sync.fetchMs), rate(sync.rows.length, sync.fetchMs)],
              ['  of which local apply (rows + FTS + cursor, batches of 2000)', String(sync.applied), ms(localMs), rate(sync.applied, localMs)],
              ['floor: same rows, one transaction, plain INSERT, no search index', String(sync.rows.length), ms(floorMs), rate(sync.rows.length, floorMs)],
            ],
            new Set([1, 2, 3]),
          ),
        );
        log(`ratio local apply / floor: ${ratio(localMs / floorMs)}`);

        const search = searchBench(db, options);
        const syncPass = sync.totalMs < SYNC_GOAL_MS && sync.applied === options.agencies;
        const searchPass = search.ours.p95 < SEARCH_GOAL_MS;
        log();
        log(goal('directory-sync', `${ms(sync.totalMs)} ms for ${sync.applied} rows`, `< ${SYNC_GOAL_MS / 1000} s`, syncPass));
        log(goal('directory-search', `p95 ${ms(search.ours.p95)} ms, max ${ms(search.ours.max)} ms`, `< ${SEARCH_GOAL_MS} ms p95`, searchPass));
        return syncPass && searchPass;
      } finally {
        db.close();
      }
    });
  } finally {
    await axis.dispose();
  }
}

const rate = (count: number, timeMs: number) => (count / (timeMs / 1000)).toFixed(0);

interface SyncTiming {
  totalMs: number;
  fetchMs: number;
  applied: number;
  rows: VxpSyncUnitRow[];
}

async function timeFirstSync(db: Db, client: AxisClient): Promise<SyncTiming> {
  let fetchMs = 0;
  let rows: VxpSyncUnitRow[] = [];
  const timed: AxisClient = {
    ...client,
    syncUnits: async (since) => {
      const started = nowMs();
      const page = await client.syncUnits(since);
      fetchMs += nowMs() - started;
      rows = page.rows;
      return page;
    },
  };
  const started = nowMs();
  const applied = await pullAgencyDirectory(sqliteExchangeStore(db), timed, () => {});
  const totalMs = nowMs() - started;
  const stored = (db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n;
  if (stored !== applied) throw new Error(`pullAgencyDirectory reported ${applied} rows but the store holds ${stored}`);
  return { totalMs, fetchMs, applied, rows };
}

/** The least a local apply can cost: the same rows into the same table, one transaction, no search index. */
async function plainInsertMs(file: string, rows: readonly VxpSyncUnitRow[]): Promise<number> {
  const db = openDatabase(file);
  try {
    const started = nowMs();
    const insert = db.prepare('INSERT INTO agencies (id, code_qd20, parent_id, name, email, directory_version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const at = new Date().toISOString();
    writeTransaction(db, () => {
      for (const row of rows) insert.run(row.code, row.codeQd20, row.pid, row.name, row.mail, row.version, at);
    });
    return nowMs() - started;
  } finally {
    db.close();
  }
}

/** Two-word commune names from the generated data ("UBND xã Quỳnh Đông, huyện …" → "Quỳnh Đông"). */
function namesFromData(db: Db, count: number): Query[] {
  const rows = db.prepare("SELECT name FROM agencies WHERE name LIKE 'UBND xã %,%' ORDER BY seq").all() as { name: string }[];
  const picked: Query[] = [];
  const seen = new Set<string>();
  for (let i = 0; picked.length < count && i < rows.length; i += Math.max(1, Math.floor(rows.length / (count * 2)))) {
    const words = /^UBND xã ([^,]+),/.exec(rows[i]!.name)?.[1]?.split(' ');
    if (!words || words.length < 2) continue;
    const like = words.slice(0, 2).join(' ');
    if (seen.has(like)) continue;
    seen.add(like);
    picked.push({ typed: foldText(like), like });
  }
  return picked;
}

interface SearchResult {
  ours: ReturnType<typeof summarize>;
  naive: ReturnType<typeof summarize>;
}

function searchBench(db: Db, options: BenchOptions): SearchResult {
  const countMs = (typed: string) => {
    const started = nowMs();
    db.prepare('SELECT count(*) AS total FROM agencies_fts WHERE agencies_fts MATCH ?').get(agencyMatchQuery(typed));
    return nowMs() - started;
  };
  const queries = [...TYPICAL_QUERIES, ...namesFromData(db, 4)];
  const naive = (like: string) => {
    const pattern = `%${like}%`;
    const rows = db
      .prepare('SELECT * FROM agencies WHERE name LIKE ? COLLATE NOCASE OR id LIKE ? COLLATE NOCASE ORDER BY name COLLATE NOCASE, id LIMIT ?')
      .all(pattern, pattern, PAGE);
    const { total } = db.prepare('SELECT count(*) AS total FROM agencies WHERE name LIKE ? COLLATE NOCASE OR id LIKE ? COLLATE NOCASE').get(pattern, pattern) as {
      total: number;
    };
    return { rows, total };
  };
  // What the ranking adds: the same FTS window ordered by bm25 alone, without name start, hierarchy or parents.
  const bm25Only = (typed: string) => {
    const match = agencyMatchQuery(typed);
    return db
      .prepare(
        `WITH hits AS (SELECT rowid, rank FROM agencies_fts WHERE agencies_fts MATCH ? LIMIT 2000)
         SELECT agencies.* FROM hits JOIN agencies ON agencies.seq = hits.rowid ORDER BY hits.rank, agencies.name LIMIT ?`,
      )
      .all(match, PAGE);
  };
  const allOurs: number[] = [];
  const allBm25: number[] = [];
  const allNaive: number[] = [];
  const perQuery: string[][] = [];
  for (const query of queries) {
    const oursHits = searchAgencies(db, query.typed, PAGE, 0).total;
    const naiveHits = naive(query.like).total;
    const oursTimes: number[] = [];
    const naiveTimes: number[] = [];
    for (let i = 0; i < options.repeat; i++) {
      let started = nowMs();
      searchAgencies(db, query.typed, PAGE, 0);
      oursTimes.push(nowMs() - started);
      started = nowMs();
      bm25Only(query.typed);
      // The count is the same query in both: add ours' share so the two compare like for like.
      allBm25.push(nowMs() - started + countMs(query.typed));
      started = nowMs();
      naive(query.like);
      naiveTimes.push(nowMs() - started);
    }
    allOurs.push(...oursTimes);
    allNaive.push(...naiveTimes);
    const o = summarize(oursTimes);
    const n = summarize(naiveTimes);
    perQuery.push([query.typed, String(oursHits), ms(o.p50), ms(o.max), query.like, String(naiveHits), ms(n.p50), ms(n.max)]);
  }
  const ours = summarize(allOurs);
  const bm25Peer = summarize(allBm25);
  const naivePeer = summarize(allNaive);
  log();
  log(`search: ${queries.length} queries × ${options.repeat} runs (after one warm-up each), page of ${PAGE} + total count, over ${db.prepare('SELECT count(*) AS n FROM agencies').pluck().get() as number} agencies`);
  log('ours = searchAgencies (FTS5 over folded name + codes, every word a prefix, any order; ranked by name start,');
  log('       level in the hierarchy, bm25; with the names of up to three parents)');
  log("naive = name LIKE '%…%' COLLATE NOCASE OR id LIKE '%…%', ORDER BY name. LIKE cannot fold Vietnamese marks (and");
  log('        folds case for ASCII only), so the naive peer is given the accented text as it is in the data, as one phrase.');
  log();
  log(table(['typed (ours)', 'hits', 'p50 ms', 'max ms', 'LIKE text (naive)', 'hits', 'p50 ms', 'max ms'], perQuery, new Set([1, 2, 3, 5, 6, 7])));
  log();
  log(
    table(
      ['search, all runs', 'runs', 'p50 ms', 'p95 ms', 'max ms'],
      [
        ['ours (searchAgencies)', String(ours.count), ms(ours.p50), ms(ours.p95), ms(ours.max)],
        ['bm25 only (same window, no ranking by name start or level, no parents)', String(bm25Peer.count), ms(bm25Peer.p50), ms(bm25Peer.p95), ms(bm25Peer.max)],
        ['naive (LIKE %…%)', String(naivePeer.count), ms(naivePeer.p50), ms(naivePeer.p95), ms(naivePeer.max)],
      ],
      new Set([1, 2, 3, 4]),
    ),
  );
  log(`ratio naive p95 / ours p95: ${ratio(naivePeer.p95 / ours.p95)}   (p50: ${ratio(naivePeer.p50 / ours.p50)})`);
  log(`ratio ours p95 / bm25 only p95 (what ranking and parents cost): ${ratio(ours.p95 / bm25Peer.p95)}   (p50: ${ratio(ours.p50 / bm25Peer.p50)})`);
  for (const typed of ['bo tai chinh', 'ubnd huyen dien chau']) {
    const first = searchAgencies(db, typed, 3, 0).rows.map((row) => [row.name, ...row.parents].join(' < '));
    log(`first results for "${typed}": ${first.join(' | ')}`);
  }
  return { ours, naive: naivePeer };
}
