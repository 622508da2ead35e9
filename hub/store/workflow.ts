/**
 * The handling of arrivals inside the agency (migration 140, docs/architecture.md "Điều hành"):
 * work items, the steps of a document's workflow timeline (each also an audit record), who may act
 * on an item, the workflow part of a HubDocument and a person's open work ("Việc của tôi"). The
 * rules that decide what a step may do are the command handlers' (hub/commands/); this module
 * reads and writes, in the caller's transaction, and decides only who holds what, in SQL.
 */
import type pg from 'pg';
import type { DocumentWorkflow, DraftToSign, MyWorkItem, WorkflowStep, WorkflowStepKind, WorkItem, WorkRole, WorkState } from '../../shared/hub/workflow.js';
import { appendAudit } from './audit.js';
import { readExtensions } from './deadline-extensions.js';
import type { Queryable } from './database.js';

interface ItemRow {
  id: number;
  document_id: number;
  parent_id: number | null;
  role: WorkRole;
  unit_id: number | null;
  user_id: number | null;
  assigned_by: number;
  note: string;
  deadline: string | null;
  state: WorkState;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
}

// The deadline as the calendar day it is (a date column read by node-postgres would become a local midnight).
const itemColumns = (w = '') =>
  `${w}id, ${w}document_id, ${w}parent_id, ${w}role, ${w}unit_id, ${w}user_id, ${w}assigned_by, ${w}note, to_char(${w}deadline, 'YYYY-MM-DD') AS deadline, ${w}state, ${w}created_at, ${w}started_at, ${w}ended_at`;
const ITEM_COLUMNS = itemColumns();

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

const toItem = (row: ItemRow): WorkItem => ({
  id: row.id,
  parentId: row.parent_id,
  role: row.role,
  unitId: row.unit_id,
  userId: row.user_id,
  assignedBy: row.assigned_by,
  note: row.note,
  deadline: row.deadline,
  state: row.state,
  createdAt: row.created_at.toISOString(),
  startedAt: iso(row.started_at),
  endedAt: iso(row.ended_at),
});

/** An item of the document (locked until the transaction ends, with `lock`); null when the document has no such item. */
export async function workItem(db: Queryable, documentId: number, itemId: number, lock: 'lock' | 'read'): Promise<WorkItem | null> {
  const { rows } = await db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM work_items WHERE id = $1 AND document_id = $2${lock === 'lock' ? ' FOR UPDATE' : ''}`, [itemId, documentId]);
  return rows[0] ? toItem(rows[0]) : null;
}

/** The document's items still in play (not done, not closed), locked: a step that ends or counts them sees them as they are. */
export async function lockLiveItems(client: pg.PoolClient, documentId: number): Promise<WorkItem[]> {
  const { rows } = await client.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM work_items WHERE document_id = $1 AND state IN ('open', 'started', 'passed') ORDER BY id FOR UPDATE`, [documentId]);
  return rows.map(toItem);
}

export interface NewWorkItem {
  documentId: number;
  parentId: number | null;
  role: WorkRole;
  unitId: number | null;
  userId: number | null;
  assignedBy: number;
  note: string;
  deadline: string | null;
}

