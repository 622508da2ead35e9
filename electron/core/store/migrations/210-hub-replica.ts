import type { Migration } from './index.js';

/**
 * Agency mode's desk side (docs/architecture.md, "The desk in agency mode"): the link to the
 * agency hub (its address, who is signed in, the feed number applied so far and a snapshot under
 * way), the replica of what that user may see under the hub's ids, the agency's directory, and
 * the commands queued here until the hub answers them.
 *
 * The session token is not here: it is a secret, kept in the OS keychain (config/secret-store.ts).
 */
export const migration210: Migration = {
  version: 210,
  name: 'hub-replica',
  up(db) {
    db.exec(`
      CREATE TABLE hub_link (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hub_url TEXT NOT NULL,
        -- Who the replica belongs to; kept after sign-out so that the same user finds it again.
        user_id INTEGER,
        user_json TEXT,
        -- NULL: signed out (the keychain holds no session for this hub).
        signed_in_at TEXT,
        -- Every change up to this number that the user may see is applied.
        feed_cursor INTEGER NOT NULL DEFAULT 0 CHECK (feed_cursor >= 0),
        -- A snapshot under way: the feed number it is read at and the last document id applied.
        snapshot_head INTEGER,
        snapshot_after INTEGER,
        -- The hub's last number as last heard (a reset, a snapshot, a page that was not full).
        known_head INTEGER NOT NULL DEFAULT 0,
        CHECK ((snapshot_head IS NULL) = (snapshot_after IS NULL)),
        CHECK ((user_id IS NULL) = (user_json IS NULL))
      );

      -- One row per document the user may see, the whole document as the hub sent it.
      CREATE TABLE hub_documents (
        id INTEGER PRIMARY KEY,
        document TEXT NOT NULL CHECK (json_valid(document)),
        -- The feed number that brought it (0 for a snapshot).
        change_seq INTEGER NOT NULL
      );

      CREATE TABLE hub_units (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        parent_id INTEGER
      );

      CREATE TABLE hub_users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL,
        display_name TEXT NOT NULL,
        unit_id INTEGER NOT NULL,
        roles TEXT NOT NULL CHECK (json_valid(roles)),
        disabled INTEGER NOT NULL CHECK (disabled IN (0, 1))
      );

      -- Writes to the hub, made here with a UUIDv7 (time-ordered: sent in id order) and kept until answered.
      CREATE TABLE hub_commands (
        id TEXT PRIMARY KEY CHECK (length(id) = 36),
        user_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'applied', 'refused')),
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        -- Why the last attempt got no answer (offline, the hub failing): for "Chi tiết".
        last_error TEXT,
        answered_at TEXT,
        result TEXT CHECK (result IS NULL OR json_valid(result)),
        refusal_reason TEXT CHECK (refusal_reason IN ('forbidden', 'not_found', 'stale', 'invalid')),
        refusal_message TEXT,
        CHECK ((state = 'refused') = (refusal_reason IS NOT NULL)),
        CHECK ((state = 'queued') = (answered_at IS NULL))
      );
      CREATE INDEX hub_commands_queued ON hub_commands (user_id, id) WHERE state = 'queued';
    `);
  },
};
