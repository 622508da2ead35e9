import type { HubMigration } from './index.js';

/**
 * The admin's audit viewer (docs/architecture.md, "Audit log at the hub"): indexes to page the log
 * newest first by who acted and by what it was about, and the restricted reads already recorded
 * (one audit row per session and document, so a reader who opens the same document all day writes
 * one row, not hundreds). A session's reads go with it when it is deleted.
 */
export const migration180: HubMigration = {
  version: 180,
  name: 'audit viewer: indexes, restricted reads',
  async up(client) {
    await client.query(`
      CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
      CREATE INDEX audit_log_by_subject ON audit_log (subject, seq) WHERE subject IS NOT NULL;

      CREATE TABLE restricted_reads (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        PRIMARY KEY (session_id, document_id)
      );
    `);
  },
};
