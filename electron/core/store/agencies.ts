/**
 * The agency directory as the axis gives it, with its search index kept in step.
 */
import type { Agency, AgencyMatch } from '../../../shared/domain/agency.js';
import { agencyMatchQuery, agencyNameKey, agencyQueryWords, agencySearchText } from './agency-search-text.js';
import { cachedStatement, type Db } from './database.js';
import type { DirectoryChange } from './exchange-store.js';

export type DirectoryRow = DirectoryChange;

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
    'INSERT INTO agencies (id, code_qd20, parent_id, name, name_key, email, directory_version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare(
    'UPDATE agencies SET code_qd20 = ?, parent_id = ?, name = ?, name_key = ?, email = ?, directory_version = ?, updated_at = ? WHERE seq = ?',
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
    const nameKey = agencyNameKey(row.name);
    if (existing) {
      update.run(row.codeQd20, row.parentId, row.name, nameKey, row.email, row.version, at, existing.seq);
      seq = existing.seq;
    } else {
      seq = Number(insert.run(row.id, row.codeQd20, row.parentId, row.name, nameKey, row.email, row.version, at).lastInsertRowid);
    }
    index.run(seq, agencySearchText({ id: row.id, code_qd20: row.codeQd20, name: row.name }));
  }
}

/** Cached: the sync process looks up its own agency for the status 01 of every package it receives. */
export function findAgency(db: Db, id: string): Agency | null {
  const row = cachedStatement(db, 'SELECT * FROM agencies WHERE id = ?').get(id) as AgencyRecord | undefined;
  return row ? toAgency(row) : null;
}

/**
 * Relevance ranking costs per match, and the first keystrokes of a type-ahead match tens of
 * thousands of agencies ("tr": 65k of 111k). So only the first RANKED_WINDOW matches are ranked;
 * pages beyond it come in directory order. A clerk narrows a broad search by typing on.
 */
const RANKED_WINDOW = 2000;

/** The agency's own row and up to three levels above it (QCVN 102 has four levels). */
const WITH_PARENTS = `agencies.*, p1.name AS parent1, p2.name AS parent2, p3.name AS parent3
  FROM %SOURCE%
  LEFT JOIN agencies p1 ON p1.id = agencies.parent_id
  LEFT JOIN agencies p2 ON p2.id = p1.parent_id
  LEFT JOIN agencies p3 ON p3.id = p2.parent_id`;

const withParents = (source: string) => WITH_PARENTS.replace('%SOURCE%', source);

/**
 * The order of a ranked page, best first: an agency whose name starts with the words typed
 * ("bo tai chinh" → Bộ Tài chính; "ubnd huyen dien chau" → the district, not its communes), then
 * the higher in the hierarchy (an agency before its own units), then bm25, then the shorter name.
 */
const RANKING = `agencies.name_key LIKE ? DESC,
  (p1.seq IS NOT NULL) + (p2.seq IS NOT NULL) + (p3.seq IS NOT NULL),
  hits.rank, length(agencies.name), agencies.name`;

type MatchRecord = AgencyRecord & { parent1: string | null; parent2: string | null; parent3: string | null };

const toMatch = (row: MatchRecord): AgencyMatch => ({ ...toAgency(row), parents: [row.parent1, row.parent2, row.parent3].filter((name): name is string => name !== null) });

/**
 * Name or code search. MATCH runs first in its own CTE and the joins come after: filtering
 * inside the FTS query lets SQLite's planner scan the whole table (the FTS5 planner trap).
 */
export function searchAgencies(db: Db, typed: string, limit: number, offset: number): { rows: AgencyMatch[]; total: number } {
  const match = agencyMatchQuery(typed);
  if (match === null) {
    const rows = db.prepare(`SELECT ${withParents('agencies')} ORDER BY agencies.name COLLATE NOCASE, agencies.id LIMIT ? OFFSET ?`).all(limit, offset) as MatchRecord[];
    const { total } = db.prepare('SELECT count(*) AS total FROM agencies').get() as { total: number };
    return { rows: rows.map(toMatch), total };
  }
  const ranked = offset + limit <= RANKED_WINDOW;
  // The words as typed, the last one still being typed: LIKE 'bo tai chi%' (no wildcard gets in: agencyQueryWords).
  const startsWith = `${agencyQueryWords(typed).join(' ')}%`;
  const rows = (
    ranked
      ? db
          .prepare(
            `WITH hits AS (SELECT rowid, rank FROM agencies_fts WHERE agencies_fts MATCH ? LIMIT ${RANKED_WINDOW})
             SELECT ${withParents('hits JOIN agencies ON agencies.seq = hits.rowid')}
             ORDER BY ${RANKING} LIMIT ? OFFSET ?`,
          )
          .all(match, startsWith, limit, offset)
      : db
          .prepare(
            `WITH hits AS (SELECT rowid FROM agencies_fts WHERE agencies_fts MATCH ? LIMIT ? OFFSET ?)
             SELECT ${withParents('hits JOIN agencies ON agencies.seq = hits.rowid')}`,
          )
          .all(match, limit, offset)
  ) as MatchRecord[];
  const { total } = db.prepare('SELECT count(*) AS total FROM agencies_fts WHERE agencies_fts MATCH ?').get(match) as { total: number };
  return { rows: rows.map(toMatch), total };
}
