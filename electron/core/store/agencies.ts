/**
 * The agency directory as the axis gives it, with its search index kept in step.
 */
import type { Agency } from '../../../shared/domain/agency.js';
import { agencyMatchQuery, agencySearchText } from './agency-search-text.js';
import type { Db } from './database.js';

export interface DirectoryRow {
  id: string;
  codeQd20: string | null;
  parentId: string | null;
  name: string;
  email: string | null;
  version: number | null;
  deleted: boolean;
}

interface AgencyRecord {
  seq: number;
  id: string;
  code_qd20: string | null;
  parent_id: string | null;
  name: string;
  email: string | null;
}

const toAgency = (row: AgencyRecord): Agency => ({
  id: row.id,
  codeQd20: row.code_qd20,
  name: row.name,
  email: row.email,
  parentId: row.parent_id,
});

/**
 * Applies directory rows (inserts, changes, deletions). Call inside a write transaction; the
 * caller picks the batch size so that a long pull commits progress as it goes.
 */
export function applyDirectoryRows(db: Db, rows: readonly DirectoryRow[], now: Date = new Date()): void {
  const find = db.prepare('SELECT seq FROM agencies WHERE id = ?');
  const remove = db.prepare('DELETE FROM agencies WHERE seq = ?');
  const unindex = db.prepare('DELETE FROM agencies_fts WHERE rowid = ?');
  const insert = db.prepare(
    'INSERT INTO agencies (id, code_qd20, parent_id, name, email, directory_version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare(
    'UPDATE agencies SET code_qd20 = ?, parent_id = ?, name = ?, email = ?, directory_version = ?, updated_at = ? WHERE seq = ?',
  );
  const index = db.prepare('INSERT INTO agencies_fts (rowid, search_text) VALUES (?, ?)');
  const at = now.toISOString();
  for (const row of rows) {
    const existing = find.get(row.id) as { seq: number } | undefined;
    if (existing) unindex.run(existing.seq);
    if (row.deleted) {
      if (existing) remove.run(existing.seq);
      continue;
    }
    let seq: number;
    if (existing) {
      update.run(row.codeQd20, row.parentId, row.name, row.email, row.version, at, existing.seq);
      seq = existing.seq;
    } else {
      seq = Number(insert.run(row.id, row.codeQd20, row.parentId, row.name, row.email, row.version, at).lastInsertRowid);
    }
    index.run(seq, agencySearchText({ id: row.id, code_qd20: row.codeQd20, name: row.name }));
  }
}

export function findAgency(db: Db, id: string): Agency | null {
  const row = db.prepare('SELECT * FROM agencies WHERE id = ?').get(id) as AgencyRecord | undefined;
  return row ? toAgency(row) : null;
}

/**
 * Relevance ranking (bm25) costs per match, and the first keystrokes of a type-ahead match tens
 * of thousands of agencies ("tr": 65k of 111k). So only the first RANKED_WINDOW matches are
 * ranked; pages beyond it come in directory order. A clerk narrows a broad search by typing on.
 */
const RANKED_WINDOW = 2000;

/**
 * Name or code search. MATCH runs first in its own CTE and the join comes after: filtering
 * inside the FTS query lets SQLite's planner scan the whole table (the FTS5 planner trap).
 */
export function searchAgencies(db: Db, typed: string, limit: number, offset: number): { rows: Agency[]; total: number } {
  const match = agencyMatchQuery(typed);
  if (match === null) {
    const rows = db.prepare('SELECT * FROM agencies ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?').all(limit, offset) as AgencyRecord[];
    const { total } = db.prepare('SELECT count(*) AS total FROM agencies').get() as { total: number };
    return { rows: rows.map(toAgency), total };
  }
  const ranked = offset + limit <= RANKED_WINDOW;
  const rows = db
    .prepare(
      ranked
        ? `WITH hits AS (SELECT rowid, rank FROM agencies_fts WHERE agencies_fts MATCH ? LIMIT ${RANKED_WINDOW})
           SELECT agencies.* FROM hits JOIN agencies ON agencies.seq = hits.rowid
           ORDER BY hits.rank, agencies.name LIMIT ? OFFSET ?`
        : `WITH hits AS (SELECT rowid FROM agencies_fts WHERE agencies_fts MATCH ? LIMIT ? OFFSET ?)
           SELECT agencies.* FROM hits JOIN agencies ON agencies.seq = hits.rowid`,
    )
    .all(match, limit, offset) as AgencyRecord[];
  const { total } = db.prepare('SELECT count(*) AS total FROM agencies_fts WHERE agencies_fts MATCH ?').get(match) as { total: number };
  return { rows: rows.map(toAgency), total };
}
