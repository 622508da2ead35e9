import { describe, expect, it } from 'vitest';
import { addDays, hasFullYear, isoOfLocalDate, localDateOf, parseTypedDate, typedDateText } from './typed-date.js';

describe('typed dates, day first', () => {
  it.each([
    ['04/12/2026', '2026-12-04'],
    ['4/12/2026', '2026-12-04'],
    ['04-12-2026', '2026-12-04'],
    ['04.12.2026', '2026-12-04'],
    [' 4 / 12 / 2026 ', '2026-12-04'],
    ['04122026', '2026-12-04'],
    ['4/12/26', '2026-12-04'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseTypedDate(text)).toEqual({ kind: 'date', iso });
  });

  it('never reads month first, as an English browser would', () => {
    expect(parseTypedDate('12/04/2026')).toEqual({ kind: 'date', iso: '2026-04-12' });
    expect(parseTypedDate('04/13/2026')).toEqual({ kind: 'invalid' });
  });

  it.each(['31/02/2026', '29/02/2026', '00/01/2026', '1/1', '2026-12-04', 'ngày mai', '12/2026'])('refuses %s', (text) => {
    expect(parseTypedDate(text)).toEqual({ kind: 'invalid' });
  });

  it('knows when a text being typed has its whole year', () => {
    expect(hasFullYear('4/12/20')).toBe(false);
    expect(hasFullYear('4/12/2026')).toBe(true);
    expect(hasFullYear('04122026')).toBe(true);
  });

  it('takes an empty field as no date', () => {
    expect(parseTypedDate('  ')).toEqual({ kind: 'empty' });
  });

  it('shows a stored date day first', () => {
    expect(typedDateText('2026-12-04')).toBe('04/12/2026');
    expect(typedDateText('')).toBe('');
  });

  it('steps a day across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('turns a calendar day into a local Date and back without a time-zone shift', () => {
    expect(isoOfLocalDate(localDateOf('2026-12-04'))).toBe('2026-12-04');
  });
});
