/** Điều hành in standalone mode on a real store: the list by deadline, and each reminder given once, on a clock passed in. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertDocument } from '../../../test/document-rows.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { saveArrivalWork } from '../store/arrival-work.js';
import { openDatabase, writeTransaction, type Db } from '../store/database.js';
import { setDocumentState } from '../store/document-transitions.js';
import { arrivalWork, giveArrivalReminders } from './arrival-work.js';

const tempDir = useTempDirs();

/** 10:00 in Hà Nội on that day. */
const at = (day: string) => new Date(`${day}T03:00:00.000Z`);

async function storeWithArrivals(): Promise<{ db: Db; urgent: number; normal: number }> {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  const ids = writeTransaction(db, () => {
    // Registered Friday 20/11/2026 at 09:00 Hà Nội time, Khẩn.
    const urgent = insertDocument(db, { direction: 'incoming', subject: 'Khẩn: báo cáo', state: 'accepted', priority: 1, registeredAt: '2026-11-20T02:00:00.000Z' });
    // 01:30 on Monday 23/11 in Hà Nội, still Sunday in UTC: registered on Monday.
    const normal = insertDocument(db, { direction: 'incoming', subject: 'Giấy mời', state: 'processing', registeredAt: '2026-11-22T18:30:00.000Z' });
    insertDocument(db, { direction: 'incoming', subject: 'Đã xong', state: 'done', priority: 3, registeredAt: '2026-11-20T02:00:00.000Z' });
    insertDocument(db, { direction: 'incoming', subject: 'Chưa tiếp nhận', state: 'arrived', priority: 3 });
    insertDocument(db, { direction: 'incoming', subject: 'Thu hồi', state: 'revoked', registeredAt: '2026-11-20T02:00:00.000Z' });
    insertDocument(db, { direction: 'outgoing', subject: 'Văn bản đi' });
    return { urgent, normal };
  });
  return { db, ...ids };
}

describe('Việc của tôi in standalone mode', () => {
  it('lists the open registered arrivals, soonest deadline first, their deadline the default by urgency over the day off', async () => {
    const { db, urgent, normal } = await storeWithArrivals();
    // Wednesday 25/11: the Khẩn one is due Thursday 26 (Tuesday 24 was a day off), the next working day.
    expect(arrivalWork(db, at('2026-11-25'))).toEqual([
      expect.objectContaining({ documentId: urgent, registeredOn: '2026-11-20', deadline: '2026-11-26', defaultDeadline: true, standing: 'due_soon', instruction: '' }),
      expect.objectContaining({ documentId: normal, registeredOn: '2026-11-23', deadline: '2026-12-08', defaultDeadline: true, standing: 'on_track', state: 'processing' }),
    ]);
    writeTransaction(db, () => saveArrivalWork(db, normal, { deadline: '2026-11-24', instruction: 'Đồng chí Lan dự họp' }, '2026-11-23T04:00:00.000Z'));
    // A deadline set on the day off runs to the next working day: overdue only from Thursday.
    expect(arrivalWork(db, at('2026-11-25'))[0]).toMatchObject({ documentId: normal, deadline: '2026-11-24', defaultDeadline: false, standing: 'due_soon', instruction: 'Đồng chí Lan dự họp' });
    expect(arrivalWork(db, at('2026-11-26'))[0]).toMatchObject({ documentId: normal, standing: 'overdue', workingDaysLate: 1 });
    db.close();
  });

  it('reminds of each arrival once per kind and deadline, again for a new deadline, never once it is done', async () => {
    const { db, urgent, normal } = await storeWithArrivals();
    expect(giveArrivalReminders(db, at('2026-11-23'))).toEqual([]);
    const dueSoon = giveArrivalReminders(db, at('2026-11-25'));
    expect(dueSoon).toEqual([
      expect.objectContaining({ kind: 'reminder', day: '2026-11-25', documentSubject: 'Khẩn: báo cáo', reminder: expect.objectContaining({ kind: 'due_soon', documentId: urgent, deadline: '2026-11-26', own: true }) }),
    ]);
    // Asked again the same day, or the next (still due soon, today): nothing new.
    expect(giveArrivalReminders(db, new Date('2026-11-25T09:00:00.000Z'))).toEqual([]);
    expect(giveArrivalReminders(db, at('2026-11-26'))).toEqual([]);
    // Friday: overdue by one working day, said once.
    const overdue = giveArrivalReminders(db, at('2026-11-27'));
    expect(overdue.map((notice) => notice.kind === 'reminder' && notice.reminder)).toEqual([expect.objectContaining({ kind: 'overdue', documentId: urgent, workingDaysLate: 1 })]);
    expect(giveArrivalReminders(db, at('2026-11-27'))).toEqual([]);
    // A new deadline, Monday: due soon on Friday (Monday is the next working day), reminded of again.
    writeTransaction(db, () => saveArrivalWork(db, urgent, { deadline: '2026-11-30', instruction: '' }, '2026-11-27T04:00:00.000Z'));
    expect(giveArrivalReminders(db, at('2026-11-27')).map((notice) => notice.kind === 'reminder' && notice.reminder)).toEqual([
      expect.objectContaining({ kind: 'due_soon', documentId: urgent, deadline: '2026-11-30' }),
    ]);
    expect(new Set([...dueSoon, ...overdue].map((notice) => notice.key)).size).toBe(2);
    // Done: off the list, never reminded of, though its deadline passes.
    writeTransaction(db, () => setDocumentState(db, urgent, 'done', '2026-11-27T05:00:00.000Z'));
    expect(arrivalWork(db, at('2026-12-09')).map((item) => item.documentId)).toEqual([normal]);
    expect(giveArrivalReminders(db, at('2026-12-09')).map((notice) => notice.kind === 'reminder' && notice.reminder.documentId)).toEqual([normal]);
    db.close();
  });
});
