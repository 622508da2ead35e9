/**
 * Deadline reminders (nhắc việc), docs/formats.md "Working days and deadlines": given the time
 * now, each open work item whose deadline is today or the next working day reminds its holder
 * once (`due_soon`), and each one past its deadline reminds its holder and the unit heads once
 * (`overdue`). Which reminders are new is decided in PostgreSQL (hub/store/deadline-reminders.ts),
 * so the job may run as often as wanted, on any number of hub instances. The hub runs it on the
 * instance that leads the exchange (`reminderLoop`), every 15 minutes and once when it takes the
 * lead: one instance reads the open work, not each; a run of the old leader overlapping the new
 * one's after a handover gives nothing twice.
 */
import type pg from 'pg';
import { addCalendarDays, deadlineStanding, MAX_DAYS_WITHOUT_WORK, type WorkingCalendar } from '../../shared/domain/working-days.js';
import { DEFAULT_DIGEST_TIME, digestMinutes, type DeadlineReminderPayload } from '../../shared/hub/deadlines.js';
import { vietnamDate } from '../../shared/text/vietnam-time.js';
import { delay, type LeaderLoop } from '../exchange/leadership.js';
import { loadWorkingCalendar } from '../store/calendar-days.js';
import { openDeadlines, recordReminders, type NewReminder, type OpenDeadline } from '../store/deadline-reminders.js';
import { runDigest, untilDigest } from './digest.js';

export type { OpenDeadline };

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

/**
 * The agency's open work items. A deadline further than the calendar's longest stretch without a
 * working day cannot be due by the next working day, so those are not read.
 */
export const workItemDeadlines = (pool: pg.Pool): OpenDeadlineSource => ({
  openDeadlines: (now) => openDeadlines(pool, addCalendarDays(vietnamDate(now), MAX_DAYS_WITHOUT_WORK)),
});

export const REMINDER_INTERVAL_MS = 15 * 60_000;

export interface ReminderLoopOptions {
  pool: pg.Pool;
  intervalMs?: number;
  /** The daily digest's time of day, HH:MM in Vietnam time (digest.ts). */
  digestTime?: string;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Reminds at once, then every `intervalMs`, until the leadership ends; each run also gives the
 * daily digest once its time has come (a tick falls on that time, rather than up to an interval
 * after it). A failed run (the database away) is logged and tried again at the next tick: it
 * never gives the exchange's lead up.
 */
export function reminderLoop({ pool, intervalMs = REMINDER_INTERVAL_MS, digestTime = DEFAULT_DIGEST_TIME, log }: ReminderLoopOptions): LeaderLoop {
  const source = workItemDeadlines(pool);
  const minutes = digestMinutes(digestTime);
  if (minutes === null) throw new RangeError(`The digest time must be HH:MM (00:00 to 23:59), not ${digestTime}.`);
  return async (signal) => {
    while (!signal.aborted) {
      const now = new Date();
      try {
        const given = await runReminders(pool, source, now);
        if (given.length > 0) log?.(`deadline reminders: ${given.length} given`);
        const digests = await runDigest(pool, now, minutes);
        if (digests.size > 0) log?.(`daily digest: ${digests.size} given`);
      } catch (error) {
        log?.('deadline reminders: this run failed; trying again later', error);
      }
      await delay(Math.min(intervalMs, untilDigest(new Date(), minutes) ?? intervalMs), signal);
    }
  };
}
