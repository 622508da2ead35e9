import type { HubMigration } from './index.js';

/**
 * Indexes the desk's list needs once an agency holds a million documents (`npm run bench -- hub`,
 * docs/architecture.md "Document access"): which documents replace a document (every document a
 * list page sends names the one that replaced it; without it each was a read of the whole table),
 * and a register's documents in id order, where the list of a register's named reader starts.
 */
export const migration120: HubMigration = {
  version: 120,
  name: 'indexes for the desk list at scale',
  async up(client) {
    await client.query(`
      CREATE INDEX documents_by_replaced ON documents (replaces_id) WHERE replaces_id IS NOT NULL;
      CREATE INDEX register_entries_by_register ON register_entries (register_id, document_id);
    `);
  },
};
