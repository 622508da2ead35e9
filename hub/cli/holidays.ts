/**
 * `npm run hub -- holidays list|add|remove|import`: IT keeps the agency's days off and make-up
 * days (docs/it-admin.md). Each change is written to the audit log as the actor `cli`, in the
 * transaction that makes it. The file `import` reads is what `list` prints: one day a line,
 * date, kind and note separated by tabs (or commas), `#` lines and empty lines skipped.
 */
import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { CalendarDay } from '../../shared/domain/working-days.js';
import { calendarDate, calendarDayInput, calendarYear } from '../../shared/hub/deadlines.js';
import { HubError } from '../errors.js';
import { invalidInput } from '../http/zod-validation.js';
import { appendAudit } from '../store/audit.js';
import { clearCalendarYears, listCalendarDays, removeCalendarDay, setCalendarDays } from '../store/calendar-days.js';
import { inTransaction } from '../store/database.js';

export interface HolidayFlags {
  date?: string;
  kind?: string;
  note?: string;
  year?: string;
  file?: string;
}

export const HOLIDAY_VERBS = ['list', 'add', 'remove', 'import'] as const;

const line = (day: CalendarDay) => `${day.date}\t${day.kind}\t${day.note}`;

function parsedDay(value: unknown, where = ''): CalendarDay {
  const result = calendarDayInput.safeParse(value);
  if (!result.success) {
    const error = invalidInput(result.error);
    throw new HubError('invalid_input', `${where}${error.message}`);
  }
  return result.data;
}

/** Every line of the file checked before anything is written: a file with one bad line changes nothing. */
function parseHolidayFile(text: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  const seen = new Map<string, number>();
  // A spreadsheet saving "Unicode text" starts the file with a byte-order mark.
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    const row = raw.trim();
    if (row === '' || row.startsWith('#')) return;
    const separator = row.includes('\t') ? '\t' : ',';
    const [date = '', kind = '', ...note] = row.split(separator);
    const where = `Line ${index + 1}: `;
    const day = parsedDay({ date, kind: kind.trim(), note: note.join(separator) }, where);
    const earlier = seen.get(day.date);
    if (earlier !== undefined) throw new HubError('invalid_input', `${where}${day.date} is on line ${earlier} already.`);
    seen.set(day.date, index + 1);
    days.push(day);
  });
  if (days.length === 0) throw new HubError('invalid_input', 'The file lists no day: one a line, "2027-02-05<TAB>day_off<TAB>Tết Âm lịch".');
  return days;
}

export async function runHolidays(pool: pg.Pool, verb: (typeof HOLIDAY_VERBS)[number], flags: HolidayFlags, print: (line: string) => void): Promise<void> {
  switch (verb) {
    case 'list': {
      const asked = flags.year === undefined ? null : calendarYear.safeParse(flags.year);
      if (asked && !asked.success) throw invalidInput(asked.error);
      const year = asked ? asked.data : null;
      const days = await listCalendarDays(pool, year);
      for (const day of days) print(line(day));
      if (days.length === 0) print(`No days off or make-up days${year ? ` in ${year}` : ''}: Saturdays and Sundays only. Add them with npm run hub -- holidays add or import.`);
      return;
    }
    case 'add': {
      const day = parsedDay({ date: flags.date, kind: flags.kind, note: flags.note });
      await inTransaction(pool, async (client) => {
        await setCalendarDays(client, [day]);
        await appendAudit(client, { actor: 'cli', action: 'calendar.set', subject: `calendar:${day.date}`, details: { ...day } });
      });
      print(`${day.date} is now a ${day.kind === 'day_off' ? 'day off' : 'make-up working day'}: ${day.note}`);
      return;
    }
    case 'remove': {
      const parsed = calendarDate.safeParse(flags.date);
      if (!parsed.success) throw invalidInput(parsed.error);
      const removed = await inTransaction(pool, async (client) => {
        const day = await removeCalendarDay(client, parsed.data);
        if (day) await appendAudit(client, { actor: 'cli', action: 'calendar.remove', subject: `calendar:${day.date}`, details: { ...day } });
        return day;
      });
      if (!removed) throw new HubError('not_found', `The table says nothing of ${parsed.data}: it is an ordinary day of its week.`);
      print(`${removed.date} removed (it was: ${removed.note}); it is an ordinary day of its week again.`);
      return;
    }
    case 'import': {
      const days = parseHolidayFile(await readFile(flags.file!, 'utf8'));
      const years = [...new Set(days.map((day) => Number(day.date.slice(0, 4))))].sort((a, b) => a - b);
      const cleared = await inTransaction(pool, async (client) => {
        const gone = await clearCalendarYears(client, years);
        await setCalendarDays(client, days);
        await appendAudit(client, { actor: 'cli', action: 'calendar.import', subject: `calendar:${years.join(',')}`, details: { file: flags.file, years, days: days.length, replaced: gone } });
        return gone;
      });
      print(`Imported ${days.length} day(s) for ${years.join(', ')}, replacing the ${cleared} the table had for ${years.length === 1 ? 'that year' : 'those years'}.`);
      return;
    }
  }
}
