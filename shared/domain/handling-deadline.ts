/**
 * The deadline (hạn xử lý) a standalone VanThu gives a registered arrival until its one person
 * sets another (docs/formats.md "Working days and deadlines", "A standalone arrival's deadline").
 * Counted in working days from the day it was registered, by the same arithmetic and table as the
 * hub's deadlines; the sender's own due date wins when it is earlier.
 */
import { isCalendarDate, type WorkingCalendar } from './working-days.js';

/**
 * Working days after registration, by urgency (0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa
 * tốc hẹn giờ): an urgent document is handled at once, so Hỏa tốc is due the day it is registered.
 * VanThu's choice, not a rule of law; the person changes any one of them.
 */
export const DEFAULT_HANDLING_DAYS: readonly number[] = [10, 3, 1, 0, 0];

export const MAX_HANDLING_DAYS = 250;

/** Working days for a document of this urgency (an unknown one counts as normal). */
export const handlingDaysFor = (priority: number): number => DEFAULT_HANDLING_DAYS[priority] ?? DEFAULT_HANDLING_DAYS[0]!;

export interface ArrivalForDeadline {
  /** The Vietnam day it was registered (số đến). */
  registeredOn: string;
  priority: number;
  /** The sender's due date (YYYY-MM-DD…), if it wrote one. */
  dueDate: string | null;
}

/** The default deadline: registered day plus the urgency's working days, or the sender's due date moved to a working day when earlier. */
export function defaultHandlingDeadline(arrival: ArrivalForDeadline, calendar: WorkingCalendar): string {
  const byUrgency = calendar.addWorkingDays(arrival.registeredOn, handlingDaysFor(arrival.priority));
  const due = arrival.dueDate?.slice(0, 10) ?? null;
  if (due === null || !isCalendarDate(due)) return byUrgency;
  const bySender = calendar.workingDayOnOrAfter(due);
  return bySender < byUrgency ? bySender : byUrgency;
}
