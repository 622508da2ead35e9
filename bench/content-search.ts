/**
 * The content half of `search`: the words of each document's file (what the text layer or OCR
 * gave) searched through content_fts, beside a naive peer (LIKE '%…%' over a folded copy of the
 * same texts, newest first) and the header search over the same words, on the same database.
 * The seeded documents share one sample PDF, so each gets a text of its own here (about 150
 * words of administrative prose around its topic) before anything is measured.
 */
import { between, mulberry32, pick as pickWith } from '../axis/directory.js';
import { SEARCH_COUNT_CAP } from '../shared/api/document-search.js';
import { foldText } from '../shared/text/fold.js';
import { writeTransaction, type Db } from '../electron/core/store/database.js';
import { searchContent } from '../electron/core/store/content-search.js';
import { searchDocuments } from '../electron/core/store/document-search.js';
import { FOLD_FUNCTION } from '../electron/core/store/fts-text.js';
import { personName, TOPICS } from '../scripts/seed/phrasing.js';
import { log, ms, nowMs, ratio, summarize, table, timed, type Summary } from './lib.js';

const PAGE = 20;
const NAIVE_RUNS = 3;
const BATCH = 20_000;

export const CONTENT_QUERIES = [
  'tuyen dung vien chuc',
  'giai ngan von dau tu cong',
  'chuyen doi so',
  'an toan thuc pham',
  'de nghi cac don vi',
  'ngan sach nha nuoc',
  'kinh gui',
  'hoi nghi tong ket',
  'phong chay chua chay',
  'thoi han bao cao',
  'nguyen van hung',
  'so lieu thong ke quy',
  // In no text: what a clerk types when he misremembers, or a number no document holds. Neither
  // search can stop early; every text must be ruled out.
  'x47311',
  'zzqxv',
];

const OPENINGS = ['Kính gửi: các sở, ban, ngành và Ủy ban nhân dân các huyện.', 'Căn cứ Luật Tổ chức chính quyền địa phương;', 'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh;', 'Xét đề nghị của Giám đốc Sở Nội vụ;'];
const SENTENCES = [
  (topic: string) => `Để triển khai có hiệu quả ${topic}, đề nghị các đơn vị chủ động xây dựng kế hoạch cụ thể và phân công cán bộ phụ trách.`,
  (topic: string) => `Các cơ quan, đơn vị tổng hợp kết quả thực hiện ${topic} và gửi báo cáo về Văn phòng trước thời hạn quy định.`,
  (topic: string) => `Trong quá trình thực hiện ${topic}, nếu có khó khăn, vướng mắc, đề nghị phản ánh kịp thời để xem xét, giải quyết.`,
  () => 'Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác.',
  () => 'Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm thi hành văn bản này kể từ ngày ký.',
  () => 'Số liệu thống kê quý được tổng hợp theo biểu mẫu kèm theo, bảo đảm đầy đủ, chính xác và đúng thời hạn báo cáo.',
  () => 'Văn phòng chủ trì, phối hợp với các phòng chuyên môn theo dõi, đôn đốc và tổng hợp tình hình thực hiện.',
  () => 'Hội nghị tổng kết được tổ chức vào cuối năm để đánh giá kết quả và đề ra nhiệm vụ trọng tâm năm tiếp theo.',
];

/** Gives every document with a file a text of its own (once: a kept data dir has them already). */
export function seedContentTexts(db: Db, seed: number): void {
  if ((db.prepare("SELECT count(*) FROM blob_texts WHERE state = 'done'").pluck().get() as number) > 0) return;
  const random = mulberry32(seed ^ 0x5eed);
  const pick = <T>(items: readonly T[]): T => pickWith(items, random);
  const firstFiles = db.prepare('SELECT document_id, min(id) AS attachment FROM attachments GROUP BY document_id ORDER BY document_id').all() as { document_id: number; attachment: number }[];
  const insertText = db.prepare("INSERT INTO blob_texts (sha256, state, source, pages_total, pages_done, body, updated_at) VALUES (?, 'done', 'ocr', 1, 1, ?, '2026-01-01T00:00:00Z')");
  const point = db.prepare('UPDATE attachments SET sha256 = ? WHERE id = ?');
  // The seeded sample PDF is queued for reading like any PDF; here its text is what the bench gives.
  db.prepare("DELETE FROM blob_texts WHERE state = 'queued'").run();
  for (let start = 0; start < firstFiles.length; start += BATCH) {
    writeTransaction(db, () => {
      for (const { document_id: id, attachment } of firstFiles.slice(start, start + BATCH)) {
        const topic = pick(TOPICS);
        const lines = [pick(OPENINGS)];
        for (let n = between(random, 5, 8); n > 0; n--) lines.push(pick(SENTENCES)(topic));
        lines.push(`Người ký: ${personName(pick)}.`);
        const sha = `e${id.toString(16)}`.padStart(64, '0');
        insertText.run(sha, lines.join('\n'));
        point.run(sha, attachment);
      }
    });
  }
}

