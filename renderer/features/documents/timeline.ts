import type { TimelineEntry } from '../../../shared/api/documents.js';

/** Newest first; entries with the same time keep their order; unreadable times go last. */
export function newestFirst(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const time = (entry: TimelineEntry) => {
    const ms = Date.parse(entry.at);
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  return entries
    .map((entry, index) => ({ entry, index, ms: time(entry) }))
    .sort((a, b) => b.ms - a.ms || b.index - a.index)
    .map(({ entry }) => entry);
}
