/**
 * The hub's content search over document_texts (migration 060): each document's header fields and
 * file text, folded in JavaScript with the desk's one fold (shared/text/fold.ts) so that
 * "quyet dinh" meets "Quyết định" and đ meets d exactly as at the desk, whatever PostgreSQL's
 * unaccent would say. The folded words, letters and digits only, are kept space-separated behind
 * a pg_trgm GIN index and found with LIKE: `npm run bench -- hub-search` measured it against a
 * tsvector GIN and a plain scan (docs/architecture.md, "Agency hub").
 *
 * A query reads like the desk's content search (electron/core/store/document-search.ts): every
 * space-separated chunk must be in the document as a run of whole words ("05/QĐ-UBND" is the run
 * 05 qd ubnd), newest first. The passage is found in the original text with the same fold
 * (shared/text/passage.ts), so the hub highlights what the desk would.
 */
import type pg from 'pg';
import { foldText } from '../../shared/text/fold.js';
import { bestPassage, type Passage } from '../../shared/text/passage.js';
import { withGenericPlans, type Queryable } from './database.js';
import { narrowReadablePage, readerScope } from './document-access.js';

/** Chunks of a query past this many add nothing a clerk needs (the desk cuts at the same count). */
export const MAX_QUERY_CHUNKS = 12;
/** Words of one chunk past this many: a pasted paragraph is not a phrase anyone types. */
export const MAX_RUN_WORDS = 32;
/**
 * The folded words indexed per document, in characters: about the first hundred pages of a very
 * long file (the header fields always come first), so that one pathological file cannot make its
 * index entry, and every search that reads it, large. The passage is still found in the whole text.
 */
export const MAX_INDEXED_CHARS = 256 * 1024;

/** The folded words of a text: letters and digits only, so PostgreSQL's parser sees plain words. */
function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The typed text as runs of folded words; null when nothing could match. */
function queryRuns(typed: string): string[][] | null {
  const runs = typed
    .split(/\s+/)
    .map((chunk) => foldedWords(chunk).slice(0, MAX_RUN_WORDS))
    .filter((run) => run.length > 0)
    .slice(0, MAX_QUERY_CHUNKS);
  if (runs.length === 0) return null;
  return runs;
}

/**
 * The conditions of a typed text as SQL over document_texts.words with their parameters, numbered
 * from `firstParam`: each chunk a LIKE of its run of words between spaces, so whole words in
 * order (the indexed words are space-separated and padded; see foldedIndexText), all required.
 * Only folded letters and digits reach PostgreSQL, as parameters: no quote, %, _ or operator
 * typed can change the query. Null when the text holds no word that could match.
 */
export function contentCondition(typed: string, firstParam = 1, column = 'words'): { sql: string; params: string[] } | null {
  const runs = queryRuns(typed);
  if (!runs) return null;
  return {
    sql: `(${runs.map((_, i) => `${column} LIKE $${firstParam + i}`).join(' AND ')})`,
    params: runs.map((run) => `% ${run.join(' ')} %`),
  };
}

interface HeaderRow {
  subject: string;
  summary: string;
  number: string;
  type_name: string;
  sender_name: string;
  signer_name: string;
  signer_position: string;
  place: string;
}

const HEADER_SQL = `SELECT subject, summary, concat_ws('/', code_number, code_notation) AS number, coalesce(type_name, '') AS type_name,
  coalesce(sender_name, '') AS sender_name, coalesce(signer_name, '') AS signer_name, signer_position, place, id FROM documents WHERE id = ANY($1::int[])`;

const headerText = (row: HeaderRow): string =>
  [row.number, row.type_name, row.subject, row.summary, row.sender_name, row.signer_name, row.signer_position, row.place].filter(Boolean).join('\n');

/** The folded words to index, the header's then the body's, up to MAX_INDEXED_CHARS, space-separated with a space at each end. */
export function foldedIndexText(header: string, body: string): string {
  const words = [...foldedWords(header), ...foldedWords(body)];
  let length = 0;
  let end = 0;
  while (end < words.length && length + words[end]!.length + 1 <= MAX_INDEXED_CHARS) length += words[end++]!.length + 1;
  return ` ${words.slice(0, end).join(' ')} `;
}

/**
 * Indexes (or re-indexes) a document: its header fields as they are now and `body`, the text of
 * its files (pages separated by form feeds, as the desk keeps them). Call it again after the
 * header changes or a file's text arrives. False when there is no such document.
 */
