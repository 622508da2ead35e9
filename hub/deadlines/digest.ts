/**
 * The daily digest (docs/formats.md "Working days and deadlines"): on each working day of the
 * agency's calendar, from the time the agency set (07:30 Vietnam time unless IT sets another),
 * each person holding open work, or with something waiting for his word, gets one digest of it:
 * overdue, due today, due within 3 working days, waiting for him. The reminders' loop runs it
 * (reminders.ts, on the instance that leads the exchange); once per person and day is decided in
 * PostgreSQL (hub/store/daily-digests.ts), so a second run or a second instance gives nothing twice.
 */
import type pg from 'pg';
import type { WorkingCalendar } from '../../shared/domain/working-days.js';
import type { DailyDigestPayload } from '../../shared/hub/deadlines.js';
import { VIETNAM_OFFSET_MS, vietnamDate } from '../../shared/text/vietnam-time.js';
import { loadWorkingCalendar } from '../store/calendar-days.js';
import { heldWork, recordDigests, type HeldWork } from '../store/daily-digests.js';

/** "Due soon" in a digest: within this many working days after today. */
export const DIGEST_DUE_SOON_WORKING_DAYS = 3;

/** The instant of `time` (Vietnam time) on the Vietnam day of `now`. */
function digestInstant(now: Date, minutes: number): Date {
  return new Date(Date.parse(`${vietnamDate(now)}T00:00:00Z`) - VIETNAM_OFFSET_MS + minutes * 60_000);
}

/** Milliseconds until today's digest time, or null when it has come (or passed). */
export function untilDigest(now: Date, minutes: number): number | null {
  const left = digestInstant(now, minutes).getTime() - now.getTime();
  return left > 0 ? left : null;
}

/** The counts of each person's digest on `today`: only those with open work or something waiting for them. */
export function digestsOf(work: readonly HeldWork[], today: string, calendar: WorkingCalendar): Map<number, DailyDigestPayload> {
  const soonUntil = calendar.addWorkingDays(today, DIGEST_DUE_SOON_WORKING_DAYS);
  const digests = new Map<number, DailyDigestPayload>();
  for (const { userId, deadline, count, decide } of work) {
    let digest = digests.get(userId);
    if (!digest) digests.set(userId, (digest = { day: today, open: 0, overdue: 0, dueToday: 0, dueSoon: 0, awaiting: 0 }));
    digest.open += count;
    digest.awaiting += decide;
    if (deadline === null || count === 0) continue;
    const lastDay = calendar.workingDayOnOrAfter(deadline);
    if (lastDay < today) digest.overdue += count;
    else if (lastDay === today) digest.dueToday += count;
    else if (lastDay <= soonUntil) digest.dueSoon += count;
  }
  return digests;
}

/**
 * One run: on a working day, once its digest time has come, the digests not given yet today (by
 * user id). Nothing on a day off, or before the time.
 */
export async function runDigest(pool: pg.Pool, now: Date, minutes: number): Promise<Map<number, DailyDigestPayload>> {
  const calendar = await loadWorkingCalendar(pool);
  const today = vietnamDate(now);
  if (!calendar.isWorkingDay(today) || untilDigest(now, minutes) !== null) return new Map();
  return recordDigests(pool, digestsOf(await heldWork(pool), today, calendar));
}
