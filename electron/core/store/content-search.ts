/**
 * Content search over content_fts (migration 180): the folded words of each document's files.
 * The index finds and orders the ids (newest first, by rowid, so a page stops early however
 * common the word); only the page's documents and their texts are read, and the passage shown is
 * found in the original text with the same fold (shared/text/passage.ts).
 */
import { SEARCH_COUNT_CAP } from '../../../shared/api/document-search.js';
import type { ContentSearchHit, ContentSearchPage } from '../../../shared/api/content-search.js';
import { holdsEveryRun, passageAround, typedRuns } from '../../../shared/text/passage.js';
import { cachedStatement, type Db } from './database.js';
import { PAGE_ROWS_SQL, wholeWordsMatchQuery } from './document-search.js';
import { toSummary, type ListedRow } from './documents.js';

export interface ContentSearchInput {
  query: string;
  beforeId: number | null;
  limit: number;
}

const PAGE_SQL = 'SELECT rowid FROM content_fts WHERE content_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?';
const COUNT_SQL = `SELECT count(*) FROM (SELECT 1 FROM content_fts WHERE content_fts MATCH ? LIMIT ${SEARCH_COUNT_CAP + 1})`;
const TEXTS_SQL = `SELECT a.id, a.document_id, a.name, t.body FROM attachments a JOIN blob_texts t ON t.sha256 = a.sha256
  WHERE a.document_id IN (SELECT value FROM json_each(?)) AND t.body IS NOT NULL ORDER BY a.document_id, a.position`;

interface TextRow {
  id: number;
  document_id: number;
  name: string;
  body: string;
}

/** The first page of the document's files that holds every typed word (else the first with any), with its passage. */
function hitIn(texts: readonly TextRow[], typed: string): Omit<ContentSearchHit, 'document'> | null {
  const runs = typedRuns(typed);
  const pages = texts.flatMap((text) => text.body.split('\f').map((page, i) => ({ text, page, number: i + 1 })));
  const best = pages.find(({ page }) => holdsEveryRun(page, runs)) ?? pages.find(({ page }) => passageAround(page, runs) !== null);
  const passage = best ? passageAround(best.page, runs) : null;
  return best && passage ? { attachmentId: best.text.id, attachmentName: best.text.name, page: best.number, passage } : null;
}

export function searchContent(db: Db, input: ContentSearchInput): ContentSearchPage {
  const match = wholeWordsMatchQuery(input.query);
  if (match === null) return { rows: [], next: null, total: input.beforeId === null ? { count: 0, capped: false } : null };
  const ids = cachedStatement(db, PAGE_SQL).pluck().all(match, input.beforeId ?? Number.MAX_SAFE_INTEGER, input.limit + 1) as number[];
  const pageIds = ids.slice(0, input.limit);
  const documents = new Map((cachedStatement(db, PAGE_ROWS_SQL).all(JSON.stringify(pageIds)) as ListedRow[]).map((row) => [row.id, toSummary(row)]));
  const texts = new Map<number, TextRow[]>();
  for (const row of cachedStatement(db, TEXTS_SQL).all(JSON.stringify(pageIds)) as TextRow[]) texts.set(row.document_id, [...(texts.get(row.document_id) ?? []), row]);
  const rows = pageIds.flatMap((id) => {
    const document = documents.get(id);
    // Every word is in the document, but a run typed ("quyết định") may straddle two of its files: no passage, still a match.
    const hit = hitIn(texts.get(id) ?? [], input.query);
    if (!document) return [];
    const first = texts.get(id)?.[0];
    return [hit ? { document, ...hit } : { document, attachmentId: first?.id ?? 0, attachmentName: first?.name ?? '', page: 1, passage: { text: '', highlights: [] } }];
  });
  const next = ids.length > input.limit ? { beforeId: pageIds[pageIds.length - 1]! } : null;
  let total: ContentSearchPage['total'] = null;
  if (input.beforeId === null) {
    const count = next === null ? pageIds.length : (cachedStatement(db, COUNT_SQL).pluck().get(match) as number);
    total = { count: Math.min(count, SEARCH_COUNT_CAP), capped: count > SEARCH_COUNT_CAP };
  }
  return { rows, next, total };
}