export async function indexDocumentText(db: Queryable, documentId: number, text: string): Promise<boolean> {
  return (await indexDocumentTexts(db, [{ documentId, text }])) === 1;
}

/**
 * indexDocumentText for many documents in two statements (a restore, a bulk load): the same
 * header read and the same fold, so the rows are those one at a time would make. Returns how
 * many documents were indexed (ids with no document are passed over). Migration 060 runs it
 * through indexDocumentText: it writes only the columns of that migration.
 */
export async function indexDocumentTexts(db: Queryable, texts: readonly { documentId: number; text: string }[]): Promise<number> {
  const { rows } = await db.query<HeaderRow & { id: number }>(HEADER_SQL, [texts.map((t) => t.documentId)]);
  const headers = new Map(rows.map((row) => [row.id, row]));
  const ids: number[] = [];
  const bodies: string[] = [];
  const words: string[] = [];
  for (const { documentId, text } of texts) {
    const header = headers.get(documentId);
    if (!header) continue;
    // PostgreSQL's text cannot hold NUL, which a PDF's text layer may.
    const body = text.replaceAll('\u0000', '');
    ids.push(documentId);
    bodies.push(body);
    words.push(foldedIndexText(headerText(header), body));
  }
  if (ids.length === 0) return 0;
  await db.query(
    `INSERT INTO document_texts (document_id, body, words, indexed_at) SELECT id, body, words, now() FROM unnest($1::int[], $2::text[], $3::text[]) AS t (id, body, words)
     ON CONFLICT (document_id) DO UPDATE SET body = EXCLUDED.body, words = EXCLUDED.words, indexed_at = EXCLUDED.indexed_at`,
    [ids, bodies, words],
  );
  return ids.length;
}

/** Re-indexes a document's header fields, keeping the body it was given last (none yet: empty). */
export async function reindexDocumentHeader(db: Queryable, documentId: number): Promise<boolean> {
  const { rows } = await db.query<{ body: string }>('SELECT body FROM document_texts WHERE document_id = $1', [documentId]);
  return indexDocumentText(db, documentId, rows[0]?.body ?? '');
}

/** A document whose files wait to be read, with its files in order. */
export interface DocumentToRead {
  documentId: number;
  files: { sha256: string; contentType: string; name: string }[];
}

const FILES_OF_D = `(SELECT json_agg(json_build_object('sha256', a.sha256, 'contentType', a.content_type, 'name', a.name) ORDER BY a.position)
  FROM attachments a WHERE a.document_id = d.id) AS files`;

const toRead = (rows: { id: number; files: DocumentToRead['files'] | null }[]): DocumentToRead[] => rows.map((row) => ({ documentId: row.id, files: row.files ?? [] }));

/**
 * Documents after `afterId` whose files were not read yet, in id order: the reader keeps its place
 * by id, so each pass reads the primary key's range, not the whole table.
 */
export async function documentsToRead(db: Queryable, afterId: number, limit: number): Promise<DocumentToRead[]> {
  const { rows } = await db.query<{ id: number; files: DocumentToRead['files'] | null }>(
    `SELECT d.id, ${FILES_OF_D}
     FROM documents d
     WHERE d.id > $1 AND NOT EXISTS (SELECT 1 FROM document_texts t WHERE t.document_id = d.id AND t.files_read_at IS NOT NULL)
     ORDER BY d.id LIMIT $2`,
    [afterId, limit],
  );
  return toRead(rows);
}

/**
 * Documents, wherever the reader stands, whose files are to be read again (readFilesAgain), found
 * through migration 250's partial index of the rows not read.
 */
export async function documentsToReadAgain(db: Queryable, limit: number): Promise<DocumentToRead[]> {
  const { rows } = await db.query<{ id: number; files: DocumentToRead['files'] | null }>(
    `SELECT d.id, ${FILES_OF_D}
     FROM document_texts t JOIN documents d ON d.id = t.document_id
     WHERE t.files_read_at IS NULL ORDER BY t.document_id LIMIT $1`,
    [limit],
  );
  return toRead(rows);
}

/** The document's files changed (a file added): the reader reads them again, its header still found meanwhile. */
export async function readFilesAgain(db: Queryable, documentId: number): Promise<void> {
  await db.query('UPDATE document_texts SET files_read_at = NULL WHERE document_id = $1', [documentId]);
}

