import type { Migration } from './index.js';

/**
 * Deadline notices at the desk (docs/architecture.md, "Deadline notices at the desk"): the
 * reminders and daily digests the hub's feed brought, by person and key (the feed's subject), with
 * when that person read each. Kept per person, not with the replica: another person signing in at
 * this desk replays the feed from the start and sees only his own; the first one, back, finds his
 * notices read as he left them, since a replayed notice does not replace the one kept.
 */
export const migration260: Migration = {
  version: 260,
  name: 'hub-notices',
  up(db) {
    db.exec(`
      CREATE TABLE hub_notices (
        user_id INTEGER NOT NULL,
        key TEXT NOT NULL CHECK (key GLOB 'reminder:*' OR key GLOB 'digest:*'),
        kind TEXT NOT NULL CHECK (kind IN ('reminder', 'digest')),
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        change_seq INTEGER NOT NULL,
        read_at TEXT,
        PRIMARY KEY (user_id, key)
      );
      CREATE INDEX hub_notices_newest ON hub_notices (user_id, change_seq DESC);
    `);
  },
};
