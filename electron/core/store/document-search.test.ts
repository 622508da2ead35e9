import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_COUNT_CAP, SEARCH_RANKED_WINDOW, type DocumentSearchFilters } from '../../../shared/api/document-search.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { openDatabase, writeTransaction, type Db } from './database.js';
import { dateRangeTokens } from './document-facets.js';
import { documentMatchQuery, NEWEST_PAGE_SQL, PAGE_ROWS_SQL, searchDocuments } from './document-search.js';
import { addAttachment, createDraft, updateDraft } from './documents.js';
import { createRegister, enterInRegister, registerForNumbering } from './registers.js';

const tempDir = useTempDirs();

interface Doc {
  direction?: 'incoming' | 'outgoing' | 'draft';
  subject: string;
  summary?: string;
  number?: string;
  notation?: string;
  type?: string;
  sender?: [id: string, name: string];
  signer?: string;
  date?: string;
  state?: string;
  priority?: number;
  recipients?: string[];
  attachments?: string[];
}

function insert(db: Db, doc: Doc): number {
  return writeTransaction(db, () => {
    const at = `${doc.date ?? '2026-01-05'}T08:00:00.000Z`;
    const id = Number(
      db
        .prepare(
          `INSERT INTO documents (direction, subject, summary, code_number, code_notation, type_name, sender_id, sender_name, signer_name,
             promulgation_date, state, priority, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          doc.direction ?? 'incoming',
          doc.subject,
          doc.summary ?? '',
          doc.number ?? null,
          doc.notation ?? null,
          doc.type ?? null,
          doc.sender?.[0] ?? null,
          doc.sender?.[1] ?? null,
          doc.signer ?? null,
          doc.date ?? null,
          doc.state ?? 'arrived',
          doc.priority ?? 0,
          at,
          at,
        ).lastInsertRowid,
    );
    for (const recipient of doc.recipients ?? []) {
      db.prepare("INSERT INTO recipient_statuses (document_id, recipient_id, state, updated_at) VALUES (?, ?, 'sent', ?)").run(id, recipient, at);
    }
    (doc.attachments ?? []).forEach((name, i) =>
      db
        .prepare("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (?, ?, ?, 'application/pdf', 1, ?, ?)")
        .run(id, i + 1, name, 'a'.repeat(64), at),
    );
    return id;
  });
}

async function freshDb(): Promise<Db> {
  return openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
}

const ids = (db: Db, query: string, filters: DocumentSearchFilters = {}) =>
  searchDocuments(db, { query, filters, cursor: null, limit: 100 }).rows.map((row) => row.id);

const UBND = ['000.00.00.H41', 'UBND tỉnh Nghệ An'] as [string, string];
const SO_NOI_VU = ['000.00.12.H41', 'Sở Nội vụ tỉnh Nghệ An'] as [string, string];

describe('document match query', () => {
  it('folds, keeps number/notation chunks as phrases and makes the last chunk a prefix', () => {
    expect(documentMatchQuery('Quyết Đ')).toBe('"quyet" "d"*');
    expect(documentMatchQuery('05/QĐ-UBND')).toBe('"05 qd ubnd"*');
    expect(documentMatchQuery('ke hoach ')).toBe('"ke" "hoach"');
    expect(documentMatchQuery('  "*-() ')).toBeNull();
  });
});

describe('document search', () => {
  it('finds accented text typed without marks, đ as d, and the last word as a prefix', async () => {
    const db = await freshDb();
    const decision = insert(db, { subject: 'Quyết định về việc phê duyệt kế hoạch đào tạo', type: 'Quyết định' });
    const report = insert(db, { subject: 'Báo cáo kết quả thực hiện nhiệm vụ năm 2025' });
    expect(ids(db, 'quyet dinh phe duyet')).toEqual([decision]);
    expect(ids(db, 'quyet d')).toEqual([decision]);
    expect(ids(db, 'dao tao')).toEqual([decision]);
    expect(ids(db, 'BAO CAO ket qua')).toEqual([report]);
    expect(ids(db, 'ke hoa')).toEqual([decision]);
    expect(ids(db, 'ke hoa ')).toEqual([]);
    db.close();
  });

  it('finds a number/notation as typed, and sender, signer and attachment names', async () => {
    const db = await freshDb();
    const a = insert(db, { subject: 'Công văn về việc tổ chức hội nghị', number: '05', notation: 'QĐ-UBND', sender: UBND, signer: 'Nguyễn Văn Hùng' });
    const b = insert(db, { subject: 'Thông báo lịch công tác', number: '15', notation: 'TB-SNV', sender: SO_NOI_VU, attachments: ['Phụ lục danh sách.pdf'] });
    expect(ids(db, '05/QĐ-UBND')).toEqual([a]);
    expect(ids(db, '05/QĐ')).toEqual([a]);
    expect(ids(db, '15/TB')).toEqual([b]);
    expect(ids(db, 'so noi vu')).toEqual([b]);
    expect(ids(db, '000.00.12.H41')).toEqual([b]);
    expect(ids(db, 'nguyen van hung')).toEqual([a]);
    expect(ids(db, 'phu luc')).toEqual([b]);
    db.close();
  });

  it('keeps the index in step with every write: drafts edited, attachments added, documents deleted', async () => {
    const db = await freshDb();
    const id = createDraft(db, { subject: 'Dự thảo tờ trình', summary: '' }, 'clerk');
    expect(ids(db, 'to trinh')).toEqual([id]);
    updateDraft(db, id, { subject: 'Giấy mời họp giao ban' }, 'clerk');
    expect(ids(db, 'to trinh')).toEqual([]);
    expect(ids(db, 'giay moi')).toEqual([id]);
    addAttachment(db, { documentId: id, name: 'Chương trình hội nghị.docx', contentType: 'application/octet-stream', sha256: 'b'.repeat(64), size: 1 }, 'clerk');
    expect(ids(db, 'chuong trinh hoi nghi')).toEqual([id]);
    db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    expect(ids(db, 'giay moi')).toEqual([]);
    expect(ids(db, 'chuong trinh')).toEqual([]);
    db.close();
  });

  it('combines filters: direction, agency (sender or recipient), type, date range, state, urgency', async () => {
    const db = await freshDb();
    const subject = 'Kế hoạch triển khai chuyển đổi số';
    const inOld = insert(db, { subject, sender: UBND, type: 'Kế hoạch', date: '2024-03-01', priority: 1 });
    const inNew = insert(db, { subject, sender: UBND, type: 'Kế hoạch', date: '2026-03-01', state: 'done' });
    const outgoing = insert(db, { subject, direction: 'outgoing', type: 'Kế hoạch', date: '2026-02-01', state: 'sent', recipients: [SO_NOI_VU[0]] });
    const draft = insert(db, { subject, direction: 'draft', state: 'editing', type: 'Công văn' });
    expect(ids(db, 'ke hoach', { direction: 'incoming' }).sort()).toEqual([inOld, inNew].sort());
    expect(ids(db, 'ke hoach', { agencyId: SO_NOI_VU[0] })).toEqual([outgoing]);
    expect(ids(db, 'ke hoach', { agencyId: UBND[0], dateFrom: '2025-01-01' })).toEqual([inNew]);
    expect(ids(db, 'ke hoach', { dateFrom: '2024-01-01', dateTo: '2024-12-31' })).toEqual([inOld]);
    expect(ids(db, 'ke hoach', { typeName: 'Công văn' })).toEqual([draft]);
    expect(ids(db, 'ke hoach', { priority: 1 })).toEqual([inOld]);
    expect(ids(db, 'ke hoach', { state: 'done', direction: 'incoming' })).toEqual([inNew]);
    expect(ids(db, 'ke hoach', { state: 'done', direction: 'outgoing' })).toEqual([]);
    // Filters alone, no words: newest first.
    expect(ids(db, '', { typeName: 'Kế hoạch' })).toEqual([outgoing, inNew, inOld]);
    // The count, whether the first page saw every match or a second pass counted them.
    const total = (query: string, filters: DocumentSearchFilters) => searchDocuments(db, { query, filters, cursor: null, limit: 1 }).total;
    expect(total('ke hoach', { direction: 'incoming' })).toEqual({ count: 2, capped: false });
    expect(total('', { typeName: 'Kế hoạch' })).toEqual({ count: 3, capped: false });
    expect(total('', { typeName: 'Công văn' })).toEqual({ count: 1, capped: false });
    expect(total('ke hoach', { priority: 4 })).toEqual({ count: 0, capped: false });
    db.close();
  });

  it('filters by register, kept in step as documents are entered in one', async () => {
    const db = await freshDb();
    const subject = 'Quyết định khen thưởng';
    const secret = createRegister(db, { code: 'mat', name: 'Sổ văn bản mật', direction: 'in', scope: 'Mật' })!;
    const incoming = registerForNumbering(db, 'in', undefined)!;
    const [inDefault, inSecret, notEntered] = [insert(db, { subject }), insert(db, { subject }), insert(db, { subject })];
    const at = new Date('2026-03-02T02:00:00Z');
    writeTransaction(db, () => {
      enterInRegister(db, inDefault, incoming, at);
      enterInRegister(db, inSecret, { id: secret, code: 'mat' }, at);
    });
    expect(ids(db, 'khen thuong', { registerId: incoming.id })).toEqual([inDefault]);
    expect(ids(db, 'khen thuong', { registerId: secret })).toEqual([inSecret]);
    expect(ids(db, '', { registerId: secret, direction: 'incoming' })).toEqual([inSecret]);
    expect(ids(db, 'khen thuong').sort()).toEqual([inDefault, inSecret, notEntered].sort());
    expect(ids(db, 'khen thuong', { registerId: secret + 1 })).toEqual([]);
    db.close();
  });

  it('ranks subject hits first, then number, sender or signer hits, then the rest, newest first within each', async () => {
    const db = await freshDb();
    const inSummary = insert(db, { subject: 'Công văn gửi các sở', summary: 'Đề nghị góp ý dự thảo quy chế văn hóa công sở' });
    const inAttachment = insert(db, { subject: 'Thông báo kết luận', attachments: ['Quy chế văn hóa công sở.pdf'] });
    const inSubject = insert(db, { subject: 'Quy chế văn hóa công sở' });
    const inSender = insert(db, { subject: 'Thông báo', sender: ['000.00.99.H41', 'Ban Quy chế văn hóa'] });
    const olderInSubject = insert(db, { subject: 'Dự thảo quy chế văn hóa', date: '2020-01-01' });
    expect(ids(db, 'quy che van hoa')).toEqual([olderInSubject, inSubject, inSender, inAttachment, inSummary].sort((a, b) => b - a).sort((a, b) => tierOf(a) - tierOf(b)));
    function tierOf(id: number) {
      return id === inSubject || id === olderInSubject ? 0 : id === inSender ? 1 : 2;
    }
    db.close();
  });

  it('pages through the ranked window and past it without losing or repeating a document, and caps the count', async () => {
    const db = await freshDb();
    const count = Math.max(SEARCH_RANKED_WINDOW, SEARCH_COUNT_CAP) + 450;
    writeTransaction(db, () => {
      for (let i = 0; i < count; i++) insert(db, { subject: `Giấy mời họp số ${i}`, summary: i % 3 === 0 ? 'họp họp họp' : '', type: i < SEARCH_COUNT_CAP ? 'Giấy mời' : 'Công văn' });
    });
    const seen: number[] = [];
    let cursor = null;
    let pages = 0;
    let total = null;
    do {
      const page = searchDocuments(db, { query: 'hop', filters: {}, cursor, limit: 300 });
      total ??= page.total;
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.next;
      pages++;
    } while (cursor !== null && pages < 100);
    expect(total).toEqual({ count: SEARCH_COUNT_CAP, capped: true });
    expect(seen.length).toBe(count);
    expect(new Set(seen).size).toBe(count);
    // Twice the same query gives the same order.
    const again = searchDocuments(db, { query: 'hop', filters: {}, cursor: null, limit: 300 }).rows.map((row) => row.id);
    expect(again).toEqual(seen.slice(0, 300));
    // Past the window the rest follow newest first.
    expect(seen.slice(SEARCH_RANKED_WINDOW)).toEqual([...seen.slice(SEARCH_RANKED_WINDOW)].sort((a, b) => b - a));

    // Counted up to the cap, with words (the window counts) or filters alone (a count).
    const countOf = (query: string, filters: DocumentSearchFilters) => searchDocuments(db, { query, filters, cursor: null, limit: 10 }).total;
    expect(countOf('giay moi', { typeName: 'Giấy mời' })).toEqual({ count: SEARCH_COUNT_CAP, capped: false });
    expect(countOf('', { typeName: 'Giấy mời' })).toEqual({ count: SEARCH_COUNT_CAP, capped: false });
    expect(countOf('', { typeName: 'Công văn' })).toEqual({ count: count - SEARCH_COUNT_CAP, capped: false });
    insert(db, { subject: 'Giấy mời họp', type: 'Giấy mời' });
    expect(countOf('giay moi', { typeName: 'Giấy mời' })).toEqual({ count: SEARCH_COUNT_CAP, capped: true });
    expect(countOf('', { typeName: 'Giấy mời' })).toEqual({ count: SEARCH_COUNT_CAP, capped: true });
    expect(countOf('', {})).toEqual({ count: SEARCH_COUNT_CAP, capped: true });
    db.close();
  });

  it('never lets typed words match the filter tokens', async () => {
    const db = await freshDb();
    insert(db, { subject: 'Sở Y tế', direction: 'incoming', priority: 2, date: '2024-05-06', type: 'Quyết định' });
    for (const typed of ['dyi', 'dreg1', 'reg1', 'đy2024', 'dy2024', 'y2024', 'dirincoming', 'đdirincoming', 'dpri2', 'dtypequyetdinh', 'đ']) expect(ids(db, typed), typed).toEqual([]);
    expect(ids(db, 'so y')).toHaveLength(1);
    db.close();
  });

  it('never throws on FTS5 syntax typed by a clerk', async () => {
    const db = await freshDb();
    const id = insert(db, { subject: 'Công văn NEAR hạn xử lý (gấp)' });
    for (const typed of ['"', '"cong', 'cong"', '*', 'cong*', '-cong', 'cong -van', 'NEAR(cong van)', 'NEAR', '(gap', 'gap)', 'AND', 'OR NOT', '^cong', 'subject:cong', '{subject}: cong', "cong' OR 1=1 --", '\\', '+']) {
      expect(() => searchDocuments(db, { query: typed, filters: {}, cursor: null, limit: 10 }), typed).not.toThrow();
    }
    expect(ids(db, 'cong van NEAR(')).toEqual([id]);
    expect(ids(db, '(gap)')).toEqual([id]);
    db.close();
  });

  it('lets MATCH drive the query plan and reads documents only for the page', async () => {
    const db = await freshDb();
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');
    expect(plan(NEWEST_PAGE_SQL, 'x', 10, 0)).toMatch(/VIRTUAL TABLE INDEX/);
    for (const detail of [plan(NEWEST_PAGE_SQL, 'x', 10, 0), plan(PAGE_ROWS_SQL, '[1,2]')]) {
      expect(detail).not.toMatch(/SCAN documents(?!_fts)/);
      expect(detail).toMatch(/SEARCH documents USING INTEGER PRIMARY KEY/);
    }
    db.close();
  });
});

describe('date range tokens', () => {
  it('cover a range exactly with the fewest year, month and day tokens', () => {
    expect(dateRangeTokens('2024-01-01', '2024-12-31')).toEqual(['đy2024']);
    expect(dateRangeTokens('2024-01-30', '2024-03-01')).toEqual(['đd20240130', 'đd20240131', 'đm202402', 'đd20240301']);
    expect(dateRangeTokens('2023-12-31', '2025-01-31')).toEqual(['đd20231231', 'đy2024', 'đm202501']);
    expect(dateRangeTokens('2024-02-29', '2024-02-29')).toEqual(['đd20240229']);
    expect(dateRangeTokens('2024-03-02', '2024-03-01')).toEqual([]);
  });

  it('filter by a day boundary exactly', async () => {
    const db = await freshDb();
    const before = insert(db, { subject: 'Báo cáo tháng', date: '2024-06-30' });
    const first = insert(db, { subject: 'Báo cáo tháng', date: '2024-07-01' });
    const last = insert(db, { subject: 'Báo cáo tháng', date: '2024-07-31' });
    const after = insert(db, { subject: 'Báo cáo tháng', date: '2024-08-01' });
    expect(ids(db, 'bao cao', { dateFrom: '2024-07-01', dateTo: '2024-07-31' }).sort()).toEqual([first, last].sort());
    expect(ids(db, '', { dateTo: '2024-06-30' })).toEqual([before]);
    expect(ids(db, '', { dateFrom: '2024-07-31' })).toEqual([after, last]);
    db.close();
  });
});
