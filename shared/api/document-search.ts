/**
 * Document search: one box over subject, summary, number/notation, sender, signer and
 * attachment names, with filters that combine.
 */
import type { DocumentDirection, DocumentState, DocumentSummary, Priority } from './documents.js';

export const DOCUMENT_DIRECTIONS = ['incoming', 'outgoing', 'draft'] as const satisfies readonly DocumentDirection[];

export const DOCUMENT_STATES = [
  'editing',
  'queued',
  'sent',
  'failed',
  'arrived',
  'returned',
  'accepted',
  'assigned',
  'processing',
  'done',
  'revoked',
] as const satisfies readonly DocumentState[];

export const PRIORITIES = [0, 1, 2, 3, 4] as const satisfies readonly Priority[];

export interface DocumentSearchFilters {
  direction?: DocumentDirection;
  /** The sender or one of the recipients (an agency code from the directory). */
  agencyId?: string;
  /** Exactly as stored, e.g. "Quyết định". */
  typeName?: string;
  /** yyyy-MM-dd, inclusive, on the document's date (promulgation date, else the day it was created). */
  dateFrom?: string;
  dateTo?: string;
  state?: DocumentState;
  priority?: Priority;
  /** Entered in this register (sổ đăng ký), by its id. */
  registerId?: number;
}

/**
 * The best matches (at most this many, the newest that pass the filters) come ranked by
 * relevance; past them the rest follow newest first. Ranking every match of a broad query
 * ("quyet": a third of a million documents) would cost more than a keystroke may, and ranking
 * folds each document's subject, number and people in JavaScript (about 5 µs a document): 300
 * fill six screens of results.
 */
export const SEARCH_RANKED_WINDOW = 300;

/**
 * Counting stops here: past it the list shows "More than 1,000". The query that finds the ranked
 * window reads on to one match past it, so a search with words is counted in the same pass;
 * counting on to 10,000 cost a broad query tens of ms at a million documents.
 */
export const SEARCH_COUNT_CAP = 1000;

/** Where the next page starts: an offset in the ranked window, then below a document id. */
export type DocumentSearchCursor = { offset: number } | { beforeId: number };

export interface DocumentSearchPage {
  rows: DocumentSummary[];
  /** Given with the first page only (cursor null): the count, stopped at SEARCH_COUNT_CAP. */
  total: { count: number; capped: boolean } | null;
  next: DocumentSearchCursor | null;
}
