import type { Migration } from './index.js';

/**
 * Signing (docs/formats.md#decree-30): a draft is submitted to the leader, signed by the leader, numbered
 * from the outgoing register and signed for the agency before it is sent.
 *
 * The signing steps get their own column instead of new `state` values: the document stays a
 * draft (direction and state 'editing') until it is sent, so every place that reads `state`
 * (lists, badges, the exchange) is unchanged, and `signing_state` says how far signing went:
 * 'none' → 'awaiting_leader' → 'leader_signed' → 'numbered' (number taken, agency signature
 * still to come: a failed agency signature keeps the number, so the register has no gap) →
 * 'agency_signed' (ready to send).
 *
 * Each signing step appends an incremental update to the main PDF, so the attachment row points
 * at the latest version and `attachment_versions` keeps every earlier one (their blobs stay in
 * the store: evidence of what the leader saw and signed).
 */
export const migration040: Migration = {
  version: 40,
  name: 'signing',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN signing_state TEXT NOT NULL DEFAULT 'none'
        CHECK (signing_state IN ('none', 'awaiting_leader', 'leader_signed', 'numbered', 'agency_signed'));

      CREATE TABLE attachment_versions (
        id INTEGER PRIMARY KEY,
        attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size >= 0),
        -- What made this version: 'original', 'fields', 'leader', 'agency'.
        step TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (attachment_id, version)
      );
      INSERT INTO attachment_versions (attachment_id, version, sha256, size, step, created_at)
        SELECT id, 1, sha256, size, 'original', created_at FROM attachments;
    `);
  },
};