function naiveContent(db: Db, typed: string): number[] {
  const chunks = typed.split(/\s+/).filter(Boolean).map((chunk) => `%${foldText(chunk)}%`);
  return db.prepare(`SELECT id FROM naive_content WHERE ${chunks.map(() => 'folded LIKE ?').join(' AND ')} ORDER BY id DESC LIMIT ${PAGE}`).pluck().all(...chunks) as number[];
}

/** Content search latency at this size; the figure for the goal is ours. */
export function contentBench(db: Db, size: number, repeat: number, seed: number): Summary {
  const seeding = nowMs();
  seedContentTexts(db, seed);
  log(`setup: a text per document and its content index in ${((nowMs() - seeding) / 1000).toFixed(1)} s`);
  const folding = nowMs();
  db.exec(`CREATE TEMP TABLE naive_content (id INTEGER PRIMARY KEY, folded TEXT NOT NULL);
    INSERT INTO naive_content (id, folded) SELECT a.document_id, ${FOLD_FUNCTION}(group_concat(t.body, ' ')) FROM attachments a JOIN blob_texts t ON t.sha256 = a.sha256 WHERE t.body IS NOT NULL GROUP BY a.document_id;`);
  log(`setup: naive peer's folded copy of the texts in ${((nowMs() - folding) / 1000).toFixed(1)} s`);
  const ours: number[] = [];
  const naive: number[] = [];
  const header: number[] = [];
  const rows: string[][] = [];
  for (const typed of CONTENT_QUERIES) {
    const found = searchContent(db, { query: typed, beforeId: null, limit: PAGE });
    const o = timed(repeat, () => searchContent(db, { query: typed, beforeId: null, limit: PAGE }));
    const n = timed(NAIVE_RUNS, () => naiveContent(db, typed));
    const h = timed(repeat, () => searchDocuments(db, { query: `${typed} `, filters: {}, cursor: null, limit: PAGE }));
    ours.push(...o);
    naive.push(...n);
    header.push(...h);
    const count = found.total ? `${found.total.count}${found.total.capped ? '+' : ''}` : '?';
    rows.push([typed, count, ms(summarize(o).p50), ms(summarize(o).p95), ms(summarize(n).p50), ms(summarize(h).p50), ratio(summarize(n).p50 / summarize(o).p50)]);
  }
  log();
  log(`content search over ${size} documents: ${CONTENT_QUERIES.length} queries typed without accents, ours × ${repeat}, naive × ${NAIVE_RUNS}; a page of ${PAGE} with passages + the count capped at ${SEARCH_COUNT_CAP}`);
  log('ours   = searchContent: one FTS5 MATCH on content_fts (folded words), newest first, passages found in the page\'s texts');
  log("naive  = every chunk as LIKE '%…%' over a folded copy of the same texts (no index), newest first");
  log('header = the header search (searchDocuments) over the same words, for scale: it does not see the texts');
  log();
  log(table(['typed', 'hits', 'ours p50', 'ours p95', 'naive p50', 'header p50', 'naive/ours p50'], rows, new Set([1, 2, 3, 4, 5, 6])));
  const o = summarize(ours);
  const n = summarize(naive);
  const h = summarize(header);
  log();
  log(
    table(
      [`all content runs at ${size}`, 'runs', 'p50 ms', 'p95 ms', 'max ms'],
      [
        ['ours (searchContent)', String(o.count), ms(o.p50), ms(o.p95), ms(o.max)],
        ['naive (LIKE over folded texts)', String(n.count), ms(n.p50), ms(n.p95), ms(n.max)],
        ['header search, same words', String(h.count), ms(h.p50), ms(h.p95), ms(h.max)],
      ],
      new Set([1, 2, 3, 4]),
    ),
  );
  log(`ratio naive / ours at ${size}: p50 ${ratio(n.p50 / o.p50)}, p95 ${ratio(n.p95 / o.p95)}`);
  return o;
}
