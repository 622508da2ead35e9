import { agencyNameKey } from '../agency-search-text.js';
import type { Migration } from './index.js';

/**
 * Where the clerk works (docs/architecture.md, "Clerk's desk"):
 * - `agencies.name_key`: the name's folded words, so the directory search can rank an agency
 *   whose name starts with what was typed ("bo tai chinh" → Bộ Tài chính) before the units
 *   whose names only contain it, without folding every candidate at query time.
 * - recipient groups the agency keeps ("Các sở, ban, ngành tỉnh"), picked as one in the
 *   recipient picker. Members name directory ids, not rows: an agency that leaves the
 *   directory stays listed in the group, shown as no longer found.
 * - an index for the inbox tabs and their counts (state, and due date for "Quá hạn").
 */
export const migration170: Migration = {
  version: 170,
  name: 'recipient ranking, recipient groups, inbox tabs',
  up(db) {
    db.exec(`
      ALTER TABLE agencies ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
      CREATE TABLE recipient_groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE recipient_group_members (
        group_id INTEGER NOT NULL REFERENCES recipient_groups (id) ON DELETE CASCADE,
        agency_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (group_id, agency_id)
      );
      CREATE INDEX documents_by_state ON documents (direction, state, due_date);
    `);
    const update = db.prepare('UPDATE agencies SET name_key = ? WHERE seq = ?');
    for (const row of db.prepare('SELECT seq, name FROM agencies').all() as { seq: number; name: string }[]) update.run(agencyNameKey(row.name), row.seq);
  },
};
