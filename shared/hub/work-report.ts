/**
 * Báo cáo xử lý công việc (`GET /api/reports/work`): over a period, per unit and per person, the
 * work items assigned and how they ended, and the clerk's rule that arrivals are presented to a
 * leader the day they are registered (urgent ones within hours). The rules of each figure are in
 * docs/formats.md, "Work handling report". No zod here: the renderer loads this module.
 */

/** An urgent arrival (Khẩn and above) is presented within this many hours of its registration. */
export const URGENT_PRESENTATION_HOURS = 2;

export interface WorkFigures {
  /** Items given in the period (their assignment's Vietnam day within it). */
  assigned: number;
  doneOnTime: number;
  doneLate: number;
  /** Not finished today: open, started, or waiting on the one it was passed to. */
  open: number;
  /** Of `open`, those past their deadline today. */
  openOverdue: number;
  /** Ended without being finished by their holder: closed when the work in charge was done, or the arrival returned. */
  closed: number;
  /** doneOnTime / (doneOnTime + doneLate), 0…1; null when nothing was finished. */
  onTimeRate: number | null;
  /** Working days from assignment to finish, the mean over finished items, one decimal; null when none. */
  averageWorkingDays: number | null;
}

/** A person's figures; `userId` null: the items a unit holds itself, not passed to anyone yet. */
export interface PersonWorkFigures extends WorkFigures {
  userId: number | null;
  name: string;
}

export interface UnitWorkFigures extends WorkFigures {
  unitId: number;
  code: string;
  name: string;
  people: PersonWorkFigures[];
}

/** Arrivals registered in the period, by whether they were presented to a leader in time. */
export interface PresentationFigures {
  registered: number;
  /** Presented within the limit. */
  onTime: number;
  /** Presented after the limit, or not yet and the limit has passed. */
  late: number;
  /** Not presented yet, still within the limit. */
  waiting: number;
}

export interface WorkReport {
  from: string;
  to: string;
  /** The Vietnam day the open work is counted on (today). */
  day: string;
  /** `all`: the agency's leaders and administrators; `units`: a unit leader, his unit and those under it; `self`: anyone else, his own items. */
  scope: 'all' | 'units' | 'self';
  units: UnitWorkFigures[];
  total: WorkFigures;
  /** The presentation rule, for those who see the whole agency and the clerks; null for others. */
  presentation: { normal: PresentationFigures; urgent: PresentationFigures; urgentHours: number } | null;
}
