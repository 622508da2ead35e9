/**
 * Content search's pages and count on a real SQLite store: newest first, paged by id, the count
 * given with the first page and capped, whatever the number of matches on either side of the cap.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { SEARCH_COUNT_CAP } from '../../../shared/api/document-search.js';
import { insertDocument } from '../../../test/document-rows.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { searchContent } from './content-search.js';
import { openDatabase, writeTransaction, type Db } from './database.js';

const tempDir = useTempDirs();

/** A document whose one file was read with this text (the rows the text reader leaves). */
function addReadDocument(db: Db, n: number, body: string): number {
  const id = insertDocument(db, { direction: 'incoming', subject: `Văn bản ${n}` });
  const sha256 = n.toString(16).padStart(64, '0');
  db.prepare("INSERT INTO blob_texts (sha256, state, source, pages_total, pages_done, body, updated_at) VALUES (?, 'done', 'text_layer', 1, 1, ?, '2026-01-01T00:00:00Z')").run(sha256, body);
  db.prepare("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (?, 1, 'vb.pdf', 'application/pdf', 1, ?, '2026-01-01T00:00:00Z')").run(id, sha256);
  return id;
}

it('gives the newest page first with the count capped, and the next pages without it', async () => {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  const ids: number[] = [];
  writeTransaction(db, () => {
    for (let n = 1; n <= SEARCH_COUNT_CAP + 1; n++) {
      const lines = ['Kế hoạch chuyển đổi số của cơ quan.'];
      if (n > 1) lines.push('Nhiệm vụ trọng tâm năm 2026.');
      if (n % 40 === 0) lines.push('Bảo đảm an toàn thực phẩm trong dịp Tết.');
      ids.push(addReadDocument(db, n, lines.join('\n')));
    }
  });
  const newest = [...ids].reverse();
  const search = (query: string, beforeId: number | null = null, limit = 20) => searchContent(db, { query, beforeId, limit });

  // In every document: a page, the count past the cap.
  const common = search('chuyen doi so');
  expect(common.rows.map((row) => row.document.id)).toEqual(newest.slice(0, 20));
  expect(common.total).toEqual({ count: SEARCH_COUNT_CAP, capped: true });
  expect(common.next).toEqual({ beforeId: newest[19] });
  const second = search('chuyen doi so', common.next!.beforeId);
  expect(second.rows.map((row) => row.document.id)).toEqual(newest.slice(20, 40));
  expect(second.total).toBeNull();
  expect(common.rows[0]!.passage.text).toContain('chuyển đổi số');

  // In exactly as many documents as the cap: counted, not capped.
  expect(search('nhiem vu trong tam').total).toEqual({ count: SEARCH_COUNT_CAP, capped: false });
  // In a few: all counted, the last page ends the search.
  const rare = search('an toan thuc pham', null, 20);
  expect(rare.total).toEqual({ count: 25, capped: false });
  expect(search('an toan thuc pham', rare.next!.beforeId).rows.map((row) => row.document.id)).toEqual(newest.filter((id) => id % 40 === 0).slice(20));
  expect(search('an toan thuc pham', rare.next!.beforeId).next).toBeNull();
  // A page as long as the cap still counts past it.
  expect(search('chuyen doi so', null, 100).total).toEqual({ count: SEARCH_COUNT_CAP, capped: true });
  expect(search('khong co tu nay').total).toEqual({ count: 0, capped: false });
  db.close();
});
