/**
 * The open work items with a deadline and who answers for them (from work_items, migration 140),
 * and the deadline reminders given, once each (migration 150): the INSERT … ON CONFLICT DO NOTHING
 * RETURNING decides which reminders are new, and only those reach the change feed, in the same
 * transaction. A second run finds them all taken; a run on another hub instance at the same
 * moment waits on the first one's rows and then finds them taken too.
 */
import type pg from 'pg';
import { DEADLINE_REMINDER, type DeadlineReminderPayload, type ReminderKind } from '../../shared/hub/deadlines.js';
import { recordChange } from './changes.js';
import { inTransaction, type Queryable } from './database.js';

/** An open work item with a deadline, and who answers for it. */
export interface OpenDeadline {
  itemId: number;
  documentId: number | null;
  /** Who holds the item (for an item given to a unit: each of its unit heads, one entry each). */
  userId: number;
  /** The heads of the holder's unit, told when it is overdue. */
  unitHeadUserIds: readonly number[];
  deadline: string;
}

/**
 * The items open or started with a deadline up to `until`, one row per person holding each: the
 * person it was given to, or each unit leader of the unit it was given to; with the unit leaders
 * of that person's (or that) unit. Items for information are to be read, not worked on: they
 * have no deadline to remind of. Disabled accounts are neither reminded nor counted as heads.
 */
export async function openDeadlines(db: Queryable, until: string): Promise<OpenDeadline[]> {
  const { rows } = await db.query<{ item_id: number; document_id: number; user_id: number; deadline: string; heads: number[] }>(
    `WITH heads AS (
       SELECT u.id, u.unit_id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'unit_leader' WHERE u.disabled_at IS NULL
     )
     SELECT w.id AS item_id, w.document_id, holder.id AS user_id, to_char(w.deadline, 'YYYY-MM-DD') AS deadline,
       coalesce((SELECT array_agg(h.id ORDER BY h.id) FROM heads h WHERE h.unit_id = holder.unit_id), '{}') AS heads
     FROM work_items w
     CROSS JOIN LATERAL (
       SELECT u.id, u.unit_id FROM users u WHERE u.id = w.user_id AND u.disabled_at IS NULL
       UNION ALL
       SELECT h.id, h.unit_id FROM heads h WHERE h.unit_id = w.unit_id
     ) holder
     WHERE w.state IN ('open', 'started') AND w.role <> 'inform' AND w.deadline <= $1::date
     ORDER BY w.id, holder.id`,
    [until],
  );
  return rows.map((row) => ({ itemId: row.item_id, documentId: row.document_id, userId: row.user_id, unitHeadUserIds: row.heads, deadline: row.deadline }));
}

export interface NewReminder {
  itemId: number;
  documentId: number | null;
  kind: ReminderKind;
  userId: number;
  deadline: string;
  /** The Vietnam day it is given on. */
  day: string;
  workingDaysLate: number;
  /** False for a unit head told of someone else's overdue item. */
  own: boolean;
}

const keyOf = (reminder: { itemId: number; kind: string; userId: number; deadline: string }) =>
  `${reminder.itemId}|${reminder.kind}|${reminder.userId}|${reminder.deadline}`;

/** The reminders that were new, with their ids; each is in its person's feed once committed. */
export async function recordReminders(pool: pg.Pool, reminders: readonly NewReminder[]): Promise<DeadlineReminderPayload[]> {
  if (reminders.length === 0) return [];
  // One order for every run, so two runs lock the same keys in the same order and never deadlock.
  const byKey = new Map([...reminders].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1)).map((reminder) => [keyOf(reminder), reminder]));
  const list = [...byKey.values()];
  const column = <T>(pick: (reminder: NewReminder) => T) => list.map(pick);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string; item_id: number; kind: ReminderKind; user_id: number; deadline: string }>(
      `INSERT INTO deadline_reminders (item_id, document_id, kind, user_id, deadline, day, working_days_late)
       SELECT * FROM unnest($1::integer[], $2::integer[], $3::text[], $4::integer[], $5::date[], $6::date[], $7::integer[])
       ON CONFLICT (item_id, kind, user_id, deadline) DO NOTHING
       RETURNING id, item_id, kind, user_id, to_char(deadline, 'YYYY-MM-DD') AS deadline`,
      [
        column((r) => r.itemId),
        column((r) => r.documentId),
        column((r) => r.kind),
        column((r) => r.userId),
        column((r) => r.deadline),
        column((r) => r.day),
        column((r) => r.workingDaysLate),
      ],
    );
    const given: DeadlineReminderPayload[] = [];
    for (const row of rows) {
      const reminder = byKey.get(keyOf({ itemId: row.item_id, kind: row.kind, userId: row.user_id, deadline: row.deadline }))!;
      const payload: DeadlineReminderPayload = {
        id: Number(row.id),
        kind: reminder.kind,
        itemId: reminder.itemId,
        documentId: reminder.documentId,
        deadline: reminder.deadline,
        day: reminder.day,
        workingDaysLate: reminder.workingDaysLate,
        own: reminder.own,
      };
      await recordChange(client, { kind: DEADLINE_REMINDER, subject: `reminder:${payload.id}`, payload, audience: { users: [reminder.userId] } });
      given.push(payload);
    }
    return given;
  });
}
