/**
 * Deadline reminders (nhắc việc), docs/formats.md "Working days and deadlines": given the time
 * now, each open work item whose deadline is today or the next working day reminds its holder
 * once (`due_soon`), and each one past its deadline reminds its holder and the unit heads once
 * (`overdue`). Which reminders are new is decided in PostgreSQL (hub/store/deadline-reminders.ts),
 * so the job may run as often as wanted, on any number of hub instances.
 */
import type pg from 'pg';
import { deadlineStanding, type WorkingCalendar } from '../../shared/domain/working-days.js';
import type { DeadlineReminderPayload } from '../../shared/hub/deadlines.js';
import { vietnamDate } from '../../shared/text/vietnam-time.js';
import { loadWorkingCalendar } from '../store/calendar-days.js';
import { recordReminders, type NewReminder } from '../store/deadline-reminders.js';

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

/** Where the open items come from: the work items' store. */
export interface OpenDeadlineSource {
  openDeadlines(now: Date): Promise<OpenDeadline[]>;
}

/**
 * What `today` calls for: due soon to the holder; overdue to the holder and the unit heads. Each
 * person once per item, as its holder when he is one (a unit's item lists each head as holder).
 */
export function remindersDue(open: readonly OpenDeadline[], today: string, calendar: WorkingCalendar): NewReminder[] {
  const due = new Map<string, NewReminder>();
  const add = (reminder: NewReminder) => {
    const key = `${reminder.itemId}|${reminder.userId}`;
    if (!due.get(key)?.own) due.set(key, reminder);
  };
  for (const item of open) {
    const standing = deadlineStanding(item.deadline, today, calendar);
    if (standing.state === 'on_track') continue;
    const common = { itemId: item.itemId, documentId: item.documentId, kind: standing.state, deadline: item.deadline, day: today, workingDaysLate: standing.workingDaysLate };
    add({ ...common, userId: item.userId, own: true });
    if (standing.state === 'overdue') for (const head of item.unitHeadUserIds) add({ ...common, userId: head, own: head === item.userId });
  }
  return [...due.values()];
}

/** One run: the reminders given now (none when every one due was given already). */
export async function runReminders(pool: pg.Pool, source: OpenDeadlineSource, now: Date): Promise<DeadlineReminderPayload[]> {
  const [calendar, open] = await Promise.all([loadWorkingCalendar(pool), source.openDeadlines(now)]);
  return recordReminders(pool, remindersDue(open, vietnamDate(now), calendar));
}
