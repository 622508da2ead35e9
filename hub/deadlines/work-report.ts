/**
 * Báo cáo xử lý công việc (`GET /api/reports/work`): the store's rows for the period (who sees
 * what is decided there, hub/store/work-report.ts) counted per unit and per person by the hub's
 * calendar on today's Vietnam day, as the reminders count (docs/formats.md, "Work handling report").
 */
import type pg from 'pg';
import { deadlineStanding, workingDaysLate, type WorkingCalendar } from '../../shared/domain/working-days.js';
import { URGENT_PRESENTATION_HOURS, type PersonWorkFigures, type PresentationFigures, type UnitWorkFigures, type WorkFigures, type WorkReport } from '../../shared/hub/work-report.js';
import { vietnamDate } from '../../shared/text/vietnam-time.js';
import { loadWorkingCalendar } from '../store/calendar-days.js';
import { workReportRows, type ReportArrival, type ReportItemGroup } from '../store/work-report.js';

const HOUR_MS = 3_600_000;

/** Sums kept while counting: the mean and the rate are made from them at the end. */
interface Tally {
  figures: WorkFigures;
  workingDays: number;
}

const emptyTally = (): Tally => ({ figures: { assigned: 0, doneOnTime: 0, doneLate: 0, open: 0, openOverdue: 0, closed: 0, onTimeRate: null, averageWorkingDays: null }, workingDays: 0 });

function add(tally: Tally, group: ReportItemGroup, day: string, calendar: WorkingCalendar): void {
  const { figures } = tally;
  const n = group.count;
  figures.assigned += n;
  if (group.state === 'closed') figures.closed += n;
  else if (group.state === 'done') {
    const ended = group.endedOn!;
    if (group.deadline !== null && workingDaysLate(group.deadline, ended, calendar) > 0) figures.doneLate += n;
    else figures.doneOnTime += n;
    tally.workingDays += n * calendar.workingDaysBetween(group.assignedOn, ended);
  } else {
    figures.open += n;
    if (group.deadline !== null && deadlineStanding(group.deadline, day, calendar).state === 'overdue') figures.openOverdue += n;
  }
}

function finish({ figures, workingDays }: Tally): WorkFigures {
  const done = figures.doneOnTime + figures.doneLate;
  return { ...figures, onTimeRate: done === 0 ? null : figures.doneOnTime / done, averageWorkingDays: done === 0 ? null : Math.round((workingDays / done) * 10) / 10 };
}

/**
 * An arrival is presented in time the working day it was registered (one registered on a day off:
 * the next working day); an urgent one within URGENT_PRESENTATION_HOURS of its registration.
 */
function presentation(arrivals: readonly ReportArrival[], now: Date, calendar: WorkingCalendar) {
  const count = (urgent: boolean): PresentationFigures => {
    const figures = { registered: 0, onTime: 0, late: 0, waiting: 0 };
    for (const arrival of arrivals.filter((one) => one.urgent === urgent)) {
      figures.registered++;
      const inTime = urgent
        ? (at: Date) => at.getTime() - arrival.registeredAt.getTime() <= URGENT_PRESENTATION_HOURS * HOUR_MS
        : (at: Date) => vietnamDate(at) <= calendar.workingDayOnOrAfter(vietnamDate(arrival.registeredAt));
      if (arrival.presentedAt) figures[inTime(arrival.presentedAt) ? 'onTime' : 'late']++;
      else figures[inTime(now) ? 'waiting' : 'late']++;
    }
    return figures;
  };
  return { normal: count(false), urgent: count(true), urgentHours: URGENT_PRESENTATION_HOURS };
}

/** Null for an account that is unknown or disabled. */
export async function workReport(pool: pg.Pool, userId: number, period: { from: string; to: string }, now: Date): Promise<WorkReport | null> {
  const rows = await workReportRows(pool, userId, period.from, period.to);
  if (rows === null) return null;
  const calendar = await loadWorkingCalendar(pool);
  const day = vietnamDate(now);

  const total = emptyTally();
  const units = new Map(rows.units.map((unit) => [unit.unitId, { unit, tally: emptyTally(), people: new Map<number | null, { name: string; tally: Tally }>() }]));
  for (const group of rows.items) {
    const unit = units.get(group.unitId);
    if (!unit) continue;
    let person = unit.people.get(group.userId);
    if (!person) unit.people.set(group.userId, (person = { name: group.userName ?? unit.unit.name, tally: emptyTally() }));
    for (const tally of [total, unit.tally, person.tally]) add(tally, group, day, calendar);
  }

  const byName = (a: PersonWorkFigures, b: PersonWorkFigures) => (a.userId === null ? -1 : b.userId === null ? 1 : a.name.localeCompare(b.name, 'vi'));
  return {
    ...period,
    day,
    scope: rows.scope,
    units: [...units.values()].map(
      ({ unit, tally, people }): UnitWorkFigures => ({
        ...unit,
        ...finish(tally),
        people: [...people.entries()].map(([userId, person]) => ({ userId, name: person.name, ...finish(person.tally) })).sort(byName),
      }),
    ),
    total: finish(total),
    presentation: rows.arrivals ? presentation(rows.arrivals, now, calendar) : null,
  };
}
