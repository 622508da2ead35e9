/** Searches a clerk named to run again (migration 180). */
import type { SavedSearch, SavedSearchScope } from '../../../shared/api/content-search.js';
import type { Db } from './database.js';

interface SavedRow {
  id: number;
  name: string;
  query: string;
  scope: SavedSearchScope;
  filters: string;
  created_at: string;
}

const toSaved = (row: SavedRow): SavedSearch => ({ id: row.id, name: row.name, query: row.query, scope: row.scope, filters: JSON.parse(row.filters) as Record<string, unknown>, createdAt: row.created_at });

export function listSavedSearches(db: Db): SavedSearch[] {
  return (db.prepare('SELECT * FROM saved_searches ORDER BY name').all() as SavedRow[]).map(toSaved);
}

/** Saves under a name, replacing the search of that name (the clerk refines and saves again). */
export function saveSearch(db: Db, input: { name: string; query: string; scope: SavedSearchScope; filters: Record<string, unknown> }, now: Date = new Date()): SavedSearch {
  const row = db
    .prepare(
      `INSERT INTO saved_searches (name, query, scope, filters, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET query = excluded.query, scope = excluded.scope, filters = excluded.filters RETURNING *`,
    )
    .get(input.name, input.query, input.scope, JSON.stringify(input.filters), now.toISOString()) as SavedRow;
  return toSaved(row);
}

export function removeSavedSearch(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes === 1;
}
