/**
 * Document search over documents_fts (migration 070). Words and filters are one MATCH (filters
 * are facet tokens: document-facets.ts), so FTS5 alone finds, counts and orders the ids, and
 * documents is read only for the page shown, by id. Where a page is joined, CROSS JOIN keeps the
 * FTS side the outer loop: left to itself the planner may start from an index on documents and
 * run the MATCH once per row (the FTS5 planner trap, seconds at a million documents).
 */
import {
  SEARCH_COUNT_CAP,
  SEARCH_RANKED_WINDOW,
  type DocumentSearchCursor,
  type DocumentSearchFilters,
  type DocumentSearchPage,
} from '../../../shared/api/document-search.js';
import { cachedStatement, type Db } from './database.js';
import { facetQuery } from './document-facets.js';
import { LISTED_COLUMNS, toSummary, type ListedRow } from './documents.js';
import { foldedWords, ftsPhrase, MAX_QUERY_WORDS } from './fts-text.js';

export interface DocumentSearchInput {
  query: string;
  filters: DocumentSearchFilters;
  cursor: DocumentSearchCursor | null;
  limit: number;
}

interface TypedWords {
  /** Space-separated chunks, each its folded words: "05/QĐ-UBND" → [05, qd, ubnd]. */
  chunks: string[][];
  /** The last word is being typed: it matches as a prefix. */
  lastIsPrefix: boolean;
}

function typedWords(typed: string): TypedWords {
  const chunks = typed
    .split(/\s+/)
    .map(foldedWords)
    .filter((words) => words.length > 0)
    .slice(0, MAX_QUERY_WORDS);
  return { chunks, lastIsPrefix: !/\s$/.test(typed) };
}

/**
 * What a clerk typed, as an FTS5 query. Each space-separated chunk is a phrase of its folded
 * words, so "05/QĐ-UBND" is the phrase "05 qd ubnd" and matches the notation in order; the last
 * chunk is a prefix ("quyet d" finds "Quyết định") unless a space ends the text. Only letters
 * and digits get into the phrases: quotes, *, -, NEAR, parentheses typed are separators.
 */
export function documentMatchQuery(typed: string): string | null {
  return matchOf(typedWords(typed));
}

/** The same, every word whole: for the content index, which keeps no prefix indexes (a body holds thousands of words). */
export function wholeWordsMatchQuery(typed: string): string | null {
  return matchOf({ ...typedWords(typed), lastIsPrefix: false });
}

function matchOf({ chunks, lastIsPrefix }: TypedWords): string | null {
  if (chunks.length === 0) return null;
  return chunks.map((words, i) => ftsPhrase(words, lastIsPrefix && i === chunks.length - 1)).join(' ');
}

/** Whether a text holds every chunk as a run of its words, the last word of the last as a prefix. */
function holdsAll(text: string, { chunks, lastIsPrefix }: TypedWords): boolean {
  const words = foldedWords(text);
  return chunks.every((chunk, c) => {
    const prefix = lastIsPrefix && c === chunks.length - 1;
    return words.some((_, start) =>
      chunk.every((word, i) => {
        const at = words[start + i];
        return at !== undefined && (prefix && i === chunk.length - 1 ? at.startsWith(word) : at === word);
      }),
    );
  });
}

/**
 * The newest matches up to the count's cap and one more: the newest SEARCH_RANKED_WINDOW of them
 * get ranked, and their number is the count, so a search with words needs no counting pass.
 */
const MATCHES_SQL = `SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_COUNT_CAP + 1}`;

/** The fields the relevance tiers look at, for the window's documents. */
const TIER_FIELDS_SQL = `SELECT id, subject, coalesce(code_number, '') || '/' || coalesce(code_notation, '') AS number,
  coalesce(sender_name, '') || ' ' || coalesce(sender_id, '') || ' ' || coalesce(signer_name, '') AS people
  FROM documents WHERE id IN (SELECT value FROM json_each(?))`;

/** The rows of one page, by id. */
export const PAGE_ROWS_SQL = `SELECT ${LISTED_COLUMNS} FROM documents WHERE documents.id IN (SELECT value FROM json_each(?))`;

/**
 * Relevance tiers, best first: every word in the subject; every word in the number/notation, or
 * in the sender and signer; the rest (summary, attachment names, words spread over fields). Not
 * FTS5's bm25: it counts each phrase's documents over the whole index to weigh it (a full
 * doclist read per word, per query: hundreds of ms for a common word at a million documents),
 * and in short administrative texts a clerk's words weigh alike anyway. The window is bounded,
 * so this costs the same at any size.
 */
function tierOf(row: { subject: string; number: string; people: string }, typed: TypedWords): number {
  if (holdsAll(row.subject, typed)) return 0;
  if (holdsAll(row.number, typed) || holdsAll(row.people, typed)) return 1;
  return 2;
}