export async function insertWorkItems(client: pg.PoolClient, items: readonly NewWorkItem[], at: Date): Promise<number[]> {
  if (items.length === 0) return [];
  const column = <K extends keyof NewWorkItem>(key: K) => items.map((item) => item[key]);
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO work_items (document_id, parent_id, role, unit_id, user_id, assigned_by, note, deadline, created_at)
     SELECT document_id, parent_id, role, unit_id, user_id, assigned_by, note, deadline, $9
     FROM unnest($1::integer[], $2::integer[], $3::text[], $4::integer[], $5::integer[], $6::integer[], $7::text[], $8::date[]) WITH ORDINALITY
       AS item (document_id, parent_id, role, unit_id, user_id, assigned_by, note, deadline, n)
     ORDER BY n
     RETURNING id`,
    [column('documentId'), column('parentId'), column('role'), column('unitId'), column('userId'), column('assignedBy'), column('note'), column('deadline'), at],
  );
  return rows.map((row) => row.id);
}

/** Moves items to `state`: `started` keeps the first start; `done` and `closed` record when they ended. */
export async function setWorkItemsState(client: pg.PoolClient, ids: readonly number[], state: WorkState, at: Date): Promise<void> {
  if (ids.length === 0) return;
  await client.query(
    `UPDATE work_items SET state = $2,
       started_at = CASE WHEN $2 = 'started' THEN coalesce(started_at, $3) ELSE started_at END,
       ended_at = CASE WHEN $2 IN ('done', 'closed') THEN $3 ELSE ended_at END
     WHERE id = ANY ($1::integer[])`,
    [ids, state, at],
  );
}

/** The items an item was passed on from, nearest first (locked): its end ends those waiting on it. */
export async function lockPassedAncestors(client: pg.PoolClient, itemId: number): Promise<WorkItem[]> {
  const { rows } = await client.query<ItemRow>(
    `WITH RECURSIVE up (id, parent_id, depth) AS (
       SELECT w.id, w.parent_id, 0 FROM work_items w WHERE w.id = $1
       UNION ALL
       SELECT w.id, w.parent_id, up.depth + 1 FROM work_items w JOIN up ON w.id = up.parent_id WHERE w.state = 'passed'
     )
     SELECT ${ITEM_COLUMNS} FROM work_items WHERE id IN (SELECT id FROM up WHERE depth > 0) ORDER BY id DESC FOR UPDATE`,
    [itemId],
  );
  return rows.map(toItem);
}

/**
 * How the user stands to an item: `holder` (it is his, or his unit's and he is its unit leader),
 * `chain` (he holds or made an item it was assigned or passed on from, or made it himself; the
 * clerk who presented a document, making the leader's `decide` item, has no say below it), or
 * null. Asked in SQL with the user's unit and roles as they are now.
 */
export async function standingOnItem(db: Queryable, userId: number, itemId: number): Promise<'holder' | 'chain' | null> {
  const { rows } = await db.query<{ depth: number | null }>(
    `WITH RECURSIVE up (id, parent_id, role, unit_id, user_id, assigned_by, depth) AS (
       SELECT id, parent_id, role, unit_id, user_id, assigned_by, 0 FROM work_items WHERE id = $2
       UNION ALL
       SELECT w.id, w.parent_id, w.role, w.unit_id, w.user_id, w.assigned_by, up.depth + 1 FROM work_items w JOIN up ON w.id = up.parent_id
     ),
     me AS (
       SELECT u.id, u.unit_id, EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'unit_leader') AS unit_leader
       FROM users u WHERE u.id = $1 AND u.disabled_at IS NULL
     )
     SELECT min(CASE WHEN up.user_id = me.id OR (up.unit_id = me.unit_id AND me.unit_leader) THEN up.depth ELSE up.depth + 1 END) AS depth
     FROM up CROSS JOIN me
     WHERE up.user_id = me.id OR (up.unit_id = me.unit_id AND me.unit_leader) OR (up.assigned_by = me.id AND up.role <> 'decide')`,
    [userId, itemId],
  );
  const depth = rows[0]?.depth;
  if (depth === null || depth === undefined) return null;
  return depth === 0 ? 'holder' : 'chain';
}

/**
 * Whether the user may give an opinion on the draft (ý kiến phối hợp): it answers an arrival on
 * which he holds lead or co-operating work (his, or his unit's as a specialist or unit leader of
 * it, as the access rule reads a unit's work), or he stands above such work in its chain (made
 * it, passed it on, or holds an item it came from; not the clerk who presented the arrival).
 * Those given the arrival for information only are not asked. In SQL, as things are now.
 */
export async function mayCommentOnDraft(db: Queryable, userId: number, draftId: number): Promise<boolean> {
  const { rows } = await db.query<{ may: boolean }>(
    `WITH RECURSIVE up (id, parent_id, role, unit_id, user_id, assigned_by) AS (
       SELECT w.id, w.parent_id, w.role, w.unit_id, w.user_id, w.assigned_by
       FROM documents d JOIN work_items w ON w.document_id = d.answers_id
       WHERE d.id = $2 AND w.role IN ('lead', 'cooperate')
       UNION
       SELECT w.id, w.parent_id, w.role, w.unit_id, w.user_id, w.assigned_by FROM work_items w JOIN up ON w.id = up.parent_id
     ),
     me AS (
       SELECT u.id, u.unit_id, EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('specialist', 'unit_leader')) AS in_unit
       FROM users u WHERE u.id = $1 AND u.disabled_at IS NULL
     )
     SELECT EXISTS (
       SELECT 1 FROM up CROSS JOIN me
       WHERE up.user_id = me.id OR (up.unit_id = me.unit_id AND me.in_unit) OR (up.assigned_by = me.id AND up.role <> 'decide')
     ) AS may`,
    [userId, draftId],
  );
  return rows[0]?.may ?? false;
}

/** Records the first presentation's time on the document (the same-day rule). */
export async function markPresented(client: pg.PoolClient, documentId: number, at: Date): Promise<void> {
  await client.query('UPDATE documents SET presented_at = coalesce(presented_at, $2), updated_at = $2 WHERE id = $1', [documentId, at]);
}

export interface NewStep {
  documentId: number;
  itemId: number | null;
  kind: WorkflowStepKind;
  actorId: number;
  /** The username, for the audit record. */
  actor: string;
  text: string;
  statuses: readonly string[];
  /** What else the audit record keeps (holders, deadline…). */
  details?: Record<string, unknown>;
}

/** A step of the timeline and its audit record (`workflow.<kind>`), in the caller's transaction. */
export async function recordStep(client: pg.PoolClient, step: NewStep, at: Date): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    'INSERT INTO workflow_steps (document_id, item_id, kind, actor_id, text, statuses, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [step.documentId, step.itemId, step.kind, step.actorId, step.text, step.statuses, at],
  );
  const id = rows[0]!.id;
  await appendAudit(
    client,
    { actor: step.actor, action: `workflow.${step.kind}`, subject: `document:${step.documentId}`, details: { step: id, item: step.itemId, text: step.text, statuses: step.statuses, ...step.details } },
    at,
  );
  return id;
}

/** The workflow part of each document of `ids` (HubDocument.workflow); documents without one are absent from the map. */
export async function readWorkflows(db: Queryable, ids: readonly number[]): Promise<Map<number, DocumentWorkflow>> {
  const items = await db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM work_items WHERE document_id = ANY ($1::integer[]) ORDER BY document_id, id`, [ids]);
  const steps = await db.query<{ id: number; document_id: number; at: Date; kind: WorkflowStepKind; actor_id: number; actor_name: string; item_id: number | null; text: string; statuses: string[]; presented_at: Date | null }>(
    `SELECT s.id, s.document_id, s.at, s.kind, s.actor_id, u.display_name AS actor_name, s.item_id, s.text, s.statuses, d.presented_at
     FROM workflow_steps s JOIN users u ON u.id = s.actor_id JOIN documents d ON d.id = s.document_id
     WHERE s.document_id = ANY ($1::integer[]) ORDER BY s.document_id, s.id`,
    [ids],
  );
  const workflows = new Map<number, DocumentWorkflow>();
  const of = (documentId: number, presentedAt: Date | null) => {
    let workflow = workflows.get(documentId);
    if (!workflow) workflows.set(documentId, (workflow = { presentedAt: iso(presentedAt), items: [], steps: [], extensions: [] }));
    return workflow;
  };
  // Every document with items has steps (each item is made by one), so the steps' rows carry presented_at.
  for (const row of steps.rows) {
    const step: WorkflowStep = { id: row.id, at: row.at.toISOString(), kind: row.kind, actorId: row.actor_id, actorName: row.actor_name, itemId: row.item_id, text: row.text, statuses: row.statuses };
    of(row.document_id, row.presented_at).steps.push(step);
  }
  for (const row of items.rows) of(row.document_id, null).items.push(toItem(row));
  for (const [documentId, extensions] of await readExtensions(db, ids)) of(documentId, null).extensions = extensions;
  return workflows;
}

