/**
 * Extensions of work items' deadlines (gia hạn, migration 160): asked by the holder, decided by one
 * above the item in its chain (hub/commands/assignment-extension.ts decides who may). Dates travel
 * as YYYY-MM-DD text, as in calendar-days.ts. Writes run in the command's transaction, with the
 * item locked first.
 */
import type { DeadlineExtension } from '../../shared/domain/working-days.js';
import type { ExtensionRequest, ExtensionState } from '../../shared/hub/workflow.js';
import type { Queryable } from './database.js';

interface ExtensionRow {
  id: number;
  document_id: number;
  item_id: number;
  asked_by: number;
  reason: string;
  from_deadline: string;
  proposed: string;
  state: ExtensionState;
  to_deadline: string | null;
  decided_by: number | null;
  decision_note: string;
  asked_at: Date;
  decided_at: Date | null;
}

const COLUMNS = `e.id, w.document_id, e.item_id, e.asked_by, e.reason, to_char(e.from_deadline, 'YYYY-MM-DD') AS from_deadline,
  to_char(e.proposed, 'YYYY-MM-DD') AS proposed, e.state, to_char(e.to_deadline, 'YYYY-MM-DD') AS to_deadline,
  e.decided_by, e.decision_note, e.asked_at, e.decided_at`;

const toRequest = (row: ExtensionRow): ExtensionRequest => ({
  id: row.id,
  itemId: row.item_id,
  askedBy: row.asked_by,
  reason: row.reason,
  from: row.from_deadline,
  proposed: row.proposed,
  state: row.state,
  to: row.to_deadline,
  decidedBy: row.decided_by,
  note: row.decision_note,
  askedAt: row.asked_at.toISOString(),
  decidedAt: row.decided_at === null ? null : row.decided_at.toISOString(),
});

/** The extension the item waits on, if any. */
export async function askedExtension(db: Queryable, itemId: number): Promise<ExtensionRequest | null> {
  const { rows } = await db.query<ExtensionRow>(`SELECT ${COLUMNS} FROM deadline_extensions e JOIN work_items w ON w.id = e.item_id WHERE e.item_id = $1 AND e.state = 'asked'`, [itemId]);
  return rows[0] ? toRequest(rows[0]) : null;
}

/** The item's approved extensions, oldest first: the history extendDeadline adds to. */
export async function approvedExtensions(db: Queryable, itemId: number): Promise<DeadlineExtension[]> {
  const { rows } = await db.query<{ from: string; to: string; reason: string }>(
    `SELECT to_char(from_deadline, 'YYYY-MM-DD') AS from, to_char(to_deadline, 'YYYY-MM-DD') AS to, reason
     FROM deadline_extensions WHERE item_id = $1 AND state = 'approved' ORDER BY id`,
    [itemId],
  );
  return rows;
}

export interface NewExtension {
  itemId: number;
  askedBy: number;
  reason: string;
  from: string;
  proposed: string;
}

export async function insertExtension(db: Queryable, extension: NewExtension, at: Date): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO deadline_extensions (item_id, asked_by, reason, from_deadline, proposed, asked_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [extension.itemId, extension.askedBy, extension.reason, extension.from, extension.proposed, at],
  );
  return rows[0]!.id;
}

/** Records the decision; an approval also moves the item's deadline to `to`. */
export async function recordExtensionDecision(
  db: Queryable,
  decision: { extensionId: number; itemId: number; decidedBy: number; note: string } & ({ state: 'approved'; to: string } | { state: 'refused' }),
  at: Date,
): Promise<void> {
  const to = decision.state === 'approved' ? decision.to : null;
  await db.query('UPDATE deadline_extensions SET state = $2, to_deadline = $3, decided_by = $4, decision_note = $5, decided_at = $6 WHERE id = $1', [
    decision.extensionId,
    decision.state,
    to,
    decision.decidedBy,
    decision.note,
    at,
  ]);
  if (to !== null) await db.query('UPDATE work_items SET deadline = $2 WHERE id = $1', [decision.itemId, to]);
}

/** The extensions of each document of `ids` (DocumentWorkflow.extensions), oldest first. */
export async function readExtensions(db: Queryable, ids: readonly number[]): Promise<Map<number, ExtensionRequest[]>> {
  const { rows } = await db.query<ExtensionRow>(`SELECT ${COLUMNS} FROM deadline_extensions e JOIN work_items w ON w.id = e.item_id WHERE w.document_id = ANY ($1::integer[]) ORDER BY w.document_id, e.id`, [ids]);
  const byDocument = new Map<number, ExtensionRequest[]>();
  for (const row of rows) {
    const list = byDocument.get(row.document_id) ?? [];
    list.push(toRequest(row));
    byDocument.set(row.document_id, list);
  }
  return byDocument;
}
