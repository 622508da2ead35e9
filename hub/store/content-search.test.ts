import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestPostgres } from '../../test/postgres.js';
import { indexDocumentText, indexDocumentTexts, MAX_INDEXED_CHARS, NARROW_WINDOW, RARE_MATCHES, RECENT_WINDOW, reindexDocumentHeader, searchContent, type ContentSearchInput } from './content-search.js';
import { migrateHub } from './migrations/index.js';

const postgres = useTestPostgres();

async function freshHub(): Promise<pg.Pool> {
  const { pool } = await postgres().freshDatabase();
  await migrateHub(pool);
  return pool;
}

async function addDocument(pool: pg.Pool, subject: string, body: string, extra: { number?: string; notation?: string } = {}): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    "INSERT INTO documents (direction, subject, code_number, code_notation, state, created_at, updated_at) VALUES ('incoming', $1, $2, $3, 'arrived', now(), now()) RETURNING id",
    [subject, extra.number ?? null, extra.notation ?? null],
  );
  const id = rows[0]!.id;
  expect(await indexDocumentText(pool, id, body)).toBe(true);
  return id;
}

const find = (pool: pg.Pool, query: string, more: Partial<ContentSearchInput> = {}) =>
  searchContent(pool, { query, beforeId: null, limit: 20, onlyIds: null, ...more });
const ids = async (pool: pg.Pool, query: string, more: Partial<ContentSearchInput> = {}) => (await find(pool, query, more)).rows.map((row) => row.documentId);
const highlighted = (passage: { text: string; highlights: { start: number; end: number }[] }) => passage.highlights.map((h) => passage.text.slice(h.start, h.end));