/**
 * "Việc của tôi": the user's open items (his own and, a unit leader's, his unit's), on documents he
 * may see (readable_documents, the one access rule); soonest deadline first, none last, then the
 * more urgent document, then the older item.
 */
export async function openWorkOf(db: Queryable, userId: number, limit: number): Promise<MyWorkItem[]> {
  const { rows } = await db.query<ItemRow & { subject: string; priority: number; arrival_number: number | null }>({
    // A named statement: each connection plans it once. Planning the access rule inlined took
    // longer than running it (docs/architecture.md "The bench"), and its plan does not depend on who asks.
    name: 'open-work-of',
    text: `WITH me AS (
       SELECT u.id, u.unit_id, EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'unit_leader') AS unit_leader
       FROM users u WHERE u.id = $1 AND u.disabled_at IS NULL
     ),
     mine AS (
       SELECT w.* FROM work_items w, me WHERE w.user_id = me.id AND w.state IN ('open', 'started')
       UNION ALL
       SELECT w.* FROM work_items w, me WHERE me.unit_leader AND w.unit_id = me.unit_id AND w.state IN ('open', 'started')
     )
     SELECT ${itemColumns('w.')}, d.subject, d.priority, d.arrival_number
     FROM mine w JOIN documents d ON d.id = w.document_id
     WHERE EXISTS (SELECT 1 FROM readable_documents($1) r WHERE r.document_id = w.document_id)
     ORDER BY w.deadline ASC NULLS LAST, d.priority DESC, w.id
     LIMIT $2`,
    values: [userId, limit],
  });
  return rows.map((row) => ({ documentId: row.document_id, subject: row.subject, priority: row.priority, arrivalNumber: row.arrival_number, item: toItem(row) }));
}

/**
 * "Chờ ký": the drafts submitted to the user for his signature and still waiting for it, on
 * documents he may see, the earliest submitted first, with who submitted each and when.
 */
export async function draftsToSignOf(db: Queryable, userId: number, limit: number): Promise<DraftToSign[]> {
  const { rows } = await db.query<{ id: number; subject: string; priority: number; actor_id: number | null; at: Date | null }>(
    `SELECT d.id, d.subject, d.priority, s.actor_id, s.at
     FROM documents d
     LEFT JOIN LATERAL (SELECT actor_id, at FROM workflow_steps WHERE document_id = d.id AND kind = 'submitted' ORDER BY id DESC LIMIT 1) s ON true
     WHERE d.direction = 'draft' AND d.signing_state = 'awaiting_leader' AND d.signing_leader_id = $1
       AND EXISTS (SELECT 1 FROM readable_documents($1) r WHERE r.document_id = d.id)
     ORDER BY s.at NULLS LAST, d.id
     LIMIT $2`,
    [userId, limit],
  );
  return rows.map((row) => ({ documentId: row.id, subject: row.subject, priority: row.priority, submittedBy: row.actor_id, submittedAt: iso(row.at) }));
}
