/**
 * Working days (ngày làm việc) and deadlines (hạn xử lý), docs/formats.md "Working days and
 * deadlines". A deadline is a calendar day in Vietnam, written YYYY-MM-DD, never an instant: the
 * arithmetic below works on day numbers, so no machine's time zone can move a deadline by a day.
 * Saturday and Sunday are off; the table of days (a holiday, a day in lieu or a swapped weekday
 * off; a Saturday made a working day) says where a year differs.
 */

/** `day_off`: a weekday nobody works; `make_up_day` (ngày làm bù): a weekend day everybody works. */
export const CALENDAR_DAY_KINDS = ['day_off', 'make_up_day'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  /** Why: the holiday's name, the notice that swapped the day. */
  note: string;
}

const DAY_MS = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_SHAPE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function dayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`${date} is not a date written YYYY-MM-DD.`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

const fromDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const addCalendarDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

/** Saturday or Sunday, the civil service's weekly rest days; day 0, 1 January 1970, was a Thursday. */
function weekend(day: number): boolean {
  const dayOfWeek = (((day + 4) % 7) + 7) % 7;
  return dayOfWeek === 0 || dayOfWeek === 6;
}

export const isWeekend = (date: string): boolean => weekend(dayNumber(date));

/** A table that turned years into days off would loop for ever; no real year comes near this. */
export const MAX_DAYS_WITHOUT_WORK = 60;

export class WorkingCalendar {
  private readonly kinds = new Map<number, CalendarDayKind>();

  constructor(days: Iterable<CalendarDay>) {
    for (const day of days) this.kinds.set(dayNumber(day.date), day.kind);
  }

  isWorkingDay(date: string): boolean {
    return this.works(dayNumber(date));
  }

  /** The first working day after `date`. */
  nextWorkingDay(date: string): string {
    return fromDayNumber(this.step(dayNumber(date), 1));
  }

  /**
   * `date` itself when people work that day, else the next working day: a period whose last day
   * is a day off ends at the end of the next working day (Bộ luật Dân sự 2015, Art. 148.5).
   */
  workingDayOnOrAfter(date: string): string {
    const day = dayNumber(date);
    return fromDayNumber(this.works(day) ? day : this.step(day, 1));
  }

  /**
   * The `count`th working day after `date` (before it when negative). The start day is not
   * counted (Bộ luật Dân sự 2015, Art. 147): received on Friday, "3 working days" is Wednesday.
   * 0 gives `workingDayOnOrAfter(date)`.
   */
  addWorkingDays(date: string, count: number): string {
    if (!Number.isInteger(count)) throw new RangeError(`${count} working days: a whole number is needed.`);
    if (count === 0) return this.workingDayOnOrAfter(date);
    let day = dayNumber(date);
    const direction = count > 0 ? 1 : -1;
    for (let left = Math.abs(count); left > 0; left--) day = this.step(day, direction);
    return fromDayNumber(day);
  }

  /**
   * The working days after `from` up to and including `to`; negative when `to` is earlier. So
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`, and a task due on Friday and done on
   * Monday is 1 working day late.
   */
  workingDaysBetween(from: string, to: string): number {
    const [start, end] = [dayNumber(from), dayNumber(to)];
    const [low, high] = start <= end ? [start, end] : [end, start];
    let count = 0;
    for (let day = low + 1; day <= high; day++) if (this.works(day)) count++;
    return start <= end ? count : -count;
  }

  private works(day: number): boolean {
    const kind = this.kinds.get(day);
    if (kind) return kind === 'make_up_day';
    return !weekend(day);
  }

  private step(from: number, direction: 1 | -1): number {
    for (let day = from + direction, tried = 1; tried <= MAX_DAYS_WITHOUT_WORK; day += direction, tried++) {
      if (this.works(day)) return day;
    }
    throw new RangeError(`No working day within ${MAX_DAYS_WITHOUT_WORK} days of ${fromDayNumber(from)}: the table of days off is wrong.`);
  }
}

/** Where a deadline stands on `today`. */
export type DeadlineState = 'on_track' | 'due_soon' | 'overdue';

export interface DeadlineStanding {
  state: DeadlineState;
  /** Working days after the deadline up to today; 0 unless overdue (and 0 on the weekend right after a Friday deadline). */
  workingDaysLate: number;
}

/**
 * `due_soon`: the deadline is today or by the next working day (so on Friday a deadline on
 * Monday is due soon); `overdue`: its day, moved to the working day on or after it, has passed.
 */
export function deadlineStanding(deadline: string, today: string, calendar: WorkingCalendar): DeadlineStanding {
  const lastDay = calendar.workingDayOnOrAfter(deadline);
  if (today > lastDay) return { state: 'overdue', workingDaysLate: calendar.workingDaysBetween(lastDay, today) };
  return { state: lastDay <= calendar.nextWorkingDay(today) ? 'due_soon' : 'on_track', workingDaysLate: 0 };
}

/** Working days a task finished on `finishedOn` was late; 0 when on time (the measure of the on-time rate). */
export function workingDaysLate(deadline: string, finishedOn: string, calendar: WorkingCalendar): number {
  return Math.max(0, calendar.workingDaysBetween(calendar.workingDayOnOrAfter(deadline), finishedOn));
}

/** One extension (gia hạn): the deadline it moved, where to, and why. */
export interface DeadlineExtension {
  from: string;
  to: string;
  reason: string;
}

/** A deadline with its extensions, oldest first: the first one's `from` is the deadline first set. */
export interface Deadline {
  date: string;
  extensions: readonly DeadlineExtension[];
}

export class DeadlineExtensionError extends Error {
  constructor(
    readonly problem: 'no_reason' | 'not_later',
    message: string,
  ) {
    super(message);
    this.name = 'DeadlineExtensionError';
  }
}

export const MAX_EXTENSION_REASON = 1000;

/**
 * Moves a deadline later, to a date (a day off gives the next working day) or by a number of
 * working days, keeping the reason; an extension needs one, and never moves a deadline earlier.
 */
export function extendDeadline(deadline: Deadline, to: { date: string } | { workingDays: number }, reason: string, calendar: WorkingCalendar): Deadline {
  const why = reason.trim();
  if (why.length === 0) throw new DeadlineExtensionError('no_reason', 'An extension needs its reason.');
  if (why.length > MAX_EXTENSION_REASON) throw new DeadlineExtensionError('no_reason', `The reason is longer than ${MAX_EXTENSION_REASON} characters.`);
  const next = 'date' in to ? calendar.workingDayOnOrAfter(to.date) : calendar.addWorkingDays(deadline.date, to.workingDays);
  if (next <= deadline.date) throw new DeadlineExtensionError('not_later', `An extension moves the deadline later than ${deadline.date}; ${next} is not.`);
  return { date: next, extensions: [...deadline.extensions, { from: deadline.date, to: next, reason: why }] };
}

export const originalDeadline = (deadline: Deadline): string => deadline.extensions[0]?.from ?? deadline.date;
