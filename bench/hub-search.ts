/**
 * `npm run bench -- hub-search [--sizes N] [--repeat N]`: which PostgreSQL index the hub's
 * accent-less content search stands on, measured on one private cluster in the same run:
 *   store: the hub's own searchContent (hub/store/content-search.ts) on its schema (migration
 *       060), pg_trgm GIN over the folded words, passages included; and its query alone, ids only;
 *   (a) a 'simple' tsvector of the same folded words + GIN, phrase queries (ids only);
 *   (c) the naive peer: the store's LIKE with no index at all (a sequential scan, ids only).
 * The documents' texts are generated (seeded, so every run sees the same ones): a header in the
 * phrasing of real documents (scripts/seed/phrasing.ts) and a body of 20 to 400 words drawn from
 * several dozen sentence shapes about 30 topics, with people, places, dates and document numbers,
 * so that some words are in nearly every document and others in a handful.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { between, mulberry32, pick as pickWith } from '../axis/directory.js';
import { PrivateCluster } from '../hub/postgres/private-cluster.js';
import { ensureDatabase, openPool } from '../hub/store/database.js';
import { contentCondition, foldedIndexText, searchContent } from '../hub/store/content-search.js';
import { migrateHub } from '../hub/store/migrations/index.js';
import { typedRuns } from '../shared/text/passage.js';
import { DOCUMENT_TYPES, personName, POSITIONS, subjectFor, summaryFor, TOPICS } from '../scripts/seed/phrasing.js';
import { goal, log, mib, ms, nowMs, ratio, summarize, table, type BenchOptions } from './lib.js';

const PAGE = 20;
const BATCH = 10_000;
const NAIVE_RUNS = 2;
const TARGET_MS = 100;

/** The query mix, typed without accents as a clerk does; `kind` is for the table only. */
const QUERIES: ReadonlyArray<readonly [kind: string, typed: string]> = [
  ['1 word, common', 'kinh'],
  ['1 word, mid', 'khen'],
  ['1 word, rare (a number)', '4521'],
  ['1 word, very rare', 'x47311'],
  ['2 words', 'tuyen dung'],
  ['2 words, rare+common', 'ea don'],
  ['2 words, person', 'nguyen hung'],
  ['phrase (notation)', '1234/qd-ubnd'],
  ['phrase (topic)', 'giai-ngan-von-dau-tu-cong'],
  ['phrase, common', 'ngan-sach-nha-nuoc'],
  ['3 words mixed', 'chuyen doi so'],
  ['no match', 'zzqxv'],
];

