import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestPostgres } from '../../test/postgres.js';
import { setCalendarDays } from '../store/calendar-days.js';
import { migrateHub } from '../store/migrations/index.js';
import { runReminders, type OpenDeadline, type OpenDeadlineSource } from './reminders.js';

const postgres = useTestPostgres();

/** A unit with its head (user 1) and two specialists (2, 3), and one document. */
async function agency() {
  const { pool, config } = await postgres().freshDatabase();
  await migrateHub(pool);
  await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
  await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('truongphong', 'Trưởng phòng', 1), ('an', 'An', 1), ('binh', 'Bình', 1)");
  await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'unit_leader'), (2, 'specialist'), (3, 'specialist')");
  await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'Công văn', 'arrived', now(), now())");
  return { pool, config };
}

const source = (items: OpenDeadline[]): OpenDeadlineSource => ({ openDeadlines: async () => items });

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
    const runs = await Promise.all([pool, other, pool, other].map((instance) => runReminders(instance, source(items), now)));
    const given = runs.flat();
    const expected = 20 + 40 * 2;
    expect(given).toHaveLength(expected);
    expect(new Set(given.map((reminder) => reminder.id)).size).toBe(expected);
    expect((await pool.query('SELECT count(*)::integer AS n FROM deadline_reminders')).rows[0].n).toBe(expected);
    expect(await feedReminders(pool)).toHaveLength(expected);
  });

  it("follow the hub's table of days off as IT keeps it", async () => {
    const { pool } = await agency();
    const items = [{ itemId: 1, documentId: null, userId: 2, unitHeadUserIds: [1], deadline: '2026-03-04' }];
    const monday = new Date('2026-03-02T02:00:00Z');
    expect(await runReminders(pool, source(items), monday)).toEqual([]);
    // Tuesday 3/3 made a day off: on Monday, Wednesday is the next working day.
    await setCalendarDays(pool, [{ date: '2026-03-03', kind: 'day_off', note: 'Nghỉ đột xuất' }]);
    expect(summary(await runReminders(pool, source(items), monday))).toEqual([{ itemId: 1, kind: 'due_soon', own: true, workingDaysLate: 0 }]);
  });
});
