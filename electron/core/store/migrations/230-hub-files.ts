import type { Migration } from './index.js';

/**
 * Agency mode's files on demand (docs/architecture.md, "Files on demand at the desk"): which hub
 * attachments this desk holds in its blob store, when each was last opened (to evict the least
 * recently used first), and the documents its user pinned to keep their files offline. The bytes
 * are in the content-addressed blob store, named by their SHA-256, like every other file.
 */
export const migration230: Migration = {
  version: 230,
  name: 'hub-files',
  up(db) {
    db.exec(`
      CREATE TABLE hub_file_cache (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        size INTEGER NOT NULL CHECK (size >= 0),
        fetched_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL
      );
      CREATE INDEX hub_file_cache_lru ON hub_file_cache (last_used_at);

      -- The user's "keep on this computer": every file of these documents is fetched and never evicted.
      CREATE TABLE hub_pinned_documents (
        document_id INTEGER PRIMARY KEY,
        pinned_at TEXT NOT NULL
      );
    `);
  },
};
