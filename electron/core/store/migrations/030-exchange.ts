import type { Migration } from './index.js';

/**
 * Exchange with the axis: the header fields a package carries, the arrival register, the
 * timeline of statuses, requests waiting for the clerk's answer (take-back, revoke, update,
 * replace), revisions kept when an update is applied, and the per-package record of what was
 * received, which makes receiving idempotent on the axis id.
 */
export const migration030: Migration = {
  version: 30,
  name: 'exchange',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN signer_position TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN signer_competence TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN place TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN sender_name TEXT;
      ALTER TABLE documents ADD COLUMN arrival_number INTEGER;
      ALTER TABLE documents ADD COLUMN received_at TEXT;
      ALTER TABLE documents ADD COLUMN revoked_at TEXT;
      ALTER TABLE documents ADD COLUMN revoke_reason TEXT;
      ALTER TABLE documents ADD COLUMN replaces_id INTEGER REFERENCES documents (id);
      DROP INDEX documents_by_direction;
      -- Lists show urgent documents first (docs/formats.md#decree-30: handled at once).
      CREATE INDEX documents_by_box ON documents (direction, priority DESC, updated_at DESC);
      CREATE INDEX documents_by_replaced ON documents (replaces_id) WHERE replaces_id IS NOT NULL;

      ALTER TABLE outbox ADD COLUMN purpose TEXT NOT NULL DEFAULT 'document';

      CREATE TABLE register_counters (
        register TEXT NOT NULL,
        year INTEGER NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (register, year)
      );

      CREATE TABLE status_events (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        agency_id TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        status_code TEXT NOT NULL,
        description TEXT,
        staff TEXT,
        occurred_at TEXT NOT NULL,
        -- A status received twice from the axis is recorded once.
        axis_doc_id TEXT UNIQUE
      );
      CREATE INDEX status_events_by_document ON status_events (document_id, occurred_at);

      CREATE TABLE pending_requests (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('takeback', 'revoke', 'update', 'replace')),
        requester_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL,
        replacement_id INTEGER REFERENCES documents (id),
        -- For an update: the header fields and attachments to apply if the clerk agrees.
        payload TEXT
      );

      CREATE TABLE document_revisions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        revised_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        previous TEXT NOT NULL
      );

      CREATE TABLE inbound_packages (
        axis_doc_id TEXT PRIMARY KEY,
        message_type TEXT NOT NULL CHECK (message_type IN ('edoc', 'status')),
        outcome TEXT NOT NULL CHECK (outcome IN ('document', 'status', 'request', 'duplicate', 'quarantined')),
        document_id INTEGER REFERENCES documents (id),
        recorded_at TEXT NOT NULL,
        acknowledged_at TEXT
      );
    `);
  },
};
