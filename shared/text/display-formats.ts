/**
 * How numbers and dates are written for a person, in both UI languages and in exported files:
 * a register number as the decree writes it ("05"), a date day first (05/03/2026), a month as
 * 03/2026. One place, so that the number in a message, in the inbox and in the printed book is
 * the same text.
 */

/** "05": numbers below 10 take a leading zero (NĐ 30/2020), the number in the book and on the document. */
export function formatDocumentNumber(n: number): string {
  return String(n).padStart(2, '0');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** 2026-03-05 → 05/03/2026; anything else is returned as given. */
export function formatDayMonthYear(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** 2026-03 → 03/2026; anything else is returned as given. */
export function formatMonthYear(isoMonth: string): string {
  const match = ISO_MONTH.exec(isoMonth);
  return match ? `${match[2]}/${match[1]}` : isoMonth;
}
