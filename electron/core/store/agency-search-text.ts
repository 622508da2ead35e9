import { foldText } from '../../../shared/text/fold.js';
import { foldedWords, ftsPhrase, MAX_QUERY_WORDS } from './fts-text.js';

export interface AgencySearchSource {
  id: string;
  code_qd20: string | null;
  name: string;
}

/** What the directory search matches: the folded name and both codes. */
export function agencySearchText(row: AgencySearchSource): string {
  return foldText([row.name, row.id, row.code_qd20 ?? ''].join(' '));
}

/** The name's folded words, one space apart: "Bộ Tài chính" → "bo tai chinh" (agencies.name_key). */
export function agencyNameKey(name: string): string {
  return foldedWords(name).join(' ');
}

/**
 * The words a clerk typed, as the directory search (the desktop's and the hub's) matches them:
 * folded, letters and digits only (no query syntax nor LIKE wildcard gets through), at most
 * MAX_QUERY_WORDS.
 */
export function agencyQueryWords(typed: string): string[] {
  return foldedWords(typed).slice(0, MAX_QUERY_WORDS);
}

/** Turns what a clerk typed into an FTS5 query: every word must match as a prefix, in any order. */
export function agencyMatchQuery(typed: string): string | null {
  const words = agencyQueryWords(typed);
  return words.length === 0 ? null : words.map((word) => ftsPhrase([word], true)).join(' ');
}
