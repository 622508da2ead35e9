/**
 * The agency's table of days off and make-up days (migration 150), which IT keeps. Dates travel
 * as YYYY-MM-DD text both ways: node-postgres would turn a `date` into a midnight in the
 * server's time zone, which is how a deadline moves by a day.
 */
import { WorkingCalendar, type CalendarDay, type CalendarDayKind } from '../../shared/domain/working-days.js';
import type { Queryable } from './database.js';

interface CalendarDayRow {
  date: string;
  kind: CalendarDayKind;
  note: string;
}

/** Every day of the table in date order, or those of one year. */
export async function listCalendarDays(db: Queryable, year: number | null = null): Promise<CalendarDay[]> {
  const { rows } = await db.query<CalendarDayRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS date, kind, note FROM calendar_days
     WHERE $1::integer IS NULL OR day BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
     ORDER BY day`,
    [year],
  );
  return rows.map((row) => ({ date: row.date, kind: row.kind, note: row.note }));
}

export async function loadWorkingCalendar(db: Queryable): Promise<WorkingCalendar> {
  return new WorkingCalendar(await listCalendarDays(db));
}

/**
 * Adds the days, or replaces what the table said of them, in one statement: all or none. A day
 * off on a weekend or a make-up day on a weekday is refused by the table's check.
 */
export async function setCalendarDays(db: Queryable, days: readonly CalendarDay[]): Promise<void> {
  await db.query(
    `INSERT INTO calendar_days (day, kind, note)
     SELECT * FROM unnest($1::date[], $2::text[], $3::text[])
     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note, updated_at = now()`,
    [days.map((day) => day.date), days.map((day) => day.kind), days.map((day) => day.note)],
  );
}

/** Empties the given years of the table, before a file for them replaces them; how many days went. */
export async function clearCalendarYears(db: Queryable, years: readonly number[]): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM calendar_days WHERE extract(year FROM day)::integer = ANY ($1::integer[])', [years]);
  return rowCount ?? 0;
}

/** What the table said of the day, or null when it said nothing. */
export async function removeCalendarDay(db: Queryable, date: string): Promise<CalendarDay | null> {
  const { rows } = await db.query<CalendarDayRow>(`DELETE FROM calendar_days WHERE day = $1::date RETURNING to_char(day, 'YYYY-MM-DD') AS date, kind, note`, [date]);
  return rows[0] ?? null;
}
