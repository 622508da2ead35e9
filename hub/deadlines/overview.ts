/**
 * A leader's overview of the open work per unit (`GET /api/work/overdue`): the counts the store
 * gives per unit and deadline (hub/store/work-overview.ts, which decides who sees which units),
 * each deadline placed by the hub's calendar on today's Vietnam day as the reminders place it.
 */
import type pg from 'pg';
import { deadlineStanding } from '../../shared/domain/working-days.js';
import type { OverdueOverview, UnitWorkStanding } from '../../shared/hub/workflow.js';
import { vietnamDate } from '../../shared/text/vietnam-time.js';
import { loadWorkingCalendar } from '../store/calendar-days.js';
import { openWorkByUnit } from '../store/work-overview.js';

/** Null when the user leads neither the agency nor a unit. */
export async function overdueOverview(pool: pg.Pool, userId: number, now: Date): Promise<OverdueOverview | null> {
  const counts = await openWorkByUnit(pool, userId);
  if (counts === null) return null;
  const calendar = await loadWorkingCalendar(pool);
  const day = vietnamDate(now);
  const units = new Map<number, UnitWorkStanding>();
  for (const { unitId, code, name, deadline, count } of counts) {
    let unit = units.get(unitId);
    if (!unit) units.set(unitId, (unit = { unitId, code, name, overdue: 0, dueSoon: 0, onTrack: 0, noDeadline: 0, mostWorkingDaysLate: 0 }));
    if (count === 0) continue;
    if (deadline === null) {
      unit.noDeadline += count;
      continue;
    }
    const standing = deadlineStanding(deadline, day, calendar);
    if (standing.state === 'overdue') {
      unit.overdue += count;
      unit.mostWorkingDaysLate = Math.max(unit.mostWorkingDaysLate, standing.workingDaysLate);
    } else if (standing.state === 'due_soon') unit.dueSoon += count;
    else unit.onTrack += count;
  }
  return { day, units: [...units.values()] };
}