/** Indexes the header and the files' text, then notes that the files were read (or why not): a stop between the two only reads them again. */
export async function recordFilesRead(db: Queryable, documentId: number, text: string, problem: string | null): Promise<void> {
  if (!(await indexDocumentText(db, documentId, text))) return;
  await db.query('UPDATE document_texts SET files_read_at = now(), files_problem = $2 WHERE document_id = $1', [documentId, problem]);
}

export interface ContentSearchInput {
  query: string;
  /** Older than this document id (the previous page's `next`); null for the first page. */
  beforeId: number | null;
  limit: number;
  /**
   * Where access control narrows the search: only these document ids can be found. null searches
   * every document; deciding what a user may see is the caller's.
   */
  onlyIds: readonly number[] | null;
  /**
   * The user searching: only documents this user may see can be found (migration 070's rule,
   * checked per candidate in the same query). Absent for the hub's own use (benchmarks, tests).
   */
  readerId?: number;
}

export interface ContentSearchHit {
  documentId: number;
  /** The page (1-based) of the file text the passage is from; null when it is from the header fields. */
  page: number | null;
  /** The passage around the first match, its matched words as ranges; empty when the words straddle pages. */
  passage: Passage;
}

export interface ContentSearchResult {
  rows: ContentSearchHit[];
  next: { beforeId: number } | null;
}

const PASSAGE_ROWS_SQL = `SELECT t.document_id, t.body, d.subject, d.summary, concat_ws('/', d.code_number, d.code_notation) AS number, coalesce(d.type_name, '') AS type_name,
  coalesce(d.sender_name, '') AS sender_name, coalesce(d.signer_name, '') AS signer_name, d.signer_position, d.place
  FROM document_texts t JOIN documents d ON d.id = t.document_id WHERE t.document_id = ANY($1::int[])`;

function hitOf(documentId: number, row: (HeaderRow & { body: string }) | undefined, typed: string): ContentSearchHit {
  const runs = queryRuns(typed) ?? [];
  const pages = row ? row.body.split('\f') : [];
  const inBody = bestPassage(pages, runs);
  if (inBody) return { documentId, page: inBody.page + 1, passage: inBody.passage };
  const inHeader = row ? bestPassage([headerText(row)], runs) : null;
  return { documentId, page: null, passage: inHeader?.passage ?? { text: '', highlights: [] } };
}

/**
 * The newest documents are looked at first, this many ids below the page's bound, one by one
 * through the primary key without the trigram index: a phrase in many documents then costs a
 * few thousand rows at most, where PostgreSQL, guessing its trigrams rare, would read every
 * document holding it through the index and sort them (seconds at a million documents,
 * `npm run bench -- hub`). Only when the newest hold less than a page does the index answer.
 */
export const RECENT_WINDOW = 5000;

/**
 * The same window for a reader who sees few of many, whose places (document-access.ts) are walked
 * instead of every document: at a million documents a specialist seeing 3 % has some 1,600
 * documents in it, each looked at once.
 */
export const NARROW_WINDOW = 50_000;

/**
 * Below the window, a phrase the trigram index finds in fewer documents than this is rare: those
 * documents are asked of the access rule newest first. Found in more, it is common, and the
 * documents are walked newest first instead, as in the window: the page fills long before a
 * walk ends, where reading and sorting every document holding it took seconds.
 */
export const RARE_MATCHES = 5000;

/** The ids of a page of the newest documents holding every typed chunk (one more than the page, to tell whether another follows). */
async function foundIds(db: Queryable, input: ContentSearchInput): Promise<number[] | null> {
  if (!queryRuns(input.query)) return null;
  const wanted = input.limit + 1;
  const scope = input.readerId === undefined ? null : await readerScope(db, input.readerId);
  const narrowUnits = scope && !scope.broad ? scope.units : null;
  const { rows: newest } = await db.query<{ id: number | null }>('SELECT max(document_id) AS id FROM document_texts WHERE document_id < $1', [input.beforeId ?? 2147483647]);
  if (newest[0]!.id === null) return [];
  const bound = newest[0]!.id + 1;
  const windowStart = Math.max(0, bound - (narrowUnits ? NARROW_WINDOW : RECENT_WINDOW));
  const found = await walkedIds(db, input, narrowUnits, bound, windowStart, wanted);
  if (found.length === wanted || windowStart === 0) return found;
  return [...found, ...(await olderIds(db, input, narrowUnits, windowStart, wanted - found.length))];
}

