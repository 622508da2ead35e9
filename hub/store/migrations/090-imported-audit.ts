import type { HubMigration } from './index.js';

/**
 * The audit chain a standalone agency brought when it was imported (`npm run hub -- import`),
 * kept row for row as it was written, so it verifies with the desktop's own rule; the hub's chain
 * records the import with the imported chain's last hash, which ties the two together. `at` stays
 * the text that was hashed. Append-only like the hub's own log.
 */
export const migration090: HubMigration = {
  version: 90,
  name: 'the audit chain of an imported standalone agency',
  async up(client) {
    await client.query(`
      CREATE TABLE imported_audit_log (
        seq bigint PRIMARY KEY,
        at text NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject text,
        details text NOT NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      );
      CREATE TRIGGER imported_audit_log_no_update BEFORE UPDATE OR DELETE ON imported_audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
      CREATE TRIGGER imported_audit_log_no_truncate BEFORE TRUNCATE ON imported_audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
    `);
  },
};
