/** The inbox tabs and their counts, and recipient groups, on a real store. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertDocument } from '../../../test/document-rows.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { applyDirectoryRows } from './agencies.js';
import { openDatabase, writeTransaction, type Db } from './database.js';
import { inboxCounts, listDocuments } from './documents.js';
import { listRecipientGroups, removeRecipientGroup, saveRecipientGroup } from './recipient-groups.js';

const tempDir = useTempDirs();
const TODAY = '2026-12-05';

async function inboxOf(): Promise<Db> {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  writeTransaction(db, () => {
    insertDocument(db, { direction: 'incoming', subject: 'Chờ 1', state: 'arrived' });
    insertDocument(db, { direction: 'incoming', subject: 'Chờ 2, quá hạn', state: 'arrived', dueDate: '2026-12-01' });
    insertDocument(db, { direction: 'incoming', subject: 'Đang làm, quá hạn', state: 'processing', dueDate: '2026-12-04' });
    insertDocument(db, { direction: 'incoming', subject: 'Đang làm, hạn hôm nay', state: 'assigned', dueDate: TODAY });
    insertDocument(db, { direction: 'incoming', subject: 'Đã tiếp nhận', state: 'accepted' });
    insertDocument(db, { direction: 'incoming', subject: 'Xong, hạn đã qua', state: 'done', dueDate: '2026-11-01' });
    insertDocument(db, { direction: 'incoming', subject: 'Trả lại', state: 'returned' });
    insertDocument(db, { direction: 'incoming', subject: 'Thu hồi', state: 'revoked' });
    insertDocument(db, { direction: 'outgoing', subject: 'Đi, hạn đã qua', dueDate: '2026-11-01' });
  });
  return db;
}

const subjects = (db: Db, tab: Parameters<typeof listDocuments>[4]) => listDocuments(db, 'inbox', 100, 0, tab).rows.map((row) => row.subject).sort();

describe('inbox tabs', () => {
  it('list what waits, what is being handled, what is finished and what is overdue', async () => {
    const db = await inboxOf();
    expect(subjects(db, { tab: 'waiting', today: TODAY })).toEqual(['Chờ 1', 'Chờ 2, quá hạn']);
    expect(subjects(db, { tab: 'inProgress', today: TODAY })).toEqual(['Đang làm, hạn hôm nay', 'Đang làm, quá hạn', 'Đã tiếp nhận']);
    expect(subjects(db, { tab: 'handled', today: TODAY })).toEqual(['Thu hồi', 'Trả lại', 'Xong, hạn đã qua']);
    // Longest overdue first.
    expect(listDocuments(db, 'inbox', 100, 0, { tab: 'overdue', today: TODAY }).rows.map((row) => row.subject)).toEqual(['Chờ 2, quá hạn', 'Đang làm, quá hạn']);
    expect(listDocuments(db, 'inbox', 100, 0, { tab: 'all', today: TODAY }).total).toBe(8);
    expect(listDocuments(db, 'inbox', 100, 0).total).toBe(8);
    expect(listDocuments(db, 'inbox', 1, 0, { tab: 'waiting', today: TODAY })).toMatchObject({ total: 2, rows: [expect.objectContaining({ state: 'arrived' })] });
    db.close();
  });

  it('count each tab the way the tabs list them, and the requests waiting for an answer', async () => {
    const db = await inboxOf();
    db.prepare("INSERT INTO pending_requests (document_id, kind, requester_id, reason, received_at) VALUES (5, 'takeback', 'H41', 'Gửi nhầm', '2026-12-01T00:00:00Z')").run();
    expect(inboxCounts(db, TODAY)).toEqual({ waiting: 2, inProgress: 3, handled: 3, overdue: 2, all: 8, requests: 1 });
    // The next day the one due today is overdue too.
    expect(inboxCounts(db, '2026-12-06').overdue).toBe(3);
    db.close();
  });

  it('show each document’s own date and due date on its row', async () => {
    const db = await inboxOf();
    const id = insertDocument(db, { direction: 'incoming', subject: 'Có ngày', promulgationDate: '2026-11-30', dueDate: '2026-12-10' });
    expect(listDocuments(db, 'inbox', 100, 0).rows.find((row) => row.id === id)).toMatchObject({ promulgationDate: '2026-11-30', dueDate: '2026-12-10' });
    db.close();
  });
});

describe('recipient groups', () => {
  it('keep a name and agencies in order, refuse a second group of the same name, and drop with their members', async () => {
    const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
    const agency = (id: string, name: string) => ({ id, name, codeQd20: null, parentId: null, email: null, version: 1, deleted: false });
    writeTransaction(db, () => applyDirectoryRows(db, [agency('000.00.02.H41', 'Sở Tài chính tỉnh Nghệ An'), agency('000.00.12.H41', 'Sở Nội vụ tỉnh Nghệ An')]));
    const at = '2026-12-05T00:00:00Z';
    const id = writeTransaction(db, () => saveRecipientGroup(db, { name: 'Các sở, ban, ngành tỉnh', members: ['000.00.12.H41', '000.00.02.H41', '000.00.99.H41'] }, at))!;
    expect(listRecipientGroups(db)).toEqual([
      {
        id,
        name: 'Các sở, ban, ngành tỉnh',
        members: [
          { id: '000.00.12.H41', name: 'Sở Nội vụ tỉnh Nghệ An' },
          { id: '000.00.02.H41', name: 'Sở Tài chính tỉnh Nghệ An' },
          // Not in the directory (any more): kept, without a name.
          { id: '000.00.99.H41', name: null },
        ],
      },
    ]);
    expect(writeTransaction(db, () => saveRecipientGroup(db, { name: 'các sở, BAN, NGÀNH TỈNH', members: ['000.00.02.H41'] }, at))).toBeNull();
    expect(writeTransaction(db, () => saveRecipientGroup(db, { id, name: 'Các sở', members: ['000.00.02.H41'] }, at))).toBe(id);
    expect(listRecipientGroups(db)).toEqual([{ id, name: 'Các sở', members: [{ id: '000.00.02.H41', name: 'Sở Tài chính tỉnh Nghệ An' }] }]);
    expect(writeTransaction(db, () => removeRecipientGroup(db, id))).toBe(true);
    expect(listRecipientGroups(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM recipient_group_members').pluck().get()).toBe(0);
    db.close();
  });
});
