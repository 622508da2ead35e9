/**
 * The open work per unit that a leader's overview counts (`GET /api/work/overdue`): who may see
 * which units is decided here, with the user's roles and unit as they are now. The agency's
 * leaders see every unit, a unit leader his own; anyone else none (null). An item counts for the
 * unit that holds it, or for its holder's unit; items for information are not work.
 */
import type { Queryable } from './database.js';

export interface UnitDeadlineCount {
  unitId: number;
  code: string;
  name: string;
  /** YYYY-MM-DD, or null for items without one; null with `count` 0 for a unit with no open work. */
  deadline: string | null;
  count: number;
}

export async function openWorkByUnit(db: Queryable, userId: number): Promise<UnitDeadlineCount[] | null> {
  const { rows } = await db.query<{ unit_id: number | null; code: string | null; name: string | null; deadline: string | null; n: number; allowed: boolean }>(
    `WITH me AS (
       SELECT u.id, u.unit_id,
         EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'leader') AS leader,
         EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'unit_leader') AS unit_leader
       FROM users u WHERE u.id = $1 AND u.disabled_at IS NULL
     ),
     seen AS (
       SELECT un.id, un.code, un.name FROM units un, me WHERE me.leader OR (me.unit_leader AND un.id = me.unit_id)
     ),
     work AS (
       SELECT coalesce(w.unit_id, holder.unit_id) AS unit_id, w.deadline
       FROM work_items w LEFT JOIN users holder ON holder.id = w.user_id
       WHERE w.state IN ('open', 'started') AND w.role <> 'inform'
     )
     SELECT s.id AS unit_id, s.code, s.name, to_char(k.deadline, 'YYYY-MM-DD') AS deadline, count(k.unit_id)::integer AS n, true AS allowed
     FROM seen s LEFT JOIN work k ON k.unit_id = s.id
     GROUP BY s.id, s.code, s.name, k.deadline
     UNION ALL
     -- One row saying the user may look at all, even when the agency has no unit to show.
     SELECT NULL, NULL, NULL, NULL, 0, coalesce((SELECT leader OR unit_leader FROM me), false)
     ORDER BY code NULLS FIRST, deadline`,
    [userId],
  );
  if (!rows[0]?.allowed) return null;
  return rows.slice(1).map((row) => ({ unitId: row.unit_id!, code: row.code!, name: row.name!, deadline: row.deadline, count: row.n }));
}
