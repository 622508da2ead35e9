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

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: foldText(m[0]) }));
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
  const words = wordsOf(text);
  const found: TextRange[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const run of runs) {
      if (run.every((folded, k) => words[i + k]?.folded === folded)) found.push({ start: words[i]!.start, end: words[i + run.length - 1]!.end });
    }
  }
  return found;
}

/** Whether every run occurs in the text (the page a result should show). */
export function holdsEveryRun(text: string, runs: readonly (readonly string[])[]): boolean {
  return runs.every((run) => findRuns(text, [run]).length > 0);
}

/**
 * The passage around the first match of the runs (typedRuns: every typed chunk; or one run of
 * all the words, for a phrase): about `before` characters before it and `after` after,
 * cut at word boundaries, with every match inside it highlighted. Null when nothing matches.
 */
export function passageAround(text: string, runs: readonly (readonly string[])[], before = 80, after = 160): Passage | null {
  const matches = findRuns(text, runs);
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
