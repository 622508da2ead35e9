import type { HubMigration } from './index.js';

/**
 * The hub reads the text of each document's files in the background (hub/texts): when it has,
 * and why it could not. A document without a row, or whose files were not read yet, is waiting.
 * The documents already indexed by their header alone (migration 060) wait too.
 */
export const migration100: HubMigration = {
  version: 100,
  name: 'content search: when the files of a document were read',
  async up(client) {
    await client.query(`
      ALTER TABLE document_texts
        ADD COLUMN files_read_at timestamptz,
        -- What stopped a file from being read (damaged, encrypted…): the document is still found by its header.
        ADD COLUMN files_problem text;
    `);
  },
};
