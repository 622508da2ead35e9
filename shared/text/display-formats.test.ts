import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, formatDocumentNumber, formatMonthYear } from './display-formats.js';

describe('display formats', () => {
  it('writes register numbers the decree’s way: a leading zero below 10', () => {
    expect(formatDocumentNumber(1)).toBe('01');
    expect(formatDocumentNumber(9)).toBe('09');
    expect(formatDocumentNumber(10)).toBe('10');
    expect(formatDocumentNumber(1234)).toBe('1234');
  });

  it('writes dates day first and months as MM/yyyy', () => {
    expect(formatDayMonthYear('2026-12-04')).toBe('04/12/2026');
    expect(formatMonthYear('2026-12')).toBe('12/2026');
  });

  it('returns what is not a date as given', () => {
    expect(formatDayMonthYear('2026-12')).toBe('2026-12');
    expect(formatDayMonthYear('')).toBe('');
    expect(formatMonthYear('2026-12-04')).toBe('2026-12-04');
  });
});
