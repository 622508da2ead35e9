/** What the diagnostics page and report say about the store: versions, sizes and counts only, no content. */
import type { OutboxItem, QuarantineItem } from '../../../shared/api/documents.js';
import type { Db } from './database.js';
import { schemaVersion } from './migrations/index.js';

export interface StoreFacts {
  sqliteVersion: string;
  schemaVersion: number;
  documentCount: number;
}

export function storeFacts(db: Db): StoreFacts {
  return {
    sqliteVersion: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    schemaVersion: schemaVersion(db),
    documentCount: (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n,
  };
}

/** Outbox rows and quarantined packages per state: how much waits, and how much failed. */
export function queueCounts(db: Db): { outbox: Partial<Record<OutboxItem['state'], number>>; quarantine: Partial<Record<QuarantineItem['state'], number>> } {
  const byState = (table: 'outbox' | 'quarantine') =>
    Object.fromEntries((db.prepare(`SELECT state, count(*) AS n FROM ${table} GROUP BY state ORDER BY state`).all() as { state: string; n: number }[]).map((row) => [row.state, row.n]));
  return { outbox: byState('outbox'), quarantine: byState('quarantine') };
}
