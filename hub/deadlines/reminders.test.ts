import type pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { useTestPostgres } from '../../test/postgres.js';
import { setCalendarDays } from '../store/calendar-days.js';
import { migrateHub } from '../store/migrations/index.js';
import { reminderLoop, runReminders, workItemDeadlines, type OpenDeadline, type OpenDeadlineSource } from './reminders.js';

const postgres = useTestPostgres();

/**
 * Unit VP with its head (user 1) and two specialists (2, 3); unit KT with its head (4), a
 * specialist (5) and a former head whose account is disabled (6); one document.
 */
async function agency() {
  const { pool, config } = await postgres().freshDatabase();
  await migrateHub(pool);
  await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng'), ('KT', 'Phòng Kế toán')");
  await pool.query(
    `INSERT INTO users (username, display_name, unit_id, disabled_at) VALUES ('truongphong', 'Trưởng phòng', 1, NULL), ('an', 'An', 1, NULL), ('binh', 'Bình', 1, NULL),
       ('ketoantruong', 'Kế toán trưởng', 2, NULL), ('chi', 'Chi', 2, NULL), ('cu', 'Trưởng phòng cũ', 2, now())`,
  );
  await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'unit_leader'), (2, 'specialist'), (3, 'specialist'), (4, 'unit_leader'), (5, 'specialist'), (6, 'unit_leader')");
  await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'Công văn', 'arrived', now(), now())");
  return { pool, config };
}

interface Item {
  id: number;
  role?: string;
  unitId?: number;
  userId?: number;
  deadline: string;
  state?: string;
}

/** Work items of the document, with the ids given (the reminders' key names them). */
async function workItems(pool: pg.Pool, items: readonly Item[]): Promise<void> {
  for (const item of items) {
    await pool.query(
      `INSERT INTO work_items (id, document_id, role, unit_id, user_id, assigned_by, deadline, state, created_at) OVERRIDING SYSTEM VALUE
       VALUES ($1, 1, $2, $3, $4, 1, $5, $6, now())`,
      [item.id, item.role ?? 'lead', item.unitId ?? null, item.userId ?? null, item.deadline, item.state ?? 'open'],
    );
  }
}

/** The items the reminders are given for, held by the users they name (the store's work items carry these too). */
async function heldItems(pool: pg.Pool, items: OpenDeadline[]): Promise<OpenDeadlineSource> {
  await workItems(pool, items.map((item) => ({ id: item.itemId, userId: item.userId, deadline: item.deadline })));
  return { openDeadlines: async () => items };
}

async function feedReminders(pool: pg.Pool) {
  const { rows } = await pool.query(
    `SELECT a.user_id AS "userId", c.payload ->> 'kind' AS kind, (c.payload ->> 'itemId')::integer AS "itemId"
     FROM changes c JOIN change_audience a ON a.change_id = c.id WHERE c.kind = 'deadline.reminder' ORDER BY c.id`,
  );
  return rows;
}

const summary = (given: { itemId: number; kind: string; own: boolean; workingDaysLate: number }[]) =>
  given.map(({ itemId, kind, own, workingDaysLate }) => ({ itemId, kind, own, workingDaysLate })).sort((a, b) => a.itemId - b.itemId || Number(b.own) - Number(a.own));

