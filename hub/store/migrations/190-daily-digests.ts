import type { HubMigration } from './index.js';

/**
 * The daily digest of open work (docs/formats.md "Working days and deadlines"): one row per person
 * and Vietnam day, with the counts it gave. The primary key is what a second run, or a second hub
 * instance running at the same moment, collides with: each person gets one digest a day.
 */
export const migration190: HubMigration = {
  version: 190,
  name: 'daily digests',
  async up(client) {
    await client.query(`
      CREATE TABLE daily_digests (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        day date NOT NULL,
        open_count integer NOT NULL CHECK (open_count >= 0),
        overdue integer NOT NULL CHECK (overdue >= 0),
        due_today integer NOT NULL CHECK (due_today >= 0),
        due_soon integer NOT NULL CHECK (due_soon >= 0),
        awaiting integer NOT NULL CHECK (awaiting >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, day)
      );
    `);
  },
};
