/**
 * Restricted registers and their named readers (migration 070's `registers.restricted` and
 * `register_readers`), as the administrator changes them. Who may see a document stays the one
 * rule, readable_documents (document-access.ts); this module only says how many of a register's
 * documents each user sees under it, so a change can tell exactly whose sight it altered.
 */
import type { RegisterAccess } from '../../shared/hub/registers.js';
import type { Queryable } from './database.js';

interface RegisterRow {
  id: number;
  code: string;
  name: string;
  direction: 'in' | 'out';
  internal: boolean;
  is_default: boolean;
  active: boolean;
  restricted: boolean;
  documents: number;
  readers: RegisterAccess['readers'];
}

const REGISTER_SELECT = `SELECT g.id, g.code, g.name, g.direction, g.internal, g.is_default, g.active, g.restricted,
    (SELECT count(*)::int FROM register_entries e WHERE e.register_id = g.id) AS documents,
    coalesce((SELECT json_agg(json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name, 'disabled', u.disabled_at IS NOT NULL) ORDER BY u.display_name, u.id)
              FROM register_readers rr JOIN users u ON u.id = rr.user_id WHERE rr.register_id = g.id), '[]') AS readers
  FROM registers g`;

const toRegister = (row: RegisterRow): RegisterAccess => ({
  id: row.id,
  code: row.code,
  name: row.name,
  direction: row.direction,
  internal: row.internal,
  isDefault: row.is_default,
  active: row.active,
  restricted: row.restricted,
  documents: row.documents,
  readers: row.readers,
});

export async function listRegisterAccess(db: Queryable): Promise<RegisterAccess[]> {
  const { rows } = await db.query<RegisterRow>(`${REGISTER_SELECT} ORDER BY g.restricted DESC, g.direction, g.id`);
  return rows.map(toRegister);
}

export async function registerAccess(db: Queryable, id: number): Promise<RegisterAccess | null> {
  const { rows } = await db.query<RegisterRow>(`${REGISTER_SELECT} WHERE g.id = $1`, [id]);
  return rows[0] ? toRegister(rows[0]) : null;
}

/**
 * Locks the register's row until the transaction ends: a document entered in it meanwhile (its
 * entry's key lock) waits for the change, or the change for the entry, so each sees the other.
 */
export async function lockRegister(db: Queryable, id: number): Promise<RegisterAccess | null> {
  const { rowCount } = await db.query('SELECT 1 FROM registers WHERE id = $1 FOR UPDATE', [id]);
  return rowCount === 1 ? registerAccess(db, id) : null;
}

export async function setRegisterRestricted(db: Queryable, id: number, restricted: boolean): Promise<void> {
  await db.query('UPDATE registers SET restricted = $2 WHERE id = $1', [id, restricted]);
}

/** Whether the user was not a reader before. */
export async function addRegisterReader(db: Queryable, registerId: number, userId: number): Promise<boolean> {
  const { rowCount } = await db.query('INSERT INTO register_readers (register_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [registerId, userId]);
  return rowCount === 1;
}

/** Whether the user was a reader. */
export async function removeRegisterReader(db: Queryable, registerId: number, userId: number): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM register_readers WHERE register_id = $1 AND user_id = $2', [registerId, userId]);
  return rowCount === 1;
}

/**
 * How many of the register's documents each user sees now, by the rule (users seeing none are
 * left out); `users` narrows the question to some. Asked before and after a change in its
 * transaction: a restricted register's documents are seen all or none by each user (one entry
 * per document, the readers see them all), so a user whose count moved is one whose sight moved.
 * The documents are named by id, as the feed's audience asks (document-access.ts): the rule is
 * then asked of each by its primary key, where joined with every user at once it listed all
 * each one sees. Still a check per user and document of the register: cheap for one reader
 * named or removed, seconds to minutes for restricting a large register in a large agency
 * (docs/architecture.md "Document access").
 */
export async function registerSight(db: Queryable, registerId: number, users?: readonly number[]): Promise<Map<number, number>> {
  const entries = await db.query<{ ids: number[] }>("SELECT coalesce(array_agg(document_id), '{}') AS ids FROM register_entries WHERE register_id = $1", [registerId]);
  const ids = entries.rows[0]!.ids;
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ user_id: number; seen: number }>(
    `SELECT u.id AS user_id, count(*)::int AS seen
     FROM users u CROSS JOIN LATERAL readable_documents(u.id) r
     WHERE r.document_id = ANY ($1::integer[]) AND ($2::integer[] IS NULL OR u.id = ANY ($2::integer[]))
     GROUP BY u.id`,
    [ids, users ?? null],
  );
  return new Map(rows.map((row) => [row.user_id, row.seen]));
}

/** The users whose count differs between two registerSight answers. */
export function sightChanged(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number[] {
  const users = new Set([...before.keys(), ...after.keys()]);
  return [...users].filter((user) => (before.get(user) ?? 0) !== (after.get(user) ?? 0)).sort((a, b) => a - b);
}
