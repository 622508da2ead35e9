/**
 * Content search: the words of the documents' files (their text layer, or what OCR read), found
 * with the same accent folding as the header search, each result with the passage that matched.
 */
import type { Passage } from '../text/passage.js';
import type { DocumentSummary } from './documents.js';

export interface ContentSearchHit {
  document: DocumentSummary;
  /** The file whose words matched, and the page (1-based) of the passage. */
  attachmentId: number;
  attachmentName: string;
  page: number;
  passage: Passage;
}

export interface ContentSearchPage {
  rows: ContentSearchHit[];
  /** Older matches follow below this document id. */
  next: { beforeId: number } | null;
  /** On the first page: how many documents match, up to the cap (SEARCH_COUNT_CAP). */
  total: { count: number; capped: boolean } | null;
}

/** The reading of one file's words, for the progress the clerk sees. */
export interface TextReading {
  state: 'queued' | 'reading' | 'done' | 'failed';
  pagesDone: number;
  pagesTotal: number | null;
  /** text_layer: the PDF's own text; ocr: read from its scanned pages; mixed: some of each. */
  source: 'text_layer' | 'ocr' | 'mixed' | null;
  error: string | null;
}

/** The pages of a file's words (find-in-document in the viewer); null pages while not read yet. */
export interface AttachmentText {
  attachmentId: number;
  reading: TextReading | null;
  pages: string[] | null;
}

export type SavedSearchScope = 'header' | 'content';

export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  scope: SavedSearchScope;
  /** The header search's filters (shared/api/document-search.ts), as saved. */
  filters: Record<string, unknown>;
  createdAt: string;
}
