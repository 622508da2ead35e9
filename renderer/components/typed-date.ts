/**
 * What a clerk types into a date field, read day first whatever the computer's language:
 * 4/12/2026, 04-12-2026, 04.12.2026, 04122026, and two-digit years (4/12/26 is 2026). The same
 * rules in both UI languages, as on every Vietnamese form.
 */
import { formatDayMonthYear } from '../../shared/text/display-formats.js';

export type TypedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid' };

const SEPARATED = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$/;
const DIGITS_ONLY = /^(\d{2})(\d{2})(\d{4}|\d{2})$/;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** yyyy-MM-dd of a real calendar day (no 31/02), else null. */
export function isoOf(day: number, month: number, year: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
}

export function parseTypedDate(text: string): TypedDate {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const match = SEPARATED.exec(trimmed) ?? DIGITS_ONLY.exec(trimmed);
  if (!match) return { kind: 'invalid' };
  const [day, month, yearText] = [Number(match[1]), Number(match[2]), match[3]!];
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const iso = isoOf(day, month, year);
  return iso ? { kind: 'date', iso } : { kind: 'invalid' };
}

/**
 * Whether a text being typed already names its whole year: "4/12/20" is on its way to
 * 4/12/2026, not 2020 (a two-digit year counts once the clerk leaves the field).
 */
export const hasFullYear = (text: string): boolean => /(?:^|\D)\d{4}$|^\d{8}$/.test(text.trim());

/** The text a date field shows for a stored value. */
export const typedDateText = (iso: string): string => (iso ? formatDayMonthYear(iso) : '');

/** The day `days` after `iso` (before, when negative). */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** A local-time Date of that calendar day (what the calendar component works with), and back. */
export function localDateOf(iso: string): Date {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

export const isoOfLocalDate = (date: Date): string => `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