describe('deadline reminders', () => {
  it('remind once: due soon to the holder, overdue to the holder and the unit head; again only for a new deadline', async () => {
    const { pool } = await agency();
    const items: OpenDeadline[] = [
      { itemId: 11, documentId: 1, userId: 2, unitHeadUserIds: [1], deadline: '2026-02-23' },
      { itemId: 12, documentId: 1, userId: 2, unitHeadUserIds: [1], deadline: '2026-02-12' },
      { itemId: 13, documentId: null, userId: 3, unitHeadUserIds: [1], deadline: '2026-02-24' },
      // The head's own item: he is told once, as its holder.
      { itemId: 14, documentId: 1, userId: 1, unitHeadUserIds: [1], deadline: '2026-02-10' },
    ];
    // 00:30 on Friday 13/2 in Vietnam, still Thursday in UTC: taken as Thursday, Monday 23/2
    // would not be due yet and item 12 would not be overdue.
    const friday = new Date('2026-02-12T17:30:00Z');
    const source = (list: OpenDeadline[]): OpenDeadlineSource => ({ openDeadlines: async () => list });
    await heldItems(pool, items);
    const first = await runReminders(pool, source(items), friday);
    expect(summary(first)).toEqual([
      { itemId: 11, kind: 'due_soon', own: true, workingDaysLate: 0 },
      { itemId: 12, kind: 'overdue', own: true, workingDaysLate: 1 },
      { itemId: 12, kind: 'overdue', own: false, workingDaysLate: 1 },
      { itemId: 14, kind: 'overdue', own: true, workingDaysLate: 3 },
    ]);
    expect(first.every((reminder) => reminder.day === '2026-02-13')).toBe(true);
    expect(await feedReminders(pool)).toEqual(
      expect.arrayContaining([
        { userId: 2, kind: 'due_soon', itemId: 11 },
        { userId: 2, kind: 'overdue', itemId: 12 },
        { userId: 1, kind: 'overdue', itemId: 12 },
        { userId: 1, kind: 'overdue', itemId: 14 },
      ]),
    );
    expect(await feedReminders(pool)).toHaveLength(4);

    // Run again, the same day: nothing new.
    expect(await runReminders(pool, source(items), friday)).toEqual([]);
    expect(await runReminders(pool, source(items), new Date('2026-02-13T09:00:00Z'))).toEqual([]);
    // The Monday after Tết: only item 13, due tomorrow, is new; 11 and 12 were reminded of already.
    const monday = new Date('2026-02-23T02:00:00Z');
    expect(summary(await runReminders(pool, source(items), monday))).toEqual([{ itemId: 13, kind: 'due_soon', own: true, workingDaysLate: 0 }]);
    // Item 12 extended to 24/2 (gia hạn): a new deadline, due soon, once.
    const extended = items.map((item) => (item.itemId === 12 ? { ...item, deadline: '2026-02-24' } : item));
    expect(summary(await runReminders(pool, source(extended), monday))).toEqual([{ itemId: 12, kind: 'due_soon', own: true, workingDaysLate: 0 }]);
    expect(await runReminders(pool, source(extended), new Date('2026-02-23T03:00:00Z'))).toEqual([]);
    expect((await pool.query('SELECT count(*)::integer AS n FROM deadline_reminders')).rows[0].n).toBe(6);
    expect(await feedReminders(pool)).toHaveLength(6);
  });

  it('two runs at once, on two hub instances, give each reminder once', async () => {
    const { pool, config } = await agency();
    const other = await postgres().pool(config);
    const items: OpenDeadline[] = Array.from({ length: 60 }, (_, index) => ({
      itemId: 100 + index,
      documentId: 1,
      userId: 2 + (index % 2),
      unitHeadUserIds: [1],
      deadline: index % 3 === 0 ? '2026-03-03' : '2026-02-27',
    }));
    // Tuesday 3/3/2026: a third due today (holder only), the rest overdue (holder and head).
    const now = new Date('2026-03-03T03:00:00Z');
    const source = await heldItems(pool, items);
    const runs = await Promise.all([pool, other, pool, other].map((instance) => runReminders(instance, source, now)));
    const given = runs.flat();
    const expected = 20 + 40 * 2;
    expect(given).toHaveLength(expected);
    expect(new Set(given.map((reminder) => reminder.id)).size).toBe(expected);
    expect((await pool.query('SELECT count(*)::integer AS n FROM deadline_reminders')).rows[0].n).toBe(expected);
    expect(await feedReminders(pool)).toHaveLength(expected);
  });

  it("follow the hub's table of days off as IT keeps it", async () => {
    const { pool } = await agency();
    const source = await heldItems(pool, [{ itemId: 1, documentId: null, userId: 2, unitHeadUserIds: [1], deadline: '2026-03-04' }]);
    const monday = new Date('2026-03-02T02:00:00Z');
    expect(await runReminders(pool, source, monday)).toEqual([]);
    // Tuesday 3/3 made a day off: on Monday, Wednesday is the next working day.
    await setCalendarDays(pool, [{ date: '2026-03-03', kind: 'day_off', note: 'Nghỉ đột xuất' }]);
    expect(summary(await runReminders(pool, source, monday))).toEqual([{ itemId: 1, kind: 'due_soon', own: true, workingDaysLate: 0 }]);
  });

  it("from the agency's work items: a person's item to him, a unit's to its heads, overdue also to the heads of the holder's unit; Tết counted as days off", async () => {
    const { pool } = await agency();
    await workItems(pool, [
      // Due Friday 13/2, before Tết: on Monday 23/2 one working day late, not six.
      { id: 1, userId: 2, deadline: '2026-02-13' },
      // Due on a day of Tết: it falls to Monday 23/2, due today, not overdue.
      { id: 2, role: 'cooperate', unitId: 2, deadline: '2026-02-17' },
      { id: 3, userId: 5, deadline: '2026-02-12', state: 'started' },
      { id: 4, unitId: 1, deadline: '2026-02-12' },
      // Not reminded: for information, done, on track, passed on (its successor is), beyond the horizon.
      { id: 5, role: 'inform', userId: 3, deadline: '2026-02-12' },
      { id: 6, userId: 3, deadline: '2026-02-12', state: 'done' },
      { id: 7, userId: 3, deadline: '2026-03-10' },
      { id: 8, unitId: 2, deadline: '2026-02-12', state: 'passed' },
      { id: 9, userId: 3, deadline: '2026-12-31' },
    ]);
    const monday = new Date('2026-02-23T02:00:00Z');
    const source = workItemDeadlines(pool);
    expect((await source.openDeadlines(monday)).map((item) => item.itemId)).toEqual([1, 2, 3, 4, 7]);
    const first = await runReminders(pool, source, monday);
    expect(first.map(({ itemId, kind, own, workingDaysLate }) => ({ itemId, kind, own, workingDaysLate }))).toEqual(
      expect.arrayContaining([
        { itemId: 1, kind: 'overdue', own: true, workingDaysLate: 1 },
        { itemId: 1, kind: 'overdue', own: false, workingDaysLate: 1 },
        { itemId: 2, kind: 'due_soon', own: true, workingDaysLate: 0 },
        { itemId: 3, kind: 'overdue', own: true, workingDaysLate: 2 },
        { itemId: 3, kind: 'overdue', own: false, workingDaysLate: 2 },
        { itemId: 4, kind: 'overdue', own: true, workingDaysLate: 2 },
      ]),
    );
    expect(first).toHaveLength(6);
    // Each to the right person: the disabled former head of KT gets nothing.
    expect(await feedReminders(pool)).toEqual(
      expect.arrayContaining([
        { userId: 2, kind: 'overdue', itemId: 1 },
        { userId: 1, kind: 'overdue', itemId: 1 },
        { userId: 4, kind: 'due_soon', itemId: 2 },
        { userId: 5, kind: 'overdue', itemId: 3 },
        { userId: 4, kind: 'overdue', itemId: 3 },
        { userId: 1, kind: 'overdue', itemId: 4 },
      ]),
    );
    expect(await runReminders(pool, source, new Date('2026-02-23T08:00:00Z'))).toEqual([]);
    // Item 3 done: no reminder of it any more; a deleted document takes its items' reminders.
    await pool.query("UPDATE work_items SET state = 'done' WHERE id = 3");
    expect((await source.openDeadlines(monday)).map((item) => item.itemId)).toEqual([1, 2, 4, 7]);
    await pool.query('DELETE FROM documents');
    expect((await pool.query('SELECT count(*)::integer AS n FROM deadline_reminders')).rows[0].n).toBe(0);
  });

  it('the hub runs them once when it takes the lead, then on its timer, until the lead ends', async () => {
    const { pool } = await agency();
    await workItems(pool, [{ id: 1, userId: 2, deadline: '2026-01-05' }]);
    const lead = new AbortController();
    const logged: string[] = [];
    const running = reminderLoop({ pool, intervalMs: 3_600_000, log: (message) => logged.push(message) })(lead.signal);
    // Its first run is at once: the next would be in an hour.
    await vi.waitFor(async () => expect(await feedReminders(pool)).toHaveLength(2), { timeout: 10_000, interval: 50 });
    lead.abort();
    await running;
    expect(await feedReminders(pool)).toEqual(expect.arrayContaining([{ userId: 2, kind: 'overdue', itemId: 1 }, { userId: 1, kind: 'overdue', itemId: 1 }]));
    // The same runs give the daily digest on a working day's morning (digest.test.ts): only the reminders' line is this test's.
    expect(logged.filter((line) => line.startsWith('deadline reminders'))).toEqual(['deadline reminders: 2 given']);
  });
});
