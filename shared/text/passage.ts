/**
 * Where typed words occur in a text, folded the way the search indexes fold (fold.ts), so that
 * "tuyen dung" is found in "Tuyển dụng" and the original letters are what is highlighted. Used
 * for the passage a content search result shows and for find-in-document in the viewer.
 */
import { foldText } from './fold.js';

export interface TextRange {
  start: number;
  end: number;
}

export interface Passage {
  text: string;
  /** The matched words, as ranges of `text`. */
  highlights: TextRange[];
}

interface Word extends TextRange {
  folded: string;
}

/**
 * Each word's fold, kept across texts: folding is the cost of finding a passage (a Unicode
 * normalisation per word), and administrative prose says the same few thousand syllables in
 * every document, so a result page of twenty documents folds almost none anew (on the result
 * pages of `npm run bench -- search`, reading the words of twenty texts took 1.4 ms folding each
 * text's words afresh, 0.55 ms with the folds kept). Emptied when full, so it stays small.
 */
const folds = new Map<string, string>();
const MAX_FOLDS = 50_000;

function foldedWord(word: string): string {
  let folded = folds.get(word);
  if (folded === undefined) {
    if (folds.size >= MAX_FOLDS) folds.clear();
    folds.set(word, (folded = foldText(word)));
  }
  return folded;
}

/** The words of a text, each folded. */
function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: foldedWord(m[0]) }));
}

/** The typed text as runs of folded words (space-separated chunks; "05/QĐ" is the run [05, qd]). */
export function typedRuns(typed: string): string[][] {
  return typed
    .split(/\s+/)
    .map((chunk) => wordsOf(chunk).map((word) => word.folded))
    .filter((run) => run.length > 0);
}

/** Every place in `text` where one of the runs occurs word for word, in text order. */
export function findRuns(text: string, runs: readonly (readonly string[])[]): TextRange[] {
  return runsIn(wordsOf(text), runs);
}

/** The runs' places among `words`; `matched`, when given, gets the index of each run found. */
function runsIn(words: readonly Word[], runs: readonly (readonly string[])[], matched?: Set<number>): TextRange[] {
  const found: TextRange[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const [r, run] of runs.entries()) {
      if (!run.every((folded, k) => words[i + k]?.folded === folded)) continue;
      found.push({ start: words[i]!.start, end: words[i + run.length - 1]!.end });
      matched?.add(r);
    }
  }
  return found;
}

/**
 * The passage around the first match of the runs (typedRuns: every typed chunk; or one run of
 * all the words, for a phrase): about `before` characters before it and `after` after,
 * cut at word boundaries, with every match inside it highlighted. Null when nothing matches.
 */
export function passageAround(text: string, runs: readonly (readonly string[])[], before = 80, after = 160): Passage | null {
  return passageOf(text, findRuns(text, runs), before, after);
}

/**
 * Of `pages`, the first that holds every run, else the first with any, and its passage: each
 * page's words are read once (a content search looks through the pages of a whole result page).
 */
export function bestPassage(pages: readonly string[], runs: readonly (readonly string[])[]): { page: number; passage: Passage } | null {
  let fallback: { page: number; passage: Passage } | null = null;
  for (const [page, text] of pages.entries()) {
    const matched = new Set<number>();
    const matches = runsIn(wordsOf(text), runs, matched);
    if (matches.length === 0) continue;
    const passage = passageOf(text, matches)!;
    if (matched.size === runs.length) return { page, passage };
    fallback ??= { page, passage };
  }
  return fallback;
}

function passageOf(text: string, matches: readonly TextRange[], before = 80, after = 160): Passage | null {
  const first = matches[0];
  if (!first) return null;
  let start = Math.max(0, first.start - before);
  let end = Math.min(text.length, first.end + after);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > first.end ? text.lastIndexOf(' ', end) : end;
  const slice = text.slice(start, end);
  const lead = slice.length - slice.trimStart().length;
  return {
    text: slice.trim(),
    highlights: matches.filter((m) => m.start >= start && m.end <= end).map((m) => ({ start: m.start - start - lead, end: m.end - start - lead })),
  };
}
