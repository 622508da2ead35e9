import type { Migration } from './index.js';

/**
 * Điều hành in standalone mode (docs/architecture.md, "Điều hành in standalone mode"): a registered
 * arrival's deadline and instruction once its one person sets them (until then the deadline is the
 * default, computed when read), and the reminders already given, one per (document, kind,
 * deadline), so a reminder is given once and a new deadline is reminded of again.
 */
export const migration270: Migration = {
  version: 270,
  name: 'arrival-work',
  up(db) {
    db.exec(`
      CREATE TABLE arrival_work (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        deadline TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        instruction TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      );
      CREATE TABLE arrival_reminders (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
        deadline TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        reminded_at TEXT NOT NULL,
        UNIQUE (document_id, kind, deadline)
      );
    `);
  },
};