const PROVINCES = ['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế', 'Quảng Ninh', 'Lào Cai', 'Điện Biên', 'Lai Châu', 'Sơn La', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Quảng Trị', 'Quảng Ngãi', 'Gia Lai', 'Đắk Lắk', 'Khánh Hòa', 'Lâm Đồng', 'Đồng Nai', 'Tây Ninh', 'Vĩnh Long', 'Đồng Tháp', 'An Giang', 'Cà Mau', 'Tuyên Quang', 'Cao Bằng', 'Lạng Sơn', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên', 'Ninh Bình'];
/** Syllables of commune and village names: two of them make a name, so most names are rare. */
const SYLLABLES = ['An', 'Bình', 'Cát', 'Đông', 'Ea', 'Gia', 'Hòa', 'Khê', 'Lạc', 'Mỹ', 'Na', 'Phú', 'Quang', 'Tân', 'Trà', 'Vĩnh', 'Xuân', 'Yên', 'Thạch', 'Sơn', 'Lộc', 'Thuận', 'Hưng', 'Long', 'Kroa', 'Pơng', 'Chư', 'Mường', 'Nậm', 'Pác'];
const SENTENCES: ReadonlyArray<(s: Slots) => string> = [
  (s) => `Để triển khai có hiệu quả ${s.topic}, đề nghị các đơn vị chủ động xây dựng kế hoạch cụ thể và phân công cán bộ phụ trách.`,
  (s) => `Các cơ quan, đơn vị tổng hợp kết quả thực hiện ${s.topic} và gửi báo cáo về Văn phòng trước ngày ${s.day}/${s.month}/${s.year}.`,
  (s) => `Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh kịp thời về ${s.province} để xem xét, giải quyết.`,
  () => 'Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác.',
  () => 'Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm thi hành văn bản này kể từ ngày ký.',
  (s) => `Số liệu thống kê quý được tổng hợp theo biểu mẫu kèm theo Công văn số ${s.number}/UBND-VX, bảo đảm đầy đủ, chính xác.`,
  (s) => `Giao ${s.position} xã ${s.commune} chủ trì, phối hợp với các phòng chuyên môn theo dõi, đôn đốc việc thực hiện.`,
  (s) => `Căn cứ Quyết định số ${s.number}/QĐ-UBND ngày ${s.day}/${s.month}/${s.year} của Ủy ban nhân dân tỉnh ${s.province};`,
  (s) => `Hội nghị tổng kết ${s.topic} được tổ chức tại hội trường thôn ${s.commune} vào lúc 8 giờ 00 ngày ${s.day}/${s.month}.`,
  (s) => `Đồng chí ${s.person}, ${s.position}, trực tiếp chỉ đạo và chịu trách nhiệm trước Chủ tịch UBND tỉnh.`,
  (s) => `Hồ sơ gồm tờ khai, bản sao giấy tờ tùy thân và mã hồ sơ X${s.code}, nộp qua Cổng dịch vụ công trực tuyến.`,
  () => 'Yêu cầu các đơn vị nghiêm túc thực hiện, không để xảy ra tình trạng chậm trễ, né tránh, đùn đẩy trách nhiệm.',
  (s) => `Khen thưởng tập thể, cá nhân có thành tích xuất sắc trong ${s.topic} giai đoạn ${s.year - 5}-${s.year}.`,
  (s) => `Tuyển dụng ${s.day} chỉ tiêu viên chức làm việc tại Trung tâm ${s.commune}, thời hạn nhận hồ sơ đến hết tháng ${s.month}.`,
  (s) => `Giải ngân vốn đầu tư công đạt ${s.day + 40}% kế hoạch, thấp hơn cùng kỳ năm ${s.year - 1}.`,
  () => 'Tăng cường công tác thanh tra, kiểm tra, xử lý nghiêm các hành vi vi phạm theo quy định của pháp luật.',
];

interface Slots {
  topic: string;
  province: string;
  commune: string;
  person: string;
  position: string;
  number: number;
  code: number;
  day: number;
  month: number;
  year: number;
}

/** One generated document: its header fields (subject, summary, signer) and the body of its file. */
export function documentTextGenerator(seed: number): () => { header: string; body: string } {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => pickWith(items, random);
  const weighted = DOCUMENT_TYPES.flatMap(([name, , weight]) => Array<string>(weight).fill(name));
  return () => {
    const year = between(random, 2018, 2026);
    const topic = pick(TOPICS);
    const slots = (): Slots => ({
      topic: random() < 0.7 ? topic : pick(TOPICS),
      province: pick(PROVINCES),
      commune: `${pick(SYLLABLES)} ${pick(SYLLABLES)}`,
      person: personName(pick),
      position: pick(POSITIONS),
      number: between(random, 1, 9999),
      code: between(random, 10_000, 99_999),
      day: between(random, 1, 28),
      month: between(random, 1, 12),
      year,
    });
    const type = pick(weighted);
    const parts = [subjectFor(type, topic, year, pick), summaryFor(`UBND tỉnh ${pick(PROVINCES)}`, topic, pick), `${pick(POSITIONS)} ${personName(pick)}`];
    if (random() < 0.8) parts.push('Kính gửi: các sở, ban, ngành và Ủy ban nhân dân các huyện.');
    // A skewed length: most documents are a page, a few are long reports.
    const sentences = random() < 0.9 ? between(random, 1, 8) : between(random, 10, 25);
    const body: string[] = [];
    // Long ones run over pages (form feeds, as the file texts are kept).
    for (let n = 0; n < sentences; n++) body.push(`${n > 0 && n % 8 === 0 ? '\f' : ''}${pick(SENTENCES)(slots())}`);
    return { header: parts.join('\n'), body: body.join('\n') };
  };
}

/** The store's condition, ids only, over `table` (id column `id`, words column `words`). */
const withCondition = (pool: pg.Pool, table: string, id: string) => async (typed: string) => {
  const condition = contentCondition(typed)!;
  return (await pool.query(`SELECT ${id} FROM ${table} WHERE ${condition.sql} ORDER BY ${id} DESC LIMIT ${PAGE + 1}`, condition.params)).rowCount ?? 0;
};

