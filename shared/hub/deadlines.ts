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
