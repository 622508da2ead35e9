/**
 * What the two full-text indexes (agencies, documents) share: the same folding of indexed text
 * and of typed queries, so that "quyet dinh" meets "Quyết định" (FTS5's own diacritic folding
 * does not map đ → d, hence the fold in JavaScript).
 */
import { foldText } from '../../../shared/text/fold.js';

/** A query is cut to this many words: more add nothing a clerk needs and cost a doclist each. */
export const MAX_QUERY_WORDS = 12;

/** The folded words of a text, letters and digits only: no FTS5 syntax survives this. */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** An FTS5 phrase of folded words (they hold no quote: see foldedWords), optionally a prefix. */
export function ftsPhrase(words: readonly string[], prefix: boolean): string {
  return `"${words.join(' ')}"${prefix ? '*' : ''}`;
}

/** SQL name of the fold, for the triggers that keep the document index in step. */
export const FOLD_FUNCTION = 'vanthu_fold';

export const foldSql = (text: unknown): string => (typeof text === 'string' ? foldText(text) : '');