describe('hub content search', () => {
  it('finds words typed without accents, đ as d, in the file text and the header fields, with the passage highlighted', async () => {
    const pool = await freshHub();
    const decision = await addDocument(pool, 'Về việc phê duyệt kế hoạch', 'Căn cứ Luật Tổ chức chính quyền địa phương;\nQuyết định số 45 về đê điều và Đội quản lý đê.', { number: '45', notation: 'QĐ-UBND' });
    const report = await addDocument(pool, 'Báo cáo quý III', 'Số liệu thống kê quý được tổng hợp.\fTrang hai: quyết toán ngân sách.');
    await addDocument(pool, 'Giấy mời dự hội nghị', 'Kính gửi các đơn vị.');

    expect(await ids(pool, 'quyet dinh')).toEqual([decision]);
    expect(await ids(pool, 'QUYẾT ĐỊNH')).toEqual([decision]);
    expect(await ids(pool, 'de dieu')).toEqual([decision]);
    expect(await ids(pool, 'đe đieu')).toEqual([decision]);
    // Whole words: "quyet" alone is in two documents, "quye" in none.
    expect(await ids(pool, 'quyet')).toEqual([report, decision]);
    expect(await ids(pool, 'quye')).toEqual([]);
    // A chunk is a run of words in order: the notation, in the header fields.
    expect(await ids(pool, '45/qd-ubnd')).toEqual([decision]);
    expect(await ids(pool, 'ubnd-qd')).toEqual([]);
    expect(await ids(pool, 'phe duyet')).toEqual([decision]);

    const hit = (await find(pool, 'quyet dinh')).rows[0]!;
    expect(hit.page).toBe(1);
    expect(highlighted(hit.passage)).toEqual(['Quyết', 'định']);
    const second = (await find(pool, 'quyet toan')).rows[0]!;
    expect(second).toMatchObject({ documentId: report, page: 2 });
    expect(second.passage.text).toBe('Trang hai: quyết toán ngân sách.');
    expect(highlighted(second.passage)).toEqual(['quyết', 'toán']);
    // Found in the header fields only: the passage is theirs.
    const inHeader = (await find(pool, 'phe duyet')).rows[0]!;
    expect(inHeader.page).toBeNull();
    expect(highlighted(inHeader.passage)).toEqual(['phê', 'duyệt']);
  });

  it('pages newest first, and only among the ids it is given', async () => {
    const pool = await freshHub();
    const made: number[] = [];
    for (let i = 0; i < 7; i++) made.push(await addDocument(pool, `Công văn ${i}`, `Đề nghị các đơn vị báo cáo lần ${i}.`));
    const first = await find(pool, 'bao cao', { limit: 3 });
    expect(first.rows.map((row) => row.documentId)).toEqual([made[6], made[5], made[4]]);
    expect(first.next).toEqual({ beforeId: made[4] });
    const second = await find(pool, 'bao cao', { limit: 3, beforeId: first.next!.beforeId });
    expect(second.rows.map((row) => row.documentId)).toEqual([made[3], made[2], made[1]]);
    const last = await find(pool, 'bao cao', { limit: 3, beforeId: second.next!.beforeId });
    expect(last.rows.map((row) => row.documentId)).toEqual([made[0]]);
    expect(last.next).toBeNull();

    expect(await ids(pool, 'bao cao', { onlyIds: [made[1]!, made[5]!, 99_999] })).toEqual([made[5], made[1]]);
    expect(await ids(pool, 'bao cao', { onlyIds: [] })).toEqual([]);
  });

  it('finds documents older than the newest window through the index, pages across it, and for a reader who sees few only his own', async () => {
    const pool = await freshHub();
    await pool.query("INSERT INTO units (code, name) VALUES ('A', 'Phòng A'), ('B', 'Phòng B')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('vanthu', 'Văn thư', 1), ('cv', 'Chuyên viên', 1)");
    await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'clerk'), (2, 'specialist')");
    const oldA = await addDocument(pool, 'Kế hoạch phòng chống lụt bão', 'Gia cố đê điều.');
    const oldB = await addDocument(pool, 'Báo cáo lụt bão', 'Thiệt hại do bão.');
    await addDocument(pool, 'Giấy mời họp', 'Không liên quan.');
    // Far below the newest: neither window by the primary key (every document's, his places') reaches them.
    await pool.query("SELECT setval(pg_get_serial_sequence('documents', 'id'), $1)", [oldB + 2 * Math.max(RECENT_WINDOW, NARROW_WINDOW)]);
    const newA = await addDocument(pool, 'Thông báo lụt bão', 'Sơ tán dân.');
    const newB = await addDocument(pool, 'Công văn về lụt bão', 'Khẩn.');
    await pool.query('INSERT INTO document_grants (document_id, unit_id) VALUES ($1, 1), ($2, 2), ($3, 1), ($4, 2)', [oldA, oldB, newA, newB]);

    expect(await ids(pool, 'lut bao')).toEqual([newB, newA, oldB, oldA]);
    expect(await ids(pool, 'lut bao', { readerId: 1 })).toEqual([newB, newA, oldB, oldA]);
    expect(await ids(pool, 'lut bao', { readerId: 2 })).toEqual([newA, oldA]);
    expect(await ids(pool, 'de dieu', { readerId: 2 })).toEqual([oldA]);
    expect(await ids(pool, 'de dieu', { readerId: 2, onlyIds: [newA] })).toEqual([]);
    // A page that ends across the window, then the next from below it.
    const first = await find(pool, 'lut bao', { readerId: 1, limit: 3 });
    expect(first.rows.map((row) => row.documentId)).toEqual([newB, newA, oldB]);
    expect((await find(pool, 'lut bao', { readerId: 1, limit: 3, beforeId: first.next!.beforeId })).rows.map((row) => row.documentId)).toEqual([oldA]);
  });

  it('a phrase in more documents below the window than RARE_MATCHES is walked to, newest first, for every reader', async () => {
    const pool = await freshHub();
    await pool.query("INSERT INTO units (code, name) VALUES ('A', 'Phòng A')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('vanthu', 'Văn thư', 1), ('cv', 'Chuyên viên', 1)");
    await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'clerk'), (2, 'specialist')");
    const { rows } = await pool.query<{ id: number }>(
      "INSERT INTO documents (direction, subject, state, created_at, updated_at) SELECT 'incoming', 'Báo cáo số ' || n, 'arrived', now(), now() FROM generate_series(1, $1) AS n RETURNING id",
      [RARE_MATCHES + 40],
    );
    const bulk = rows.map((row) => row.id).sort((a, b) => a - b);
    expect(await indexDocumentTexts(pool, bulk.map((documentId) => ({ documentId, text: 'Tình hình lụt bão trong tuần.' })))).toBe(bulk.length);
    // One in three given to the specialist's unit: he sees few of many.
    const his = bulk.filter((_, i) => i % 3 === 0);
    await pool.query('INSERT INTO document_grants (document_id, unit_id) SELECT unnest($1::integer[]), 1', [his]);
    await pool.query("SELECT setval(pg_get_serial_sequence('documents', 'id'), $1)", [bulk.at(-1)! + 2 * Math.max(RECENT_WINDOW, NARROW_WINDOW)]);
    await addDocument(pool, 'Giấy mời họp', 'Không liên quan.');

    const newestFirst = (list: number[]) => [...list].reverse();
    expect(await ids(pool, 'lut bao', { readerId: 1 })).toEqual(newestFirst(bulk).slice(0, 20));
    expect(await ids(pool, 'lut bao', { readerId: 2 })).toEqual(newestFirst(his).slice(0, 20));
    const first = await find(pool, 'lut bao', { readerId: 2, limit: 5 });
    expect((await ids(pool, 'lut bao', { readerId: 2, limit: 5, beforeId: first.next!.beforeId }))).toEqual(newestFirst(his).slice(5, 10));
    expect(await ids(pool, 'lut bao hoa', { readerId: 2 })).toEqual([]);
  });

  it('re-indexing replaces the words: a changed subject is found by its new words only, the body kept', async () => {
    const pool = await freshHub();
    const id = await addDocument(pool, 'Tờ trình cũ', 'Nội dung về tiêm chủng mở rộng.');
    await pool.query("UPDATE documents SET subject = 'Tờ trình mới về đường giao thông' WHERE id = $1", [id]);
    expect(await reindexDocumentHeader(pool, id)).toBe(true);
    expect(await ids(pool, 'duong giao thong')).toEqual([id]);
    expect(await ids(pool, 'cu')).toEqual([]);
    expect(await ids(pool, 'tiem chung')).toEqual([id]);
    expect(await indexDocumentText(pool, 99_999, 'không có')).toBe(false);
  });

  it('hostile queries never error: quotes, LIKE and tsquery operators, SQL, very long and empty ones', async () => {
    const pool = await freshHub();
    const id = await addDocument(pool, "Công văn 'khẩn' về \"an toàn\"", 'Bảo đảm an toàn thông tin mạng & phòng chống mã độc | (tấn công) !quan trọng <-> a:* b \u0000 nul');
    const hostile = [
      "'",
      '"',
      "an'toan",
      '"an toan',
      "'; DROP TABLE document_texts; --",
      'an & toan',
      'an | toan',
      '!an',
      'an <-> toan',
      'an <2> toan',
      'toan:*',
      '(an',
      'an)',
      '\\',
      '\u0000',
      '   ',
      '',
      '* - + ( ) : & | ! <',
      '%',
      '_',
      'a%b_c',
      'a'.repeat(5000),
      'an '.repeat(5000),
      'an-'.repeat(5000),
      '😀 𝔞𝔫',
    ];
    for (const query of hostile) {
      const page = await find(pool, query);
      expect(Array.isArray(page.rows), query.slice(0, 20)).toBe(true);
    }
    // Operators typed are separators, not syntax: "an & toan" is the two words.
    expect(await ids(pool, 'an & toan')).toEqual([id]);
    expect(await ids(pool, 'an <-> toan')).toEqual([id]);
    expect(await ids(pool, '!an')).toEqual([id]);
    expect(await ids(pool, "'khan'")).toEqual([id]);
    expect(await ids(pool, '"an toan"')).toEqual([id]);
    expect(await ids(pool, "'; DROP TABLE document_texts; --")).toEqual([]);
    expect(await ids(pool, '%')).toEqual([]);
    expect(await ids(pool, 'a%b_c')).toEqual([]);
    expect((await pool.query('SELECT count(*)::int AS n FROM document_texts')).rows[0].n).toBe(1);
  });

  it('indexes a very long text without error: the words past the cap are not indexed', async () => {
    const pool = await freshHub();
    // Distinct words, far more than the cap.
    const words = Array.from({ length: 120_000 }, (_, i) => `từ${i.toString(36)}`);
    const id = await addDocument(pool, 'Phụ lục dài', `${words.join(' ')} cuối`);
    expect(await ids(pool, 'tu0')).toEqual([id]);
    expect(await ids(pool, 'phu luc')).toEqual([id]);
    expect(await ids(pool, 'cuoi')).toEqual([]);
    const indexed = (await pool.query<{ n: number }>('SELECT length(words) AS n FROM document_texts WHERE document_id = $1', [id])).rows[0]!.n;
    expect(indexed).toBeGreaterThan(MAX_INDEXED_CHARS - 20);
    expect(indexed).toBeLessThanOrEqual(MAX_INDEXED_CHARS + 2);
  });
});
