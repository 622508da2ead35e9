import { describe, expect, it } from 'vitest';
import { VIETNAM_DAYS_OFF } from './vietnam-days-off.js';
import {
  DeadlineExtensionError,
  WorkingCalendar,
  addCalendarDays,
  deadlineStanding,
  extendDeadline,
  isCalendarDate,
  isWeekend,
  originalDeadline,
  workingDaysLate,
  type Deadline,
} from './working-days.js';

const calendar = new WorkingCalendar(VIETNAM_DAYS_OFF);

describe('the working-day calendar', () => {
  it('knows weekends, holidays, swapped weekdays and make-up Saturdays', () => {
    expect(calendar.isWorkingDay('2026-03-02')).toBe(true); // an ordinary Monday
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // an ordinary Saturday
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false); // the Friday swapped off after Tết Dương lịch
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true); // the Saturday worked for it
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false); // mùng 1 Tết Bính Ngọ
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false); // in lieu of Giỗ Tổ on Sunday 26/4
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true); // the Saturday worked for Monday 31/8
    expect(new WorkingCalendar([]).isWorkingDay('2026-02-17')).toBe(true); // no table: weekends only
  });

  it('adds working days across Tết, not counting the day it starts from', () => {
    // Received Thursday 12/2/2026; Friday is the 1st working day, then nine days off (14–22/2).
    expect(calendar.addWorkingDays('2026-02-12', 1)).toBe('2026-02-13');
    expect(calendar.addWorkingDays('2026-02-12', 2)).toBe('2026-02-23');
    expect(calendar.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    // Backwards across it too.
    expect(calendar.addWorkingDays('2026-02-23', -1)).toBe('2026-02-13');
    // 0 days: the day itself when worked, else the next working day.
    expect(calendar.addWorkingDays('2026-02-12', 0)).toBe('2026-02-12');
    expect(calendar.addWorkingDays('2026-02-14', 0)).toBe('2026-02-23');
  });

  it('counts a make-up Saturday as a working day and the swapped Friday as a day off', () => {
    expect(calendar.addWorkingDays('2026-01-08', 2)).toBe('2026-01-10');
    expect(calendar.addWorkingDays('2026-01-08', 3)).toBe('2026-01-12');
    expect(calendar.addWorkingDays('2026-08-20', 2)).toBe('2026-08-22');
    // Friday 28/8 + 1 skips the swapped Monday 31/8 and 1–2/9.
    expect(calendar.addWorkingDays('2026-08-28', 1)).toBe('2026-09-03');
    expect(calendar.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(2);
  });

  it('crosses the year boundary both ways', () => {
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // 1/1/2027 is a Friday off
    expect(calendar.addWorkingDays('2027-01-04', -1)).toBe('2026-12-31');
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05'); // 1–2/1 off, then the weekend
    expect(calendar.workingDaysBetween('2026-12-30', '2027-01-05')).toBe(3);
    // A whole year: 261 weekdays in 2026, 14 of them off, 2 Saturdays worked.
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(249);
  });

  it('counts between two dates as the inverse of adding, in either direction', () => {
    for (const start of ['2026-01-01', '2026-02-13', '2026-08-21', '2026-12-24', '2027-02-04']) {
      for (let count = 1; count <= 40; count++) {
        const end = calendar.addWorkingDays(start, count);
        expect(calendar.workingDaysBetween(start, end)).toBe(count);
        expect(calendar.workingDaysBetween(end, start)).toBe(-count);
        expect(calendar.isWorkingDay(end)).toBe(true);
      }
    }
    expect(calendar.workingDaysBetween('2026-02-14', '2026-02-22')).toBe(0);
  });

  it('tells due soon, overdue and by how many working days', () => {
    // On Friday 13/2 a deadline on Monday 23/2 is the next working day: due soon.
    expect(deadlineStanding('2026-02-23', '2026-02-13', calendar)).toEqual({ state: 'due_soon', workingDaysLate: 0 });
    expect(deadlineStanding('2026-02-24', '2026-02-13', calendar)).toEqual({ state: 'on_track', workingDaysLate: 0 });
    expect(deadlineStanding('2026-02-13', '2026-02-13', calendar)).toEqual({ state: 'due_soon', workingDaysLate: 0 });
    // Past it during Tết: overdue, no working day lost yet; the Tuesday after, 2 working days late.
    expect(deadlineStanding('2026-02-13', '2026-02-20', calendar)).toEqual({ state: 'overdue', workingDaysLate: 0 });
    expect(deadlineStanding('2026-02-13', '2026-02-24', calendar)).toEqual({ state: 'overdue', workingDaysLate: 2 });
    // A deadline on a day off runs to the end of the next working day.
    expect(deadlineStanding('2026-02-17', '2026-02-23', calendar)).toEqual({ state: 'due_soon', workingDaysLate: 0 });
    expect(deadlineStanding('2026-02-17', '2026-02-24', calendar)).toEqual({ state: 'overdue', workingDaysLate: 1 });
  });

  it('measures lateness of finished work for the on-time rate', () => {
    expect(workingDaysLate('2026-08-28', '2026-08-28', calendar)).toBe(0);
    expect(workingDaysLate('2026-08-28', '2026-08-22', calendar)).toBe(0);
    expect(workingDaysLate('2026-08-28', '2026-09-03', calendar)).toBe(1);
    expect(workingDaysLate('2026-08-29', '2026-09-03', calendar)).toBe(0); // a Saturday deadline ran to Thursday 3/9
  });

  it('extends a deadline with its reason kept, never earlier and never without a reason', () => {
    const first: Deadline = { date: '2026-02-13', extensions: [] };
    const second = extendDeadline(first, { workingDays: 2 }, '  Chờ ý kiến Sở Tài chính ', calendar);
    expect(second).toEqual({ date: '2026-02-24', extensions: [{ from: '2026-02-13', to: '2026-02-24', reason: 'Chờ ý kiến Sở Tài chính' }] });
    // To a Saturday: the Monday after.
    const third = extendDeadline(second, { date: '2026-02-28' }, 'Bổ sung hồ sơ', calendar);
    expect(third.date).toBe('2026-03-02');
    expect(third.extensions.map((extension) => extension.reason)).toEqual(['Chờ ý kiến Sở Tài chính', 'Bổ sung hồ sơ']);
    expect(originalDeadline(third)).toBe('2026-02-13');
    expect(originalDeadline(first)).toBe('2026-02-13');
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof DeadlineExtensionError ? error.problem : error;
      }
      return 'accepted';
    };
    expect(refused(() => extendDeadline(second, { workingDays: 1 }, '   ', calendar))).toBe('no_reason');
    expect(refused(() => extendDeadline(second, { date: '2026-02-20' }, 'Sớm hơn', calendar))).toBe('not_later');
    // Sunday 22/2 rolls to Monday 23/2, which is not later than a deadline of 23/2.
    expect(refused(() => extendDeadline({ date: '2026-02-23', extensions: [] }, { date: '2026-02-22' }, 'Lý do', calendar))).toBe('not_later');
    expect(refused(() => extendDeadline(second, { workingDays: -1 }, 'Lý do', calendar))).toBe('not_later');
  });

  it('takes dates only as YYYY-MM-DD calendar days', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    for (const bad of ['2026-02-29', '2026-2-3', '2026-02-28T00:00:00Z', '']) expect(isCalendarDate(bad)).toBe(false);
    expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(/not a date/);
    expect(() => calendar.addWorkingDays('2026-02-03', 1.5)).toThrow(/whole number/);
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('refuses to loop for ever on a table that closes every day', () => {
    const closed = Array.from({ length: 90 }, (_, index) => addCalendarDays('2026-03-01', index))
      .filter((date) => !isWeekend(date))
      .map((date) => ({ date, kind: 'day_off' as const, note: 'x' }));
    expect(() => new WorkingCalendar(closed).addWorkingDays('2026-03-01', 1)).toThrow(/table of days off is wrong/);
  });
});

describe('the table VanThu ships', () => {
  it('lists each date once, in order, days off on weekdays and make-up days on weekends, each with a note', () => {
    const dates = VIETNAM_DAYS_OFF.map((day) => day.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const day of VIETNAM_DAYS_OFF) {
      expect(isWeekend(day.date)).toBe(day.kind === 'make_up_day');
      expect(day.note.length).toBeGreaterThan(0);
    }
  });
});
