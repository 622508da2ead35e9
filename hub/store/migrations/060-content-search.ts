import { reindexDocumentHeader } from '../content-search.js';
import type { HubMigration } from './index.js';

/**
 * Content search (hub/store/content-search.ts): per document, the text of its files as read
 * (pages separated by form feeds; the passage shown comes from it) and the folded words of its
 * header fields and that text as a 'simple' tsvector behind a GIN index. The fold is JavaScript's
 * (shared/text/fold.ts), the desk's own, so no PostgreSQL extension is needed: the hub runs on a
 * managed server where unaccent or pg_trgm may not be installable. `npm run bench -- hub-search`
 * chose tsvector + GIN over pg_trgm (docs/architecture.md, "Agency hub").
 *
 * The documents already there get their header fields indexed here, so they are found at once.
 */
export const migration060: HubMigration = {
  version: 60,
  name: 'content search: folded words of each document',
  async up(client) {
    await client.query(`
      CREATE TABLE document_texts (
        document_id integer PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        body text NOT NULL DEFAULT '',
        words tsvector NOT NULL,
        indexed_at timestamptz NOT NULL
      );
      CREATE INDEX document_texts_words ON document_texts USING gin (words);
    `);
    const { rows } = await client.query<{ id: number }>('SELECT id FROM documents ORDER BY id');
    for (const { id } of rows) await reindexDocumentHeader(client, id);
  },
};
