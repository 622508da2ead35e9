import type { Migration } from './index.js';

/**
 * The desk's lists in agency mode read the replica (docs/architecture.md, "The desk in agency
 * mode"): the columns a mailbox filters and orders by, read from each document's JSON by SQLite
 * itself (virtual, so the JSON stays the one copy), with the index a mailbox page walks. A refused
 * command the person has read and put away is kept, with when.
 */
export const migration220: Migration = {
  version: 220,
  name: 'replica-lists',
  up(db) {
    db.exec(`
      ALTER TABLE hub_documents ADD COLUMN direction TEXT GENERATED ALWAYS AS (json_extract(document, '$.direction')) VIRTUAL;
      ALTER TABLE hub_documents ADD COLUMN state TEXT GENERATED ALWAYS AS (json_extract(document, '$.state')) VIRTUAL;
      ALTER TABLE hub_documents ADD COLUMN priority INTEGER GENERATED ALWAYS AS (json_extract(document, '$.priority')) VIRTUAL;
      ALTER TABLE hub_documents ADD COLUMN updated_at TEXT GENERATED ALWAYS AS (json_extract(document, '$.updatedAt')) VIRTUAL;
      ALTER TABLE hub_documents ADD COLUMN due_date TEXT GENERATED ALWAYS AS (json_extract(document, '$.dueDate')) VIRTUAL;
      ALTER TABLE hub_documents ADD COLUMN has_request INTEGER GENERATED ALWAYS AS (json_type(document, '$.pendingRequest') = 'object') VIRTUAL;
      ALTER TABLE hub_documents ADD COLUMN client_key TEXT GENERATED ALWAYS AS (json_extract(document, '$.clientKey')) VIRTUAL;
      CREATE INDEX hub_documents_by_box ON hub_documents (direction, priority DESC, updated_at DESC, id DESC);
      CREATE INDEX hub_documents_by_state ON hub_documents (direction, state);
      CREATE INDEX hub_documents_by_client_key ON hub_documents (client_key) WHERE client_key IS NOT NULL;

      ALTER TABLE hub_commands ADD COLUMN dismissed_at TEXT CHECK (dismissed_at IS NULL OR state = 'refused');
    `);
  },
};
