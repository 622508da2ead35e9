/**
 * Which backup sets to keep: the newest of each of the last `daily` days that have a backup and
 * the newest of each of the last `weekly` weeks, in UTC. Pure, so the rule is tested on dates alone.
 */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4 };

const DAY_MS = 86_400_000;

export function backupsToKeep<T extends { createdAt: Date }>(backups: readonly T[], policy: RetentionPolicy): Set<T> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<T>();
  pickNewestPerPeriod(newestFirst, (at) => Math.floor(at.getTime() / DAY_MS), policy.daily, keep);
  // 1970-01-01 was a Thursday: shift by 3 days so that weeks run Monday to Sunday.
  pickNewestPerPeriod(newestFirst, (at) => Math.floor((at.getTime() / DAY_MS + 3) / 7), policy.weekly, keep);
  return keep;
}

function pickNewestPerPeriod<T extends { createdAt: Date }>(newestFirst: readonly T[], period: (at: Date) => number, count: number, keep: Set<T>): void {
  const seen = new Set<number>();
  for (const backup of newestFirst) {
    if (seen.size >= count) return;
    const key = period(backup.createdAt);
    if (seen.has(key)) continue;
    seen.add(key);
    keep.add(backup);
  }
}
