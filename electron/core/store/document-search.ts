/**
 * Document search over documents_fts (migration 070). MATCH always drives: the FTS table is the
 * outer loop (CROSS JOIN fixes the join order), documents are looked up by id for the filters.
 * Left to itself the planner may start from an index on documents (direction, say) and run the
 * MATCH once per row: the FTS5 planner trap, seconds at a million documents.
 */
import {
  SEARCH_COUNT_CAP,
  SEARCH_RANKED_WINDOW,
  type DocumentSearchCursor,
  type DocumentSearchFilters,
  type DocumentSearchPage,
} from '../../../shared/api/document-search.js';
import type { Db } from './database.js';
import { LISTED_COLUMNS, toSummary, type ListedRow } from './documents.js';
import { foldedWords, ftsPhrase, MAX_QUERY_WORDS } from './fts-text.js';

export interface DocumentSearchInput {
  query: string;
  filters: DocumentSearchFilters;
  cursor: DocumentSearchCursor | null;
  limit: number;
}

/**
 * What a clerk typed, as an FTS5 query. Each space-separated chunk is a phrase of its folded
 * words, so "05/QĐ-UBND" is the phrase "05 qd ubnd" and matches the notation in order; the last
 * chunk is a prefix ("quyet d" finds "Quyết định") unless a space ends the text. Only letters
 * and digits get into the phrases: quotes, *, -, NEAR, parentheses typed are separators.
 */
export function documentMatchQuery(typed: string): string | null {
  const chunks = typed
    .split(/\s+/)
    .map(foldedWords)
    .filter((words) => words.length > 0)
    .slice(0, MAX_QUERY_WORDS);
  if (chunks.length === 0) return null;
  const lastIsPrefix = !/\s$/.test(typed);
  return chunks.map((words, i) => ftsPhrase(words, lastIsPrefix && i === chunks.length - 1)).join(' ');
}

/** The document's date for the date filter: its promulgation date, else the day it was created. */
const DOCUMENT_DATE = 'coalesce(documents.promulgation_date, substr(documents.created_at, 1, 10))';

function filterSql(filters: DocumentSearchFilters): { sql: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    terms.push(sql);
    params.push(...values);
  };
  if (filters.direction !== undefined) add('documents.direction = ?', filters.direction);
  if (filters.agencyId !== undefined) {
    add(
      '(documents.sender_id = ? OR EXISTS (SELECT 1 FROM recipient_statuses r WHERE r.document_id = documents.id AND r.recipient_id = ?))',
      filters.agencyId,
      filters.agencyId,
    );
  }
  if (filters.typeName !== undefined) add('documents.type_name = ?', filters.typeName);
  if (filters.dateFrom !== undefined) add(`${DOCUMENT_DATE} >= ?`, filters.dateFrom);
  if (filters.dateTo !== undefined) add(`${DOCUMENT_DATE} <= ?`, filters.dateTo);
  if (filters.state !== undefined) add('documents.state = ?', filters.state);
  if (filters.priority !== undefined) add('documents.priority = ?', filters.priority);
  return { sql: terms.length === 0 ? '1' : terms.join(' AND '), params };
}

export function searchDocuments(db: Db, input: DocumentSearchInput): DocumentSearchPage {
  const match = documentMatchQuery(input.query);
  const filters = filterSql(input.filters);
  const page = match === null ? newestFirst(db, filters, input) : matching(db, match, filters, input);
  return { ...page, total: input.cursor === null ? countCapped(db, match, filters) : null };
}

type Filters = ReturnType<typeof filterSql>;
type Page = Omit<DocumentSearchPage, 'total'>;

/** No words typed: the documents that pass the filters, newest first (id order is arrival order). */
function newestFirst(db: Db, filters: Filters, input: DocumentSearchInput): Page {
  const beforeId = input.cursor !== null && 'beforeId' in input.cursor ? input.cursor.beforeId : null;
  // NOT INDEXED: walk the rowid backwards and stop at the page, rather than sort a whole mailbox.
  const rows = db
    .prepare(
      `SELECT ${LISTED_COLUMNS} FROM documents NOT INDEXED
       WHERE ${filters.sql} AND (? IS NULL OR documents.id < ?) ORDER BY documents.id DESC LIMIT ?`,
    )
    .all(...filters.params, beforeId, beforeId, input.limit + 1) as ListedRow[];
  return keysetPage(rows, input.limit);
}

function keysetPage(rows: ListedRow[], limit: number): Page {
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  return { rows: shown.map(toSummary), next: more ? { beforeId: shown[shown.length - 1]!.id } : null };
}

function matching(db: Db, match: string, filters: Filters, input: DocumentSearchInput): Page {
  if (input.cursor !== null && 'beforeId' in input.cursor) return pastTheWindow(db, match, filters, input.cursor.beforeId, input.limit);
  const offset = input.cursor?.offset ?? 0;
  const rows = db
    .prepare(
      `WITH ranked AS MATERIALIZED (
         SELECT documents_fts.rowid AS id, documents_fts.rank AS rank
         FROM documents_fts CROSS JOIN documents ON documents.id = documents_fts.rowid
         WHERE documents_fts MATCH ? AND ${filters.sql}
         ORDER BY documents_fts.rowid DESC LIMIT ${SEARCH_RANKED_WINDOW}
       )
       SELECT ${LISTED_COLUMNS}, (SELECT count(*) FROM ranked) AS window_size, (SELECT min(id) FROM ranked) AS window_last
       FROM ranked CROSS JOIN documents ON documents.id = ranked.id
       ORDER BY ranked.rank, ranked.id DESC LIMIT ? OFFSET ?`,
    )
    .all(match, ...filters.params, input.limit, offset) as (ListedRow & { window_size: number; window_last: number })[];
  const first = rows[0];
  let next: DocumentSearchCursor | null = null;
  if (first && offset + input.limit < first.window_size) next = { offset: offset + input.limit };
  // A full window may have older matches below it: they follow, newest first.
  else if (first && first.window_size === SEARCH_RANKED_WINDOW) next = { beforeId: first.window_last };
  return { rows: rows.map(toSummary), next };
}

function pastTheWindow(db: Db, match: string, filters: Filters, beforeId: number, limit: number): Page {
  const rows = db
    .prepare(
      `SELECT ${LISTED_COLUMNS}
       FROM documents_fts CROSS JOIN documents ON documents.id = documents_fts.rowid
       WHERE documents_fts MATCH ? AND documents_fts.rowid < ? AND ${filters.sql}
       ORDER BY documents_fts.rowid DESC LIMIT ?`,
    )
    .all(match, beforeId, ...filters.params, limit + 1) as ListedRow[];
  return keysetPage(rows, limit);
}

function countCapped(db: Db, match: string | null, filters: Filters): { count: number; capped: boolean } {
  const matched =
    match === null
      ? { sql: `SELECT 1 FROM documents NOT INDEXED WHERE ${filters.sql}`, params: filters.params }
      : {
          sql: `SELECT 1 FROM documents_fts CROSS JOIN documents ON documents.id = documents_fts.rowid WHERE documents_fts MATCH ? AND ${filters.sql}`,
          params: [match, ...filters.params],
        };
  const { n } = db.prepare(`SELECT count(*) AS n FROM (${matched.sql} LIMIT ${SEARCH_COUNT_CAP + 1})`).get(...matched.params) as { n: number };
  return { count: Math.min(n, SEARCH_COUNT_CAP), capped: n > SEARCH_COUNT_CAP };
}
