import { CHANGE_NUMBER_LOCK } from '../advisory-locks.js';
import type { HubMigration } from './index.js';

/**
 * The change feed: one row per change a desk must learn about, with the audience allowed to see
 * it. A change is numbered at its transaction's commit, not at its insert: a deferred trigger takes
 * one lock and the next number, so numbers become visible in the order they were given and a desk
 * that read up to N can never later meet a smaller number (docs/architecture.md, "Agency hub").
 * The same trigger NOTIFYs every hub instance, delivered only if the transaction commits; revoked
 * sessions are announced the same way, so every instance ends their open streams at once.
 */
export const migration040: HubMigration = {
  version: 40,
  name: 'change feed',
  async up(client) {
    await client.query(`
      CREATE SEQUENCE change_numbers AS bigint;

      CREATE TABLE changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- NULL until the writing transaction commits; readers only ever see committed rows.
        seq bigint UNIQUE,
        at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' AND length(kind) <= 64),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        payload jsonb NOT NULL
      );
      CREATE INDEX changes_by_time ON changes (at);

      -- Who may see a change: a user; the members of a unit; those with a role in a unit; or
      -- everyone with a role. A change with no audience row is seen by nobody.
      CREATE TABLE change_audience (
        change_id bigint NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
        user_id integer,
        unit_id integer,
        role text CHECK (role IN ('clerk', 'leader', 'unit_leader', 'specialist', 'admin')),
        CHECK (user_id IS NOT NULL OR unit_id IS NOT NULL OR role IS NOT NULL),
        CHECK (user_id IS NULL OR (unit_id IS NULL AND role IS NULL))
      );
      CREATE INDEX change_audience_by_change ON change_audience (change_id);

      -- What the hub no longer keeps: a desk asking from a number at or below it takes a fresh snapshot.
      CREATE TABLE change_feed_state (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        pruned_through bigint NOT NULL DEFAULT 0
      );
      INSERT INTO change_feed_state DEFAULT VALUES;

      CREATE FUNCTION number_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        given bigint;
      BEGIN
        -- Held until the commit ends: the next number is taken only once this one is visible.
        PERFORM pg_advisory_xact_lock(${CHANGE_NUMBER_LOCK[0]}, ${CHANGE_NUMBER_LOCK[1]});
        given := nextval('change_numbers');
        -- Commit time, so that time order is number order (pruning cuts by time).
        UPDATE changes SET seq = given, at = clock_timestamp() WHERE id = NEW.id;
        -- One payload for all: PostgreSQL folds equal notifications of a transaction into one,
        -- so a transaction of many changes (an import) wakes each instance once, not once per row.
        PERFORM pg_notify('vanthu_changes', '');
        RETURN NULL;
      END
      $$;
      CREATE CONSTRAINT TRIGGER changes_numbered_at_commit AFTER INSERT ON changes
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION number_change();

      CREATE FUNCTION announce_session_end() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('vanthu_session_ended', NEW.id::text);
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER sessions_announce_end AFTER UPDATE OF revoked_at ON sessions
        FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL) EXECUTE FUNCTION announce_session_end();
    `);
  },
};
