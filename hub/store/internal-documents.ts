/**
 * Internal documents (văn bản nội bộ; docs/formats.md "Internal documents", migration 210): a
 * draft marked internal is numbered in the agency's internal register and, once sealed, delivered
 * inside the hub: each recipient unit gets a copy, an arrival of origin `internal` that the
 * workflow handles as it handles any arrival. Nothing of it goes to the axis.
 */
import type pg from 'pg';
import type { RegisterRef } from '../../electron/core/store/exchange-store.js';
import { CONTENT_COLUMNS } from '../../electron/core/store/received-content.js';
import type { Queryable } from './database.js';

/** The register internal drafts are numbered in: the one named (open, internal) or the internal default. */
export async function internalRegisterForNumbering(db: Queryable, id?: number): Promise<RegisterRef | null> {
  const { rows } =
    id === undefined
      ? await db.query<RegisterRef>('SELECT id, code FROM registers WHERE internal AND is_default')
      : await db.query<RegisterRef>('SELECT id, code FROM registers WHERE id = $1 AND internal AND active', [id]);
  return rows[0] ?? null;
}

/**
 * The default internal register, made again where none is (a standalone agency imported into a
 * new hub brings its own registers in place of the hub's). Its code is taken by another register
 * there: it is left to the administrator.
 */
export async function ensureInternalRegister(client: pg.PoolClient): Promise<void> {
  await client.query(
    `INSERT INTO registers (code, name, direction, internal, is_default, scope)
     SELECT 'internal', 'Sổ văn bản nội bộ', 'out', true, true, 'Văn bản gửi giữa các đơn vị trong cơ quan'
     WHERE NOT EXISTS (SELECT 1 FROM registers WHERE internal AND is_default)
     ON CONFLICT (code) DO NOTHING`,
  );
}

/** Marks a draft internal or not (draft.save, while it is edited). */
export async function setDraftInternal(client: pg.PoolClient, id: number, internal: boolean, at: Date): Promise<void> {
  await client.query('UPDATE documents SET internal = $2, updated_at = $3 WHERE id = $1', [id, internal, at]);
}

/** Of `ids`, the ones that are units of the agency. */
export async function existingUnits(db: Queryable, ids: readonly number[]): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM units WHERE id = ANY ($1::integer[]) ORDER BY id', [[...ids]]);
  return rows.map((row) => row.id);
}

/** The name the copies show as their sender: the unit of the one who drafted it, else the agency's top unit. */
export async function internalSenderName(db: Queryable, documentId: number): Promise<string | null> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT coalesce(
       (SELECT u.name FROM documents d JOIN users p ON p.id = d.created_by JOIN units u ON u.id = p.unit_id WHERE d.id = $1),
       (SELECT name FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1)) AS name`,
    [documentId],
  );
  return rows[0]?.name ?? null;
}

/** The sealed internal draft becomes a sent document. False when it is no internal draft any more. */
export async function markSentInternally(client: pg.PoolClient, id: number, at: Date): Promise<boolean> {
  const { rowCount } = await client.query("UPDATE documents SET direction = 'outgoing', state = 'sent', updated_at = $2 WHERE id = $1 AND direction = 'draft' AND internal", [id, at]);
  return rowCount === 1;
}

/**
 * The copy of a sent internal document a unit receives: the same header and files (the same
 * blobs), registered on arrival (`accepted`: the clerk sent it, there is nothing to check), its
 * sender the unit that drafted it. Returns its id.
 */
export async function insertInternalCopy(client: pg.PoolClient, copy: { sourceId: number; unitId: number; senderName: string | null; at: Date }): Promise<number> {
  const columns = CONTENT_COLUMNS.filter((column) => column !== 'sender_name').join(', ');
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO documents (direction, state, origin, internal, internal_source_id, internal_unit_id, sender_name, received_at, created_at, updated_at, to_places, ${columns})
     SELECT 'incoming', 'accepted', 'internal', true, id, $2, $3, $4, $4, $4, to_places, ${columns} FROM documents WHERE id = $1
     RETURNING id`,
    [copy.sourceId, copy.unitId, copy.senderName, copy.at],
  );
  const id = rows[0]!.id;
  await client.query(
    `INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at)
     SELECT $2, position, name, content_type, size, sha256, $3 FROM attachments WHERE document_id = $1 ORDER BY position`,
    [copy.sourceId, id, copy.at],
  );
  return id;
}

/** Where an internal copy came from; null for any other document. */
export async function internalCopyOf(db: Queryable, documentId: number): Promise<{ sourceId: number; unitId: number } | null> {
  const { rows } = await db.query<{ sourceId: number; unitId: number }>(
    'SELECT internal_source_id AS "sourceId", internal_unit_id AS "unitId" FROM documents WHERE id = $1 AND internal_source_id IS NOT NULL',
    [documentId],
  );
  return rows[0] ?? null;
}

/** How a recipient unit is named among a sent internal document's recipients (recipient_statuses). */
export const internalRecipientId = (unitId: number): string => `unit:${unitId}`;
