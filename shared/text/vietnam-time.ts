/**
 * Vietnam's time (+07:00, no daylight saving) from an instant, whatever the machine's zone: the
 * instant is shifted by the fixed offset and its UTC fields read. Documents are dated, numbered
 * per year and counted per day in Vietnam's time (Decree 30/2020).
 */
export const VIETNAM_OFFSET_MS = 7 * 3600_000;

const shifted = (at: Date) => new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();

/** 2026-03-12 */
export const vietnamDate = (at: Date): string => shifted(at).slice(0, 10);

/** The calendar year: a document received at 23:30 UTC on 31 December is next year's. */
export const vietnamYear = (at: Date): number => Number(shifted(at).slice(0, 4));

/** 2026-03-12T09:15:30+07:00 */
export const isoVietnamTime = (at: Date): string => `${shifted(at).slice(0, 19)}+07:00`;

/** 12/03/2026 09:15:30 +07:00 */
export function displayVietnamTime(at: Date): string {
  const text = shifted(at);
  const [year, month, day] = text.slice(0, 10).split('-');
  return `${day}/${month}/${year} ${text.slice(11, 19)} +07:00`;
}

/** 12/03/2026 09:15: a moment of a log, to the minute. */
export function vietnamDayAndMinute(at: Date): string {
  const text = shifted(at);
  const [year, month, day] = text.slice(0, 10).split('-');
  return `${day}/${month}/${year} ${text.slice(11, 16)}`;
}
