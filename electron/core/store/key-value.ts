/**
 * Small JSON values by key: `settings` holds what the user chose, `sync_state` holds cursors
 * the sync process keeps. Two tables so that a reset of sync state never touches settings.
 */
import type { Db } from './database.js';

export type KeyValueTable = 'settings' | 'sync_state';

export function readValue<T>(db: Db, table: KeyValueTable, key: string): T | null {
  const row = db.prepare(`SELECT value FROM ${table} WHERE key = ?`).get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export function writeValue(db: Db, table: KeyValueTable, key: string, value: unknown): void {
  db.prepare(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    key,
    JSON.stringify(value),
  );
}

export function deleteValue(db: Db, table: KeyValueTable, key: string): void {
  db.prepare(`DELETE FROM ${table} WHERE key = ?`).run(key);
}