/** Every typed chunk as a phrase of its folded words, ids only. */
const withTsQuery = (pool: pg.Pool) => async (typed: string) => {
  const runs = typedRuns(typed).map((run) => run.join(' '));
  const query = runs.map((_, i) => `phraseto_tsquery('simple', $${i + 1})`).join(' && ');
  return (await pool.query(`SELECT id FROM bench_texts WHERE tsv @@ (${query}) ORDER BY id DESC LIMIT ${PAGE + 1}`, runs)).rowCount ?? 0;
};

/** Each query's hits (rows returned) and `runs` timings of it. */
async function timeQueries(runs: number, run: (typed: string) => Promise<number>): Promise<{ perQuery: number[][]; hits: number[] }> {
  const perQuery: number[][] = [];
  const hits: number[] = [];
  for (const [, typed] of QUERIES) {
    hits.push(await run(typed));
    const samples: number[] = [];
    for (let r = 0; r < runs; r++) {
      const started = nowMs();
      await run(typed);
      samples.push(nowMs() - started);
    }
    perQuery.push(samples);
  }
  return { perQuery, hits };
}

/** Through the store itself: the ids of a page and their passages, as the hub answers. */
const throughStore = (pool: pg.Pool) => async (typed: string) => {
  const page = await searchContent(pool, { query: typed, beforeId: null, limit: PAGE, onlyIds: null });
  return page.rows.length + (page.next ? 1 : 0);
};

async function relationBytes(pool: pg.Pool, name: string): Promise<number> {
  return Number((await pool.query<{ size: string }>('SELECT pg_relation_size($1) AS size', [name])).rows[0]!.size);
}

async function timedStep(label: string, work: () => Promise<unknown>): Promise<number> {
  const started = nowMs();
  await work();
  const seconds = (nowMs() - started) / 1000;
  log(`setup: ${label} in ${seconds.toFixed(1)} s`);
  return seconds;
}

