/**
 * What the work handling report counts (`GET /api/reports/work`, hub/deadlines/work-report.ts),
 * with who may see what decided here, by the user's roles and unit as they are now: the agency's
 * leaders and administrators every unit, a unit leader his unit and the units under it, anyone
 * else his own items only. The presentation rule's arrivals go to those who see every unit and to
 * the clerks, whose rule it is. Days are Vietnam days (UTC+7, no daylight saving), as text.
 */
import type { Queryable } from './database.js';

export type ReportScope = 'all' | 'units' | 'self';

export interface ReportUnit {
  unitId: number;
  code: string;
  name: string;
}

/** Items alike in all but their id, counted together. */
export interface ReportItemGroup {
  unitId: number;
  /** Null: held by the unit itself. */
  userId: number | null;
  userName: string | null;
  state: 'open' | 'started' | 'passed' | 'done' | 'closed';
  /** YYYY-MM-DD (as extended), or null. */
  deadline: string | null;
  assignedOn: string;
  /** The Vietnam day it was done or closed; null while open. */
  endedOn: string | null;
  count: number;
}

export interface ReportArrival {
  registeredAt: Date;
  presentedAt: Date | null;
  urgent: boolean;
}

export interface WorkReportRows {
  scope: ReportScope;
  units: ReportUnit[];
  items: ReportItemGroup[];
  /** Null when the user may not see the presentation rule. */
  arrivals: ReportArrival[] | null;
}

const vietnamDay = (column: string) => `to_char((${column} + interval '7 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

/** $1: the user. `me.scope` is null for an unknown or disabled account; `seen` the units he may see. */
const SCOPE = `
  WITH RECURSIVE me AS (
    SELECT u.id, u.unit_id,
      CASE
        WHEN EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('leader', 'admin')) THEN 'all'
        WHEN EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'unit_leader') THEN 'units'
        ELSE 'self'
      END AS scope,
      EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'clerk') AS clerk
    FROM users u WHERE u.id = $1 AND u.disabled_at IS NULL
  ),
  below (id) AS (
    SELECT unit_id FROM me WHERE scope = 'units'
    UNION
    SELECT un.id FROM units un JOIN below ON un.parent_id = below.id
  ),
  seen AS (
    SELECT un.id, un.code, un.name FROM units un, me
    WHERE me.scope = 'all' OR un.id IN (SELECT id FROM below) OR (me.scope = 'self' AND un.id = me.unit_id)
  )`;

/** Null for an account that is unknown or disabled. `from`/`to`: YYYY-MM-DD, both included. */
export async function workReportRows(db: Queryable, userId: number, from: string, to: string): Promise<WorkReportRows | null> {
  const { rows: units } = await db.query<{ scope: ReportScope; clerk: boolean; unit_id: number | null; code: string | null; name: string | null }>(
    `${SCOPE}
     SELECT me.scope, me.clerk, s.id AS unit_id, s.code, s.name FROM me LEFT JOIN seen s ON true ORDER BY s.code`,
    [userId],
  );
  const first = units[0];
  if (!first) return null;

  // Work, not information; an item passed on counts once, at the one it was passed to (the same role below it).
  const { rows: items } = await db.query<{ unit_id: number; user_id: number | null; user_name: string | null; state: ReportItemGroup['state']; deadline: string | null; assigned_on: string; ended_on: string | null; n: number }>(
    `${SCOPE},
     item AS (
       SELECT coalesce(w.unit_id, holder.unit_id) AS unit_id, w.user_id, holder.display_name AS user_name, w.state,
         to_char(w.deadline, 'YYYY-MM-DD') AS deadline, ${vietnamDay('w.created_at')} AS assigned_on,
         CASE WHEN w.state IN ('done', 'closed') THEN ${vietnamDay('w.ended_at')} END AS ended_on
       FROM work_items w LEFT JOIN users holder ON holder.id = w.user_id
       WHERE w.role <> 'inform'
         AND w.created_at >= ($2::date - interval '7 hours') AT TIME ZONE 'UTC'
         AND w.created_at < ($3::date + 1 - interval '7 hours') AT TIME ZONE 'UTC'
         AND NOT EXISTS (SELECT 1 FROM work_items below WHERE below.parent_id = w.id AND below.role = w.role)
     )
     SELECT i.unit_id, i.user_id, i.user_name, i.state, i.deadline, i.assigned_on, i.ended_on, count(*)::integer AS n
     FROM item i, me
     WHERE i.unit_id IN (SELECT id FROM seen) AND (me.scope <> 'self' OR i.user_id = me.id)
     GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    [userId, from, to],
  );

  let arrivals: ReportArrival[] | null = null;
  if (first.scope === 'all' || first.clerk) {
    const { rows } = await db.query<{ registered_at: Date; presented_at: Date | null; urgent: boolean }>(
      `SELECT e.registered_at, d.presented_at, d.priority >= 1 AS urgent
       FROM register_entries e JOIN documents d ON d.id = e.document_id
       WHERE d.direction = 'incoming'
         -- Returned to its sender without being presented: handled, nothing left to present.
         AND (d.presented_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM workflow_steps s WHERE s.document_id = d.id AND s.kind = 'returned'))
         AND e.registered_at >= ($1::date - interval '7 hours') AT TIME ZONE 'UTC'
         AND e.registered_at < ($2::date + 1 - interval '7 hours') AT TIME ZONE 'UTC'`,
      [from, to],
    );
    arrivals = rows.map((row) => ({ registeredAt: row.registered_at, presentedAt: row.presented_at, urgent: row.urgent }));
  }

  return {
    scope: first.scope,
    units: units.filter((row) => row.unit_id !== null).map((row) => ({ unitId: row.unit_id!, code: row.code!, name: row.name! })),
    items: items.map((row) => ({ unitId: row.unit_id, userId: row.user_id, userName: row.user_name, state: row.state, deadline: row.deadline, assignedOn: row.assigned_on, endedOn: row.ended_on, count: row.n })),
    arrivals,
  };
}
