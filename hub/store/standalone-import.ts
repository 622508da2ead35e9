/**
 * Writing a standalone agency into an empty hub (`npm run hub -- import`): its rows keep their ids
 * and numbers, the tables match the desktop's by name and column (hub migrations 030 and 050), and
 * the few that differ are mapped here. Everything runs in the caller's transaction: the import
 * lands whole or not at all.
 */
import type pg from 'pg';
import { agencySearchText } from '../../electron/core/store/agency-search-text.js';
import type { SourceRow } from './standalone-source.js';

/** What has no place yet would otherwise be dropped silently: the import refuses while these hold rows. */
export interface HubEmptiness {
  documents: number;
  outbox: number;
}

export async function hubEmptiness(client: pg.PoolClient): Promise<HubEmptiness> {
  const { rows } = await client.query<{ documents: string; outbox: string }>('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM outbox) AS outbox');
  return { documents: Number(rows[0]!.documents), outbox: Number(rows[0]!.outbox) };
}

/** The hub's own two registers (made by its migration) give way to the agency's, ids and all. */
export async function clearSeededRegisters(client: pg.PoolClient): Promise<void> {
  await client.query('DELETE FROM register_counters');
  await client.query('DELETE FROM registers');
}

type ColumnTypes = Map<string, string>;

async function columnTypes(client: pg.PoolClient, table: string): Promise<ColumnTypes> {
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
    [table],
  );
  if (rows.length === 0) throw new Error(`The hub has no table ${table}.`);
  return new Map(rows.map((row) => [row.column_name, row.data_type]));
}

/** SQLite keeps booleans as 0/1 and JSON as text; PostgreSQL wants them typed. */
function typed(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === true || value === '1';
  if ((type === 'jsonb' || type === 'json') && typeof value === 'string') return JSON.parse(value) as unknown;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * Inserts rows of the desktop table into the hub table of the same name, by column name: the
 * hub's columns the rows do not have take their defaults. `columns` are the ones to carry.
 */
export async function insertRows(client: pg.PoolClient, table: string, rows: readonly SourceRow[], columns: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  const types = await columnTypes(client, table);
  const missing = columns.filter((column) => !types.has(column));
  if (missing.length > 0) throw new Error(`The hub's table ${table} has no column ${missing.join(', ')}.`);
  const records = rows.map((row) => Object.fromEntries(columns.map((column) => [column, typed(row[column], types.get(column)!)])));
  const list = columns.map((column) => `"${column}"`).join(', ');
  await client.query(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`, [JSON.stringify(records)]);
}

/** The desktop keeps counters by register code; the hub by register id. */
export async function insertRegisterCounters(client: pg.PoolClient, rows: readonly SourceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO register_counters (register_id, year, last_number)
     SELECT registers.id, counter.year, counter.last_number
     FROM jsonb_to_recordset($1::jsonb) AS counter (register text, year integer, last_number integer)
     JOIN registers ON registers.code = counter.register`,
    [JSON.stringify(rows)],
  );
  const { rows: counted } = await client.query<{ n: string }>('SELECT count(*) AS n FROM register_counters');
  if (Number(counted[0]!.n) < rows.length) throw new Error('A register counter names a register the standalone database does not have.');
}

/** The desktop keeps a document's place in a register on the document; the hub in register_entries. */
export async function insertRegisterEntries(client: pg.PoolClient, documents: readonly SourceRow[]): Promise<void> {
  const entries = documents
    .filter((document) => document.register_id !== null && document.register_id !== undefined)
    .map((document) => ({ register_id: document.register_id, year: document.register_year, number: document.register_number, document_id: document.id, registered_at: document.registered_at }));
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO register_entries (register_id, year, number, document_id, registered_at)
     SELECT register_id, year, number, document_id, registered_at FROM jsonb_to_recordset($1::jsonb)
       AS entry (register_id integer, year integer, number integer, document_id integer, registered_at timestamptz)`,
    [JSON.stringify(entries)],
  );
}

/** A later document may replace an earlier one and the other way round: the links go in once both rows exist. */
export async function linkReplacements(client: pg.PoolClient, links: readonly { id: number; replacesId: number }[]): Promise<void> {
  if (links.length === 0) return;
  await client.query(
    `UPDATE documents SET replaces_id = link.replaces_id
     FROM jsonb_to_recordset($1::jsonb) AS link (id integer, replaces_id integer) WHERE documents.id = link.id`,
    [JSON.stringify(links.map((link) => ({ id: link.id, replaces_id: link.replacesId })))],
  );
}

/** The hub's directory search needs the folded text the desktop keeps in its FTS table. */
export function withAgencySearchText(rows: readonly SourceRow[]): SourceRow[] {
  return rows.map((row) => ({ ...row, search_text: agencySearchText({ id: row.id as string, code_qd20: (row.code_qd20 as string | null) ?? null, name: row.name as string }) }));
}

/** Ids given by default must go on after the imported ones. */
export async function advanceIdentities(client: pg.PoolClient, tables: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name = ANY($1)",
    [tables],
  );
  for (const { table_name: table, column_name: column } of rows) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${column}") FROM "${table}"), 0) + 1, false)`, [table, column]);
  }
}

export async function insertImportedAudit(client: pg.PoolClient, rows: readonly SourceRow[]): Promise<void> {
  await insertRows(client, 'imported_audit_log', rows, ['seq', 'at', 'actor', 'action', 'subject', 'details', 'prev_hash', 'hash']);
}

export async function importedAuditRows(client: pg.PoolClient, after: number, limit: number): Promise<SourceRow[]> {
  const { rows } = await client.query<SourceRow>('SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM imported_audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit]);
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}