/**
 * The documents in [from, before) holding every chunk, newest first, each looked up by its key:
 * every document, or, for a reader who sees few of many (`narrowUnits`, his units), his places
 * walked as his list walks them (document-access.ts). `words || ''` is no column the trigram
 * index knows, so PostgreSQL cannot swap the walk for it; and the plan depends on no typed word,
 * so each connection keeps its generic plan (named by the number of chunks; withGenericPlans):
 * planning the access rule inlined took longer than the walk.
 */
async function walkedIds(db: Queryable, input: ContentSearchInput, narrowUnits: number[] | null, before: number, from: number, wanted: number): Promise<number[]> {
  let statement: pg.QueryConfig;
  if (narrowUnits) {
    const query = contentCondition(input.query, 7, "(t.words || '')")!;
    const within = `p.document_id >= $6 AND EXISTS (SELECT 1 FROM document_texts t WHERE t.document_id = p.document_id AND ${query.sql} AND ($5::int[] IS NULL OR t.document_id = ANY($5::int[])))`;
    statement = {
      name: `search-walk-narrow-${query.params.length}`,
      text: narrowReadablePage('<', 'DESC', within),
      values: [input.readerId, before, wanted, narrowUnits, input.onlyIds, from, ...query.params],
    };
  } else {
    const query = contentCondition(input.query, 6, "(t.words || '')")!;
    statement = {
      name: `search-walk-${query.params.length}`,
      text: `SELECT t.document_id FROM document_texts AS t
       WHERE t.document_id < $1 AND t.document_id >= $5 AND ${query.sql} AND ($2::int[] IS NULL OR t.document_id = ANY($2::int[]))
         AND ($4::int IS NULL OR EXISTS (SELECT 1 FROM readable_documents($4) AS r WHERE r.document_id = t.document_id))
       ORDER BY t.document_id DESC LIMIT $3`,
      values: [before, input.onlyIds, wanted, input.readerId ?? null, from, ...query.params],
    };
  }
  const { rows } = await withGenericPlans(db, (client) => client.query<{ document_id: number }>(statement));
  return rows.map((row) => row.document_id);
}

/**
 * Below the window: through the trigram index when the phrase is rare there (RARE_MATCHES), each
 * document found asked of the access rule newest first; walked when it is common.
 */
async function olderIds(db: Queryable, input: ContentSearchInput, narrowUnits: number[] | null, before: number, wanted: number): Promise<number[]> {
  const query = contentCondition(input.query, 6)!;
  const { rows } = await db.query<{ common: boolean; ids: number[] }>(
    `WITH matched AS MATERIALIZED (
       SELECT t.document_id FROM document_texts AS t
       WHERE ${query.sql} AND t.document_id < $1 AND ($2::int[] IS NULL OR t.document_id = ANY($2::int[])) LIMIT $5)
     SELECT (SELECT count(*) FROM matched) >= $5 AS common,
       array(SELECT m.document_id FROM matched m
             WHERE (SELECT count(*) FROM matched) < $5
               AND ($4::int IS NULL OR EXISTS (SELECT 1 FROM readable_documents($4) AS r WHERE r.document_id = m.document_id))
             ORDER BY m.document_id DESC LIMIT $3) AS ids`,
    [before, input.onlyIds, wanted, input.readerId ?? null, RARE_MATCHES, ...query.params],
  );
  if (!rows[0]!.common) return rows[0]!.ids;
  return walkedIds(db, input, narrowUnits, before, 0, wanted);
}

/** A page of the newest documents holding every typed chunk, each with its passage. */
export async function searchContent(db: Queryable, input: ContentSearchInput): Promise<ContentSearchResult> {
  if (input.limit < 1 || input.onlyIds?.length === 0) return { rows: [], next: null };
  const found = await foundIds(db, input);
  if (!found) return { rows: [], next: null };
  const ids = found.slice(0, input.limit);
  const { rows: texts } = await db.query<HeaderRow & { document_id: number; body: string }>(PASSAGE_ROWS_SQL, [ids]);
  const byId = new Map(texts.map((row) => [row.document_id, row]));
  return {
    rows: ids.map((id) => hitOf(id, byId.get(id), input.query)),
    next: found.length > input.limit ? { beforeId: ids[ids.length - 1]! } : null,
  };
}
