/**
 * What the daily digest counts (the open work each person holds, and what waits for his word),
 * and the digests given, once per person and day (migration 190): the INSERT … ON CONFLICT DO
 * NOTHING RETURNING decides which are new, and only those reach the change feed, in the same
 * transaction, as the deadline reminders do (deadline-reminders.ts).
 */
import type pg from 'pg';
import { DEADLINE_DIGEST, type DailyDigestPayload } from '../../shared/hub/deadlines.js';
import { recordChange } from './changes.js';
import { inTransaction, type Queryable } from './database.js';

/** Per person: how many open items he holds with this deadline (null: none), and how many of them wait for his instruction. */
export interface HeldWork {
  userId: number;
  deadline: string | null;
  count: number;
  /** Items presented to him for an instruction (role `decide`) among `count`. */
  decide: number;
}

/**
 * The open items held by each person not disabled (his own, and for a unit leader his unit's), by
 * deadline; and, as rows with no items, the extensions waiting for the decision of the one who
 * assigned the item (`decide` alone). Items for information are to be read, not worked on.
 */
export async function heldWork(db: Queryable): Promise<HeldWork[]> {
  const { rows } = await db.query<{ user_id: number; deadline: string | null; n: number; decide: number }>(
    `WITH heads AS (
       SELECT u.id, u.unit_id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'unit_leader' WHERE u.disabled_at IS NULL
     ),
     held AS (
       SELECT holder.id AS user_id, w.deadline, w.role
       FROM work_items w
       CROSS JOIN LATERAL (
         SELECT u.id FROM users u WHERE u.id = w.user_id AND u.disabled_at IS NULL
         UNION
         SELECT h.id FROM heads h WHERE h.unit_id = w.unit_id
       ) holder
       WHERE w.state IN ('open', 'started') AND w.role <> 'inform'
     )
     SELECT user_id, to_char(deadline, 'YYYY-MM-DD') AS deadline, count(*)::integer AS n, count(*) FILTER (WHERE role = 'decide')::integer AS decide
     FROM held GROUP BY user_id, deadline
     UNION ALL
     SELECT w.assigned_by, NULL, 0, count(*)::integer
     FROM deadline_extensions e JOIN work_items w ON w.id = e.item_id JOIN users u ON u.id = w.assigned_by AND u.disabled_at IS NULL
     WHERE e.state = 'asked' AND w.state IN ('open', 'started', 'passed')
     GROUP BY w.assigned_by
     ORDER BY 1, 2`,
  );
  return rows.map((row) => ({ userId: row.user_id, deadline: row.deadline, count: row.n, decide: row.decide }));
}

/** The digests that were new; each is in its person's feed once committed. */
export async function recordDigests(pool: pg.Pool, digests: ReadonlyMap<number, DailyDigestPayload>): Promise<Map<number, DailyDigestPayload>> {
  if (digests.size === 0) return new Map();
  // One order for every run, so two runs lock the same keys in the same order and never deadlock.
  const list = [...digests].sort(([a], [b]) => a - b);
  const column = <T>(pick: (digest: DailyDigestPayload) => T) => list.map(([, digest]) => pick(digest));
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ user_id: number }>(
      `INSERT INTO daily_digests (user_id, day, open_count, overdue, due_today, due_soon, awaiting)
       SELECT * FROM unnest($1::integer[], $2::date[], $3::integer[], $4::integer[], $5::integer[], $6::integer[], $7::integer[])
       ON CONFLICT (user_id, day) DO NOTHING
       RETURNING user_id`,
      [
        list.map(([userId]) => userId),
        column((d) => d.day),
        column((d) => d.open),
        column((d) => d.overdue),
        column((d) => d.dueToday),
        column((d) => d.dueSoon),
        column((d) => d.awaiting),
      ],
    );
    const given = new Map<number, DailyDigestPayload>();
    for (const { user_id: userId } of rows) {
      const payload = digests.get(userId)!;
      await recordChange(client, { kind: DEADLINE_DIGEST, subject: `digest:${userId}:${payload.day}`, payload, audience: { users: [userId] } });
      given.set(userId, payload);
    }
    return given;
  });
}
