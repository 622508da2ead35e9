import { describe, expect, it } from 'vitest';
import { defaultHandlingDeadline, handlingDaysFor } from './handling-deadline.js';
import { VIETNAM_DAYS_OFF } from './vietnam-days-off.js';
import { WorkingCalendar } from './working-days.js';

const calendar = new WorkingCalendar(VIETNAM_DAYS_OFF);

describe("a standalone arrival's default deadline", () => {
  it('counts its urgency in working days after the day it was registered, over the shipped days off', () => {
    // Friday 20/11/2026, Khẩn: Monday 23, (Tuesday 24 is Ngày Văn hóa Việt Nam), Wednesday 25, Thursday 26.
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-20', priority: 1, dueDate: null }, calendar)).toBe('2026-11-26');
    // Thượng khẩn on Monday 23/11: the next working day is Wednesday.
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-23', priority: 2, dueDate: null }, calendar)).toBe('2026-11-25');
    // A normal one: 10 working days, the day off skipped.
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-23', priority: 0, dueDate: null }, calendar)).toBe('2026-12-08');
    // Khẩn on the Friday before Tết Bính Ngọ: the five days off do not count.
    expect(defaultHandlingDeadline({ registeredOn: '2026-02-13', priority: 1, dueDate: null }, calendar)).toBe('2026-02-25');
  });

  it('gives Hỏa tốc the day it was registered, or the next working day when that was a day off', () => {
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-23', priority: 3, dueDate: null }, calendar)).toBe('2026-11-23');
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-24', priority: 4, dueDate: null }, calendar)).toBe('2026-11-25');
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-21', priority: 3, dueDate: null }, calendar)).toBe('2026-11-23');
  });

  it("takes the sender's due date when it is earlier, moved off a day off, and an unknown urgency as normal", () => {
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-23', priority: 0, dueDate: '2026-11-24' }, calendar)).toBe('2026-11-25');
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-23', priority: 0, dueDate: '2026-12-31' }, calendar)).toBe('2026-12-08');
    expect(defaultHandlingDeadline({ registeredOn: '2026-11-23', priority: 0, dueDate: 'not a date' }, calendar)).toBe('2026-12-08');
    expect(handlingDaysFor(9)).toBe(handlingDaysFor(0));
  });
});
