import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertDocument } from '../../../test/document-rows.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { applyDirectoryRows } from './agencies.js';
import { openDatabase, writeTransaction, type Db } from './database.js';
import { countDocuments, overdueDocuments, processingTimes } from './reports.js';
import { insertRecipients, recordStatusEvent } from './status-events.js';

const tempDir = useTempDirs();
const YEAR = { from: '2026-01-01', to: '2026-12-31' };

/** A small known dataset: 3 sent (one to two agencies), 5 received, 3 of them done after known times. */
async function knownData(): Promise<Db> {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  applyDirectoryRows(db, [
    { id: 'H41', name: 'UBND tỉnh Nghệ An', codeQd20: null, parentId: null, email: null, version: 1, deleted: false },
    { id: 'H42', name: 'UBND tỉnh Hà Tĩnh', codeQd20: null, parentId: null, email: null, version: 1, deleted: false },
  ]);
  writeTransaction(db, () => {
    const sent = (date: string, type: string, recipients: string[]) => {
      const id = insertDocument(db, { direction: 'outgoing', subject: 'Đi', typeName: type, promulgationDate: date });
      insertRecipients(db, id, recipients, 'sent', `${date}T01:00:00.000Z`);
    };
    sent('2026-01-15', 'Công văn', ['H41', 'H42']);
    sent('2026-02-10', 'Công văn', ['H41']);
    sent('2025-12-31', 'Quyết định', ['H41']);
    const received = (receivedAt: string, type: string | null, sender: string, doneAfterHours: number | null, extra: { dueDate?: string; state?: string } = {}) => {
      const id = insertDocument(db, { direction: 'incoming', subject: `Đến ${receivedAt}`, typeName: type, senderName: sender, receivedAt, ...extra });
      if (doneAfterHours !== null) {
        const doneAt = new Date(Date.parse(receivedAt) + doneAfterHours * 3600_000).toISOString();
        recordStatusEvent(db, { documentId: id, agencyId: 'H41', direction: 'out', statusCode: '06', description: null, staff: null, occurredAt: doneAt, axisDocId: null });
        db.prepare("UPDATE documents SET state = 'done' WHERE id = ?").run(id);
      }
    };
    // 18:00 UTC on 31 January is 1 February in Vietnam.
    received('2026-01-31T18:00:00.000Z', 'Công văn', 'UBND tỉnh Nghệ An', 10);
    received('2026-01-05T02:00:00.000Z', 'Công văn', 'UBND tỉnh Nghệ An', 30);
    received('2026-02-06T02:00:00.000Z', 'Tờ trình', 'UBND tỉnh Hà Tĩnh', 50, { dueDate: '2026-02-07' });
    received('2026-02-07T02:00:00.000Z', '', 'UBND tỉnh Hà Tĩnh', null, { dueDate: '2026-02-20', state: 'processing' });
    received('2026-02-08T02:00:00.000Z', 'Công văn', 'UBND tỉnh Nghệ An', null, { dueDate: '2026-03-20', state: 'accepted' });
  });
  return db;
}

describe('reports', () => {
  it('count sent and received documents per Vietnamese month', async () => {
    const db = await knownData();
    expect(countDocuments(db, 'month', YEAR, 100)).toEqual([
      { label: '2026-01', sent: 1, received: 1 },
      { label: '2026-02', sent: 1, received: 4 },
    ]);
    expect(countDocuments(db, 'month', { from: '2025-12-01', to: '2026-01-31' }, 100)).toEqual([
      { label: '2025-12', sent: 1, received: 0 },
      { label: '2026-01', sent: 1, received: 1 },
    ]);
    db.close();
  });

  it('count per agency, busiest first and limited to the top N, and per document type', async () => {
    const db = await knownData();
    expect(countDocuments(db, 'agency', YEAR, 10)).toEqual([
      { label: 'UBND tỉnh Nghệ An', sent: 2, received: 3 },
      { label: 'UBND tỉnh Hà Tĩnh', sent: 1, received: 2 },
    ]);
    expect(countDocuments(db, 'agency', YEAR, 1)).toHaveLength(1);
    expect(countDocuments(db, 'type', YEAR, 10)).toEqual([
      { label: 'Công văn', sent: 2, received: 3 },
      { label: '', sent: 0, received: 1 },
      { label: 'Tờ trình', sent: 0, received: 1 },
    ]);
    db.close();
  });

  it('give processing times from arrival to done: median and 90th percentile, overall and per type', async () => {
    const db = await knownData();
    expect(processingTimes(db, YEAR)).toEqual({
      count: 3,
      medianHours: 30,
      p90Hours: 50,
      rows: [
        { label: 'Công văn', count: 2, medianHours: 10, p90Hours: 30 },
        { label: 'Tờ trình', count: 1, medianHours: 50, p90Hours: 50 },
      ],
    });
    expect(processingTimes(db, { from: '2026-03-01', to: '2026-03-31' })).toEqual({ count: 0, medianHours: null, p90Hours: null, rows: [] });
    db.close();
  });

  it('list incoming documents past their due date and not done, most overdue first', async () => {
    const db = await knownData();
    expect(overdueDocuments(db, '2026-03-01', 100).map((row) => [row.subject, row.dueDate, row.daysLate, row.state])).toEqual([
      ['Đến 2026-02-07T02:00:00.000Z', '2026-02-20', 9, 'processing'],
    ]);
    expect(overdueDocuments(db, '2026-03-25', 100).map((row) => row.daysLate)).toEqual([33, 5]);
    db.close();
  });
});
