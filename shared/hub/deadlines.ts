/**
 * The hub's table of days off and make-up days (kept by IT with `npm run hub -- holidays …`) and
 * the deadline reminders it gives desks through the change feed. docs/formats.md "Working days
 * and deadlines".
 */
import { z } from 'zod';
import { CALENDAR_DAY_KINDS, isCalendarDate, isWeekend } from '../domain/working-days.js';

export const calendarDate = z.string().trim().refine(isCalendarDate, 'a date written YYYY-MM-DD');

export const calendarDayInput = z
  .object({
    date: calendarDate,
    kind: z.enum(CALENDAR_DAY_KINDS).default('day_off'),
    note: z.string().trim().min(1, 'a note saying why (the holiday, the notice)').max(500),
  })
  .strict()
  // The table only says where a day differs from its week: the database refuses the rest too.
  .refine((day) => !isCalendarDate(day.date) || (day.kind === 'make_up_day') === isWeekend(day.date), {
    message: 'a day off must be a weekday (Saturdays and Sundays are off already), a make-up day a Saturday or Sunday',
    path: ['kind'],
  });

/** A year the list is asked for. */
export const calendarYear = z.coerce.number().int().min(2000).max(2100);

/** The feed's kind for a reminder; its subject is `reminder:<id>`, its audience the one person reminded. */
export const DEADLINE_REMINDER = 'deadline.reminder';

export const REMINDER_KINDS = ['due_soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface DeadlineReminderPayload {
  id: number;
  kind: ReminderKind;
  /** The work item reminded of, and its document. */
  itemId: number;
  documentId: number | null;
  deadline: string;
  /** The Vietnam day it was given on. */
  day: string;
  workingDaysLate: number;
  /** False when it reminds the person's unit head of someone else's item. */
  own: boolean;
}

/** The feed's kind for a daily digest; its subject is `digest:<user id>:<day>`, its audience that person. */
export const DEADLINE_DIGEST = 'deadline.digest';

/** A person's open work on the morning of a working day, counted once that day. */
export interface DailyDigestPayload {
  /** The Vietnam day it is for. */
  day: string;
  /** Open items he holds (his own, and his unit's when he leads it). */
  open: number;
  overdue: number;
  /** Due today (a deadline on a day off falls to the next working day). */
  dueToday: number;
  /** Due after today, within the next 3 working days. */
  dueSoon: number;
  /** Waiting for his instruction (presented to him) or his decision on an extension. */
  awaiting: number;
}

/** A notice's key as the feed names it: `reminder:<id>` or `digest:<user id>:<day>`. */
export const noticeKey = z.string().regex(/^(reminder:\d{1,10}|digest:\d{1,10}:\d{4}-\d{2}-\d{2})$/, 'a notice key (reminder:<id> or digest:<user>:<day>)');

/** Notices one command marks read at most; more are marked by `through`. */
export const MAX_NOTICES_READ = 200;

/**
 * The feed's kind for "these notices were read" at one of the person's desks; its subject is
 * `user:<id>`, its audience that person, so every desk he signs in at (a second computer, a new
 * one replaying the feed) keeps them read. `keys`, or every notice up to the change `through`.
 */
export const NOTICES_READ = 'notices.read';

export const noticesReadPayload = z
  .object({ keys: z.array(noticeKey).min(1).max(MAX_NOTICES_READ).optional(), through: z.number().int().positive().optional() })
  .strict()
  .refine((payload) => (payload.keys === undefined) !== (payload.through === undefined), { message: 'either the keys read or `through`, the last change read up to' });

/** As the feed carries it: the command's payload and when the hub applied it. */
export const noticesReadChange = z.object({ keys: z.array(noticeKey).max(MAX_NOTICES_READ).nullable(), through: z.number().int().positive().nullable(), at: z.iso.datetime() }).strict();

/** The daily digest's time unless the agency sets another (Vietnam time). */
export const DEFAULT_DIGEST_TIME = '07:30';

/** Minutes after midnight of an HH:MM time of day; null when it is not one. */
export function digestMinutes(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
