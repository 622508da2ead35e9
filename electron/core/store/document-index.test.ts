import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { openDatabase, writeTransaction, type Db } from './database.js';
import { withIndexDeferred } from './document-index.js';
import { searchDocuments } from './document-search.js';
import { deleteAttachmentsOf, insertReceivedDocument } from './document-transitions.js';
import { insertAttachments } from './documents.js';
import { FOLD_FUNCTION, foldSql } from './fts-text.js';
import { addIntakeItem, registerPaperArrival } from './intake.js';
import { registerForNumbering } from './registers.js';

const tempDir = useTempDirs();
const AT = '2026-03-12T02:00:00.000Z';
/** The index row folds six texts (subject, summary, number, sender, signer, file names). */
const FOLDS_PER_INDEX_WRITE = 6;

/** A migrated database whose index writes are counted. */
async function countingDatabase(): Promise<{ db: Db; indexWrites: () => number }> {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  let folds = 0;
  db.function(FOLD_FUNCTION, { deterministic: true }, (text: unknown) => {
    folds++;
    return foldSql(text);
  });
  return {
    db,
    indexWrites: () => {
      const writes = folds / FOLDS_PER_INDEX_WRITE;
      folds = 0;
      return writes;
    },
  };
}

const file = (name: string, n: number) => ({ name, contentType: 'application/pdf', sha256: String(n).repeat(64).slice(0, 64), size: 100 });
const found = (db: Db, query: string) => searchDocuments(db, { query, filters: {}, cursor: null, limit: 10 }).rows.map((row) => row.id);
const deferred = (db: Db) => db.prepare('SELECT count(*) FROM documents WHERE index_deferred = 1').pluck().get();

describe('the document index, written once per change', () => {
  it('indexes a received document once, with all its attachments, however many it has', async () => {
    const { db, indexWrites } = await countingDatabase();
    const files = Array.from({ length: 25 }, (_, i) => file(`phu-luc-${i + 1}-bang-ke-kinh-phi.pdf`, (i % 9) + 1));
    const id = writeTransaction(db, () =>
      insertReceivedDocument(db, { direction: 'incoming', state: 'arrived', subject: 'Kế hoạch phòng chống thiên tai', sender_id: 'G22', edxml_document_id: 'doc-1' }, files, AT),
    );
    expect(indexWrites()).toBe(1);
    expect(found(db, 'phong chong thien tai')).toEqual([id]);
    expect(found(db, 'phu-luc-25')).toEqual([id]);
    expect(deferred(db)).toBe(0);
  });

  it('replaces attachments with one index write: the new names are found, the old ones no more', async () => {
    const { db, indexWrites } = await countingDatabase();
    const id = writeTransaction(db, () => insertReceivedDocument(db, { direction: 'incoming', state: 'arrived', subject: 'Công văn', sender_id: 'G22', edxml_document_id: 'doc-1' }, [file('ban-cu.pdf', 1), file('phu-luc-cu.pdf', 2)], AT));
    indexWrites();
    writeTransaction(db, () =>
      withIndexDeferred(db, id, () => {
        deleteAttachmentsOf(db, id);
        insertAttachments(db, [{ ...file('ban-moi.pdf', 3), documentId: id }, { ...file('phu-luc-moi.pdf', 4), documentId: id }], AT);
      }),
    );
    expect(indexWrites()).toBe(1);
    expect(found(db, 'ban-moi')).toEqual([id]);
    expect(found(db, 'ban-cu')).toEqual([]);
    expect(deferred(db)).toBe(0);
  });

  it('indexes the document even when the work inside fails, so a caller that goes on is not left out of search', async () => {
    const { db } = await countingDatabase();
    const id = writeTransaction(db, () => insertReceivedDocument(db, { direction: 'incoming', state: 'arrived', subject: 'Giấy mời họp', sender_id: 'G22', edxml_document_id: 'doc-1' }, [], AT));
    writeTransaction(db, () => {
      expect(() =>
        withIndexDeferred(db, id, () => {
          insertAttachments(db, [{ ...file('giay-moi.pdf', 1), documentId: id }], AT);
          throw new Error('the next step failed');
        }),
      ).toThrow('the next step failed');
    });
    expect(deferred(db)).toBe(0);
    expect(found(db, 'giay-moi')).toEqual([id]);
  });

  it('indexes a paper arrival once, with its scan and its register', async () => {
    const { db, indexWrites } = await countingDatabase();
    const item = addIntakeItem(db, { source: 'scanner', fileName: 'cong-van-den.pdf', size: 100, sha256: 'a'.repeat(64) }, 'user:test');
    const register = registerForNumbering(db, 'in', undefined)!;
    indexWrites();
    const header = { codeNumber: '125', codeNotation: 'QĐ-UBND', typeName: 'Quyết định', promulgationDate: '2026-03-12', senderName: 'UBND tỉnh Bắc Ninh', subject: 'Phê duyệt kế hoạch tuyển dụng', summary: '', priority: 0 as const, dueDate: null };
    const { documentId } = registerPaperArrival(db, { itemId: item.id, origin: 'paper', header, paperOriginalAt: '', register }, 'user:test')!;
    expect(indexWrites()).toBe(1);
    expect(found(db, 'cong-van-den')).toEqual([documentId]);
    expect(searchDocuments(db, { query: 'tuyen dung', filters: { registerId: register.id }, cursor: null, limit: 10 }).rows.map((row) => row.id)).toEqual([documentId]);
    expect(deferred(db)).toBe(0);
  });
});
