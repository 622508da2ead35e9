/**
 * Điều hành in standalone mode through the core's API as a window calls it: the person sets an
 * arrival's deadline and instruction (audited, the lists told), a deadline is refused before the
 * day of registration or on a document not open, and work.remind announces a reminder once.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { DATABASE_FILE } from '../electron/core/config/data-dir.js';
import { openDatabase, writeTransaction } from '../electron/core/store/database.js';
import { vietnamDate } from '../shared/text/vietnam-time.js';
import { startCore } from './core-api.js';
import { insertDocument } from './document-rows.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const runtimes: CoreRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
});

describe('work.* in standalone mode', () => {
  it('saves the deadline and instruction of an open arrival, refuses the rest, and reminds once', async () => {
    const dataDir = await tempDir();
    const core = await startCore(dataDir, { policy: {}, problems: [] }, runtimes);
    const db = openDatabase(path.join(dataDir, DATABASE_FILE));
    const [open, done] = writeTransaction(db, () => [
      // Registered long ago, Hỏa tốc: overdue today whatever today is.
      insertDocument(db, { direction: 'incoming', subject: 'Hỏa tốc cũ', state: 'accepted', priority: 3, registeredAt: '2026-01-05T02:00:00.000Z' }),
      insertDocument(db, { direction: 'incoming', subject: 'Đã xong', state: 'done', registeredAt: '2026-01-05T02:00:00.000Z' }),
    ]);
    db.close();

    expect((await core.call('work.list', {})).map((item) => item.documentId)).toEqual([open]);
    expect(await core.call('work.get', { documentId: done })).toBeNull();

    expect(await core.call('work.remind', {})).toEqual({ reminded: 1 });
    expect(core.events).toContainEqual({ type: 'hub.notices', arrived: [expect.objectContaining({ documentSubject: 'Hỏa tốc cũ', reminder: expect.objectContaining({ kind: 'overdue', documentId: open }) })] });
    expect(await core.call('work.remind', {})).toEqual({ reminded: 0 });

    // 5 working days after Monday 5/1/2026: Saturday 10, worked for Friday 2/1.
    expect(await core.call('work.save', { documentId: open, deadline: { workingDays: 5 }, instruction: '  Trả lời trước hạn  ' })).toMatchObject({
      deadline: '2026-01-10',
      defaultDeadline: false,
      instruction: 'Trả lời trước hạn',
    });
    expect(core.events).toContainEqual({ type: 'documents.changed', ids: [open] });
    const today = vietnamDate(new Date());
    expect(await core.call('work.save', { documentId: open, deadline: { date: today }, instruction: '' })).toMatchObject({ deadline: today, standing: 'due_soon' });

    expect(await core.fails('work.save', { documentId: open, deadline: { date: '2026-01-04' }, instruction: '' })).toMatchObject({ code: 'invalid_input', fields: { deadline: expect.any(String) } });
    expect(await core.fails('work.save', { documentId: open, deadline: { date: '31/12/2026' }, instruction: '' })).toMatchObject({ code: 'invalid_input' });
    expect(await core.fails('work.save', { documentId: done, deadline: { workingDays: 1 }, instruction: '' })).toMatchObject({ code: 'conflict' });

    const read = openDatabase(path.join(dataDir, DATABASE_FILE));
    const audited = read.prepare("SELECT details FROM audit_log WHERE action = 'arrival.work' AND subject = ? ORDER BY seq").all(`document:${open}`) as { details: string }[];
    read.close();
    expect(audited.map((row) => JSON.parse(row.details))).toEqual([
      { deadline: '2026-01-10', instruction: 'Trả lời trước hạn' },
      { deadline: today, instruction: '' },
    ]);
  });
});
