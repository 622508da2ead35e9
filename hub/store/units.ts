/** Units (phòng ban): a tree by parent_id. */
import type { UnitInfo } from '../../shared/hub/accounts.js';
import type { Queryable } from './database.js';

interface UnitRow {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
}

const toUnit = (row: UnitRow): UnitInfo => ({ id: row.id, code: row.code, name: row.name, parentId: row.parent_id });

export async function listUnits(db: Queryable): Promise<UnitInfo[]> {
  const { rows } = await db.query<UnitRow>('SELECT id, code, name, parent_id FROM units ORDER BY id');
  return rows.map(toUnit);
}

export async function unitById(db: Queryable, id: number): Promise<UnitInfo | null> {
  const { rows } = await db.query<UnitRow>('SELECT id, code, name, parent_id FROM units WHERE id = $1', [id]);
  return rows[0] ? toUnit(rows[0]) : null;
}

export async function unitByCode(db: Queryable, code: string): Promise<UnitInfo | null> {
  const { rows } = await db.query<UnitRow>('SELECT id, code, name, parent_id FROM units WHERE lower(code) = lower($1)', [code]);
  return rows[0] ? toUnit(rows[0]) : null;
}

/** null when the code is taken (compared without case). */
export async function insertUnit(db: Queryable, unit: { code: string; name: string; parentId: number | null }): Promise<UnitInfo | null> {
  const { rows } = await db.query<UnitRow>(
    `INSERT INTO units (code, name, parent_id) SELECT $1, $2, $3
     WHERE NOT EXISTS (SELECT 1 FROM units WHERE lower(code) = lower($1))
     RETURNING id, code, name, parent_id`,
    [unit.code, unit.name, unit.parentId],
  );
  return rows[0] ? toUnit(rows[0]) : null;
}

/** True when `ancestor` is `unit` or above it in the tree: moving `ancestor` under `unit` would close a loop. */
export async function isSameOrAbove(db: Queryable, ancestor: number, unit: number): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `WITH RECURSIVE up (id, parent_id) AS (
       SELECT id, parent_id FROM units WHERE id = $2
       UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id
     )
     SELECT EXISTS (SELECT 1 FROM up WHERE id = $1) AS found`,
    [ancestor, unit],
  );
  return rows[0]!.found;
}

export async function updateUnit(db: Queryable, id: number, change: { name?: string; parentId?: number | null }): Promise<UnitInfo | null> {
  const { rows } = await db.query<UnitRow>(
    `UPDATE units SET name = coalesce($2, name), parent_id = CASE WHEN $3 THEN $4::integer ELSE parent_id END, updated_at = now()
     WHERE id = $1 RETURNING id, code, name, parent_id`,
    [id, change.name ?? null, change.parentId !== undefined, change.parentId ?? null],
  );
  return rows[0] ? toUnit(rows[0]) : null;
}

/** Serialises moves of units, so two moves at once cannot close a loop between them. */
export async function lockUnitTree(db: Queryable): Promise<void> {
  await db.query('LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE');
}
