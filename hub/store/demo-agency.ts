/**
 * What the demo agency's seed (scripts/seed/seed-agency.ts) asks of the hub's database: whether
 * the hub is empty, and its finished history written in bulk. The history's rows are the ones the
 * hub's own steps write (documents, register entries, grants, work items, timeline steps, the
 * statuses sent, recipients), built by the seed in the order they happened; their audit records go
 * through appendAudits. Column names come from this module, never from the records; a record
 * gives every column that has no NULL (the columns' defaults do not apply).
 */
import type pg from 'pg';
import type { Queryable } from './database.js';

export interface AgencyContents {
  units: number;
  users: number;
  documents: number;
}

/** How much of an agency the hub holds already: the seed fills an empty hub only. */
export async function agencyContents(db: Queryable): Promise<AgencyContents> {
  const { rows } = await db.query<{ units: string; users: string; documents: string }>(
    'SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM documents) AS documents',
  );
  return { units: Number(rows[0]!.units), users: Number(rows[0]!.users), documents: Number(rows[0]!.documents) };
}

/** The tables the history fills and the columns it gives; those with an `id` return theirs, in the order given. */
const HISTORY_COLUMNS = {
  documents: [
    'direction', 'state', 'signing_state', 'subject', 'summary', 'type_name', 'code_number', 'code_notation', 'promulgation_date', 'signer_name', 'signer_position', 'place',
    'to_places', 'sender_id', 'sender_name', 'edxml_document_id', 'received_at', 'arrival_number', 'presented_at', 'package_sha256', 'axis_doc_id', 'created_by',
    'client_key', 'created_at', 'updated_at',
  ],
  work_items: ['document_id', 'parent_id', 'role', 'unit_id', 'user_id', 'assigned_by', 'note', 'deadline', 'state', 'created_at', 'started_at', 'ended_at'],
  workflow_steps: ['document_id', 'item_id', 'kind', 'actor_id', 'text', 'statuses', 'at'],
  register_entries: ['register_id', 'year', 'number', 'document_id', 'registered_at'],
  document_grants: ['document_id', 'unit_id', 'user_id', 'granted_by', 'granted_at'],
  status_events: ['document_id', 'agency_id', 'direction', 'status_code', 'description', 'staff', 'occurred_at'],
  recipient_statuses: ['document_id', 'recipient_id', 'state', 'status_code', 'updated_at'],
} as const;
const WITH_ID = new Set<HistoryTable>(['documents', 'work_items', 'workflow_steps']);
export type HistoryTable = keyof typeof HISTORY_COLUMNS;
export type HistoryRecord<T extends HistoryTable> = Partial<Record<(typeof HISTORY_COLUMNS)[T][number], unknown>>;

/** Inserts the records into `table` in the order given; the ids they took, in that order (none for a table without ids). */
export async function insertHistory<T extends HistoryTable>(client: pg.PoolClient, table: T, records: readonly HistoryRecord<T>[]): Promise<number[]> {
  if (records.length === 0) return [];
  const list = HISTORY_COLUMNS[table].map((column) => `"${column}"`).join(', ');
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO ${table} (${list})
     SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) WITH ORDINALITY AS record
     ORDER BY ordinality
     ${WITH_ID.has(table) ? 'RETURNING id' : ''}`,
    [JSON.stringify(records)],
  );
  return rows.map((row) => row.id);
}

/** After entries were written with their numbers, each register's counter goes on from the highest of each year. */
export async function catchUpRegisterCounters(client: pg.PoolClient): Promise<void> {
  await client.query(
    `INSERT INTO register_counters (register_id, year, last_number)
     SELECT register_id, year, max(number) FROM register_entries GROUP BY register_id, year
     ON CONFLICT (register_id, year) DO UPDATE SET last_number = greatest(register_counters.last_number, excluded.last_number)`,
  );
}
