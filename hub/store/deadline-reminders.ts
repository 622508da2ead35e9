/**
 * Deadline reminders given, once each (migration 150): the INSERT … ON CONFLICT DO NOTHING
 * RETURNING decides which reminders are new, and only those reach the change feed, in the same
 * transaction. A second run finds them all taken; a run on another hub instance at the same
 * moment waits on the first one's rows and then finds them taken too.
 */
import type pg from 'pg';
import { DEADLINE_REMINDER, type DeadlineReminderPayload, type ReminderKind } from '../../shared/hub/deadlines.js';
import { recordChange } from './changes.js';
import { inTransaction } from './database.js';

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
