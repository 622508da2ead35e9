import type { Migration } from './index.js';

/**
 * The first schema: agencies, documents and their attachments, per-recipient exchange state,
 * the outbox, quarantine, settings, sync cursors and the hash-chained audit log.
 */
export const migration010: Migration = {
  version: 10,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE agencies (
        -- An integer key that VACUUM keeps: search indexes point at it.
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        code_qd20 TEXT,
        parent_id TEXT,
        name TEXT NOT NULL,
        email TEXT,
        directory_version INTEGER,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'draft')),
        -- The edXML DocumentId: issuer,date,number/notation; opaque when received.
        edxml_document_id TEXT,
        sender_id TEXT,
        axis_doc_id TEXT UNIQUE,
        subject TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        code_number TEXT,
        code_notation TEXT,
        type_name TEXT,
        promulgation_date TEXT,
        signer_name TEXT,
        priority INTEGER NOT NULL DEFAULT 0,
        due_date TEXT,
        state TEXT NOT NULL,
        -- The package as sent or received, kept as evidence (a blob name).
        package_sha256 TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (sender_id, edxml_document_id)
      );
      CREATE INDEX documents_by_direction ON documents (direction, updated_at DESC);

      CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        created_at TEXT NOT NULL,
        UNIQUE (document_id, position)
      );
      CREATE INDEX attachments_by_blob ON attachments (sha256);

      CREATE TABLE recipient_statuses (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        recipient_id TEXT NOT NULL,
        state TEXT NOT NULL,
        status_code TEXT,
        description TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (document_id, recipient_id)
      );

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        document_id INTEGER REFERENCES documents (id),
        message_type TEXT NOT NULL CHECK (message_type IN ('edoc', 'status')),
        package_sha256 TEXT NOT NULL,
        recipients TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'retry_wait', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        axis_doc_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX outbox_pending ON outbox (state, next_attempt_at);

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        axis_doc_id TEXT NOT NULL UNIQUE,
        message_type TEXT NOT NULL,
        sender_id TEXT,
        reason TEXT NOT NULL,
        package_sha256 TEXT,
        state TEXT NOT NULL CHECK (state IN ('open', 'retrying', 'ignored')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
