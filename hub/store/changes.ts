/**
 * The change feed's rows: written by the hub's other stores inside their own transactions, and
 * read for many desks at once with the access check in the query. docs/architecture.md, "Agency
 * hub", has the numbering rule (a change is numbered at commit) that makes `next` safe.
 */
import type { Role } from '../../shared/hub/accounts.js';
import type { FeedAnswer, FeedChange } from '../../shared/hub/feed.js';
import type { Queryable } from './database.js';

/**
 * Who may see a change. `units`: every member of the unit; `unitRoles`: the members of the unit
 * with that role (e.g. its unit leaders); `roles`: everyone with the role, in any unit.
 */
export interface ChangeAudience {
  users?: number[];
  units?: number[];
  unitRoles?: { unitId: number; role: Role }[];
  roles?: Role[];
}

export interface NewChange {
  /** Dotted lower-case words, e.g. `directory.unit`. */
  kind: string;
  /** What changed, e.g. `unit:3`: a desk applies changes to one subject in number order. */
  subject: string;
  payload: unknown;
  audience: ChangeAudience;
}

/**
 * Records a change in the caller's transaction: it is numbered, and announced to every hub
 * instance, when that transaction commits, and vanishes if it rolls back. One statement, so the
 * change and its audience arrive together even without an explicit transaction.
 */
export async function recordChange(db: Queryable, change: NewChange): Promise<void> {
  const grants: [number | null, number | null, Role | null][] = [
    ...(change.audience.users ?? []).map((id): [number, null, null] => [id, null, null]),
    ...(change.audience.units ?? []).map((id): [null, number, null] => [null, id, null]),
    ...(change.audience.unitRoles ?? []).map(({ unitId, role }): [null, number, Role] => [null, unitId, role]),
    ...(change.audience.roles ?? []).map((role): [null, null, Role] => [null, null, role]),
  ];
  if (grants.length === 0) throw new Error(`The change ${change.kind} of ${change.subject} names no audience: nobody could ever see it.`);
  await db.query(
    `WITH added AS (INSERT INTO changes (kind, subject, payload) VALUES ($1, $2, $3) RETURNING id)
     INSERT INTO change_audience (change_id, user_id, unit_id, role)
     SELECT added.id, grant_row.user_id, grant_row.unit_id, grant_row.role
     FROM added, unnest($4::integer[], $5::integer[], $6::text[]) AS grant_row (user_id, unit_id, role)`,
    [change.kind, change.subject, JSON.stringify(change.payload), grants.map((g) => g[0]), grants.map((g) => g[1]), grants.map((g) => g[2])],
  );
}

export interface FeedReader {
  sessionId: string;
  /** The last number this reader has. */
  after: number;
}

/** Per reader, in the order asked: its answer, or `ended` when its session may no longer read. */
export type FeedReadResult = FeedAnswer | 'ended';

/**
 * One query answers every reader: who the reader is (a live session of an enabled user, with the
 * user's unit and roles as they are now) and what of the feed that reader may see are both
 * decided here, in SQL. `next` is the hub's last number unless the page is full: every number up
 * to the last visible one was committed before it was given (the numbering rule), so nothing
 * below `next` can still appear.
 */
export async function readFeed(db: Queryable, readers: readonly FeedReader[], limit: number): Promise<FeedReadResult[]> {
  const { rows } = await db.query<{
    ordinal: string;
    allowed: boolean;
    head: string;
    pruned_through: string;
    seq: string | null;
    at: Date | null;
    kind: string | null;
    subject: string | null;
    payload: unknown;
  }>(
    `WITH asked AS (
       SELECT * FROM unnest($1::uuid[], $2::bigint[]) WITH ORDINALITY AS asked (session_id, after, ordinal)
     ), state AS (
       -- One row, known to be one: a table scan here is estimated at thousands of rows before
       -- the table is analysed, which once made this query costly enough to be JIT-compiled (a second per wake).
       SELECT (SELECT pruned_through FROM change_feed_state) AS pruned_through
     ), feed AS (
       SELECT pruned_through, greatest(pruned_through, coalesce((SELECT max(seq) FROM changes), 0)) AS head FROM state
     ), reader AS (
       SELECT asked.ordinal, asked.after, u.id AS user_id, u.unit_id,
         coalesce((SELECT array_agg(r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles
       FROM asked
       JOIN sessions s ON s.id = asked.session_id AND s.revoked_at IS NULL AND s.expires_at > now()
       JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
     )
     SELECT asked.ordinal, reader.ordinal IS NOT NULL AS allowed, feed.head, feed.pruned_through, page.seq, page.at, page.kind, page.subject, page.payload
     FROM asked CROSS JOIN feed
     LEFT JOIN reader ON reader.ordinal = asked.ordinal
     LEFT JOIN LATERAL (
       SELECT c.seq, c.at, c.kind, c.subject, c.payload
       FROM changes c
       WHERE reader.after >= feed.pruned_through AND reader.after <= feed.head
         AND c.seq > reader.after AND c.seq <= feed.head
         AND EXISTS (
           SELECT 1 FROM change_audience a
           WHERE a.change_id = c.id
             AND (a.user_id = reader.user_id
               OR (a.user_id IS NULL AND (a.unit_id IS NULL OR a.unit_id = reader.unit_id) AND (a.role IS NULL OR a.role = ANY (reader.roles)))))
       ORDER BY c.seq
       LIMIT $3
     ) page ON true
     ORDER BY asked.ordinal, page.seq`,
    [readers.map((r) => r.sessionId), readers.map((r) => r.after), limit],
  );
  const changes = new Map<number, FeedChange[]>();
  const results: FeedReadResult[] = [];
  for (const row of rows) {
    const index = Number(row.ordinal) - 1;
    if (results[index] === undefined) {
      const head = Number(row.head);
      const after = readers[index]!.after;
      if (!row.allowed) results[index] = 'ended';
      else if (after < Number(row.pruned_through))
        results[index] = { reset: 'pruned', head, message: `The hub keeps changes after number ${row.pruned_through} only; this desk has up to ${after}. Take a fresh snapshot.` };
      else if (after > head) results[index] = { reset: 'unknown', head, message: `This hub has given numbers up to ${head}, not ${after}: the desk's copy comes from another database. Take a fresh snapshot.` };
      else {
        const page: FeedChange[] = [];
        changes.set(index, page);
        results[index] = { changes: page, next: head };
      }
    }
    if (row.seq !== null) changes.get(index)!.push({ seq: Number(row.seq), at: row.at!.toISOString(), kind: row.kind!, subject: row.subject!, payload: row.payload });
  }
  for (const [index, page] of changes) {
    if (page.length === limit) (results[index] as { next: number }).next = page[page.length - 1]!.seq;
  }
  return results;
}

/**
 * Drops the changes numbered before the first one committed at or after `before`, and remembers
 * how far it went: a desk asking from below that number is told to take a fresh snapshot.
 */
export async function pruneChanges(db: Queryable, before: Date): Promise<number> {
  const { rows } = await db.query<{ removed: number }>(
    `WITH cut AS (
       SELECT max(seq) AS through FROM changes WHERE at < $1 AND seq IS NOT NULL
     ), gone AS (
       DELETE FROM changes WHERE seq <= (SELECT through FROM cut) RETURNING seq
     ), moved AS (
       UPDATE change_feed_state SET pruned_through = greatest(pruned_through, (SELECT through FROM cut)) WHERE (SELECT through FROM cut) IS NOT NULL
     )
     SELECT count(*)::integer AS removed FROM gone`,
    [before],
  );
  return rows[0]!.removed;
}