/** Newest first below an id: past the ranked window, or filters without words. */
export const NEWEST_PAGE_SQL = `
  WITH page AS (SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?)
  SELECT ${LISTED_COLUMNS} FROM page CROSS JOIN documents ON documents.id = page.id ORDER BY page.id DESC`;


export function searchDocuments(db: Db, input: DocumentSearchInput): DocumentSearchPage {
  const typed = typedWords(input.query);
  const words = matchOf(typed);
  const match = [words === null ? null : `(${words})`, facetQuery(input.filters)].filter((part) => part !== null).join(' AND ');
  const beforeId = input.cursor !== null && 'beforeId' in input.cursor ? input.cursor.beforeId : null;
  let page: Page;
  if (match === '') page = everything(db, beforeId, input.limit);
  else if (words === null || beforeId !== null) page = newest(db, match, beforeId, input.limit);
  else page = ranked(db, match, typed, input.cursor === null ? 0 : (input.cursor as { offset: number }).offset, input.limit);
  if (input.cursor !== null) return { rows: page.rows, next: page.next, total: null };
  // A first page that holds every match, or the window (which counts up to the cap), is the count: no second pass.
  const total = page.allMatches !== null ? { count: page.allMatches, capped: page.capped } : countCapped(db, match);
  return { rows: page.rows, next: page.next, total };
}

interface Page extends Omit<DocumentSearchPage, 'total'> {
  /** How many documents match in all (up to the cap), when this page's query saw them; null when it stopped early. */
  allMatches: number | null;
  /** More than allMatches match. */
  capped: boolean;
}

function keysetPage(rows: ListedRow[], limit: number): Page {
  const shown = rows.slice(0, limit);
  const more = rows.length > limit;
  return { rows: shown.map(toSummary), next: more ? { beforeId: shown[shown.length - 1]!.id } : null, allMatches: more ? null : shown.length, capped: false };
}

/** Nothing typed, no filter: every document, newest first (ids are arrival order). */
function everything(db: Db, beforeId: number | null, limit: number) {
  const rows = cachedStatement(db, `SELECT ${LISTED_COLUMNS} FROM documents WHERE documents.id < ? ORDER BY documents.id DESC LIMIT ?`).all(beforeId ?? Number.MAX_SAFE_INTEGER, limit + 1) as ListedRow[];
  return keysetPage(rows, limit);
}

function newest(db: Db, match: string, beforeId: number | null, limit: number) {
  return keysetPage(cachedStatement(db, NEWEST_PAGE_SQL).all(match, beforeId ?? Number.MAX_SAFE_INTEGER, limit + 1) as ListedRow[], limit);
}

function ranked(db: Db, match: string, typed: TypedWords, offset: number, limit: number): Page {
  const matches = cachedStatement(db, MATCHES_SQL).pluck().all(match) as number[];
  const counted = { allMatches: Math.min(matches.length, SEARCH_COUNT_CAP), capped: matches.length > SEARCH_COUNT_CAP };
  if (matches.length === 0) return { rows: [], next: null, ...counted };
  const window = matches.slice(0, SEARCH_RANKED_WINDOW);
  const fields = cachedStatement(db, TIER_FIELDS_SQL).all(JSON.stringify(window)) as { id: number; subject: string; number: string; people: string }[];
  const tiers = new Map(fields.map((row) => [row.id, tierOf(row, typed)]));
  // The window is newest first and the sort is stable: newest first within a tier.
  const pageIds = [...window].sort((a, b) => (tiers.get(a) ?? 2) - (tiers.get(b) ?? 2)).slice(offset, offset + limit);
  const byId = new Map((cachedStatement(db, PAGE_ROWS_SQL).all(JSON.stringify(pageIds)) as ListedRow[]).map((row) => [row.id, row]));
  const rows = pageIds.flatMap((id) => (byId.has(id) ? [toSummary(byId.get(id)!)] : []));
  const oldest = window[window.length - 1]!;
  let next: DocumentSearchCursor | null = null;
  if (offset + limit < window.length) next = { offset: offset + limit };
  // Older matches below the window follow, newest first.
  else if (matches.length > window.length) next = { beforeId: oldest };
  return { rows, next, ...counted };
}

function countCapped(db: Db, match: string): { count: number; capped: boolean } {
  const n =
    match === ''
      ? (cachedStatement(db, `SELECT count(*) FROM (SELECT 1 FROM documents LIMIT ${SEARCH_COUNT_CAP + 1})`).pluck().get() as number)
      : (cachedStatement(db, `SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT ${SEARCH_COUNT_CAP + 1})`).pluck().get(match) as number);
  return { count: Math.min(n, SEARCH_COUNT_CAP), capped: n > SEARCH_COUNT_CAP };
}