export async function hubSearchBench(options: BenchOptions): Promise<boolean> {
  const size = options.sizes[options.sizes.length - 1]!;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-pg-'));
  const cluster = new PrivateCluster({ dir: path.join(dir, 'postgres'), passwordFile: path.join(dir, 'postgres-password'), durable: false });
  await cluster.start();
  let pool: pg.Pool | null = null;
  try {
    const admin = await openPool(await cluster.connection('postgres'));
    await ensureDatabase(admin, 'bench');
    await admin.end();
    pool = await openPool({ ...(await cluster.connection('bench')), max: 2 });
    const db = pool;
    log(`hub search: ${size} documents on PostgreSQL ${(await db.query('SHOW server_version')).rows[0].server_version} (a private cluster with default settings), loadavg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    // The hub's own schema for (a); the GIN index is made after the load, as a restore would.
    await migrateHub(db);
    await db.query('DROP INDEX document_texts_words');
    await db.query('CREATE TABLE bench_texts (id integer PRIMARY KEY, words text NOT NULL)');
    const next = documentTextGenerator(options.seed);
    let bytes = 0;
    let tsLoad = 0;
    await timedStep(`${size} documents generated, folded and inserted (unnest batches of ${BATCH})`, async () => {
      for (let start = 1; start <= size; start += BATCH) {
        const ids: number[] = [];
        const headers: string[] = [];
        const bodies: string[] = [];
        const indexed: string[] = [];
        const folded: string[] = [];
        for (let id = start; id < Math.min(start + BATCH, size + 1); id++) {
          const { header, body } = next();
          ids.push(id);
          headers.push(header);
          bodies.push(body);
          indexed.push(foldedIndexText(header, body));
          folded.push(indexed[indexed.length - 1]!);
          bytes += folded[folded.length - 1]!.length;
        }
        await db.query("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) SELECT id, 'incoming', subject, 'arrived', now(), now() FROM unnest($1::int[], $2::text[]) AS t (id, subject)", [ids, headers]);
        const started = nowMs();
        await db.query("INSERT INTO document_texts (document_id, body, words, indexed_at) SELECT id, body, words, now() FROM unnest($1::int[], $2::text[], $3::text[]) AS t (id, body, words)", [ids, bodies, indexed]);
        tsLoad += (nowMs() - started) / 1000;
        await db.query('INSERT INTO bench_texts SELECT * FROM unnest($1::int[], $2::text[])', [ids, folded]);
      }
      await db.query('VACUUM ANALYZE');
    });
    log(`setup: ${mib(bytes)} of folded text, ${(bytes / size).toFixed(0)} characters a document on average; of the load, ${tsLoad.toFixed(1)} s went to document_texts`);

    // (c) first, while bench_texts has no index on the text.
    const naive = await timeQueries(NAIVE_RUNS, withCondition(db, 'bench_texts', 'id'));
    log(`measured: (c) naive LIKE without index, × ${NAIVE_RUNS} a query`);

    await db.query("SET maintenance_work_mem = '256MB'");
    const trgmBuild =
      tsLoad +
      (await timedStep('store: pg_trgm GIN on document_texts.words built', async () => {
        await db.query('CREATE INDEX document_texts_words ON document_texts USING gin (words gin_trgm_ops)');
        await db.query('ANALYZE document_texts');
      }));
    const trgmIndex = await relationBytes(db, 'document_texts_words');
    const store = await timeQueries(options.repeat, throughStore(db));
    log(`measured: store searchContent (pg_trgm GIN, passages included), × ${options.repeat} a query`);
    const trgm = await timeQueries(options.repeat, withCondition(db, 'document_texts', 'document_id'));
    log(`measured: store query, ids only, × ${options.repeat} a query`);

    const tsBuild = await timedStep("(a) tsvector column ('simple') + GIN built", async () => {
      await db.query("ALTER TABLE bench_texts ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED");
      await db.query('CREATE INDEX bench_texts_tsv ON bench_texts USING gin (tsv)');
      await db.query('VACUUM ANALYZE bench_texts');
    });
    const tsIndex = await relationBytes(db, 'bench_texts_tsv');
    const ts = await timeQueries(options.repeat, withTsQuery(db));
    log(`measured: (a) tsvector + GIN, ids only, × ${options.repeat} a query`);

    log();
    log(`per query, ms (page of ${PAGE} newest; hits = rows returned, at most ${PAGE + 1}; store = searchContent with passages)`);
    const p = (samples: number[] | undefined) => (samples ? ms(summarize(samples).p50) : '-');
    log(
      table(
        ['query', 'typed', 'hits trgm/ts/naive', 'store p50', 'trgm ids p50', 'ts ids p50', 'naive p50'],
        QUERIES.map(([kind, typed], i) => [kind, typed, `${trgm.hits[i]}/${ts.hits[i]}/${naive.hits[i]}`, p(store.perQuery[i]), p(trgm.perQuery[i]), p(ts.perQuery[i]), p(naive.perQuery[i])]),
        new Set([3, 4, 5, 6]),
      ),
    );
    const all = (result: { perQuery: number[][] }) => summarize(result.perQuery.flat());
    const ours = all(store);
    const b = all(trgm);
    const a = all(ts);
    const c = all(naive);
    log();
    log(
      table(
        [`all runs at ${size}`, 'runs', 'p50 ms', 'p95 ms', 'max ms', 'build s', 'index size'],
        [
          ['store: pg_trgm GIN (searchContent)', String(ours.count), ms(ours.p50), ms(ours.p95), ms(ours.max), trgmBuild.toFixed(0), mib(trgmIndex)],
          ['store query, ids only', String(b.count), ms(b.p50), ms(b.p95), ms(b.max), trgmBuild.toFixed(0), mib(trgmIndex)],
          ['(a) tsvector + GIN, ids only', String(a.count), ms(a.p50), ms(a.p95), ms(a.max), tsBuild.toFixed(0), mib(tsIndex)],
          ['(c) naive LIKE, no index', String(c.count), ms(c.p50), ms(c.p95), ms(c.max), '-', '-'],
        ],
        new Set([1, 2, 3, 4, 5, 6]),
      ),
    );
    log(`tables: document_texts ${mib(await relationBytes(db, 'document_texts'))} (body + folded words), bench_texts ${mib(await relationBytes(db, 'bench_texts'))} (folded words + tsvector); loadavg now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    log(`ratio naive / store: p50 ${ratio(c.p50 / ours.p50)}, p95 ${ratio(c.p95 / ours.p95)}; ids only, tsvector / trgm: p50 ${ratio(a.p50 / b.p50)}, p95 ${ratio(a.p95 / b.p95)}`);
    log(goal('hub-search-p95', `${ms(ours.p95)} ms at ${size} documents, pg_trgm GIN, ${ratio(c.p95 / ours.p95)} faster than naive`, `< ${TARGET_MS} ms`, ours.p95 < TARGET_MS));
    return ours.p95 < TARGET_MS;
  } finally {
    await pool?.end();
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
