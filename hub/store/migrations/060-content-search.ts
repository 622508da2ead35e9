import { reindexDocumentHeader } from '../content-search.js';
import type { HubMigration } from './index.js';

/**
 * Content search (hub/store/content-search.ts): per document, the text of its files as read
 * (pages separated by form feeds; the passage shown comes from it) and the folded words of its
 * header fields and that text, space-separated, behind a pg_trgm GIN index. The fold is
 * JavaScript's (shared/text/fold.ts), the desk's own, not unaccent. `npm run bench -- hub-search`
 * chose pg_trgm over a tsvector GIN (docs/architecture.md, "Agency hub"); pg_trgm ships with
 * PostgreSQL's contrib, which the private cluster and the usual managed servers have.
 *
 * The documents already there get their header fields indexed here, so they are found at once.
 */
export const migration060: HubMigration = {
  version: 60,
  name: 'content search: folded words of each document',
  async up(client) {
    await client.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE TABLE document_texts (
        document_id integer PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        body text NOT NULL DEFAULT '',
        -- The folded words of the header fields and the body, space-separated, a space at each end.
        words text NOT NULL,
        indexed_at timestamptz NOT NULL
      );
      CREATE INDEX document_texts_words ON document_texts USING gin (words gin_trgm_ops);
    `);
    const { rows } = await client.query<{ id: number }>('SELECT id FROM documents ORDER BY id');
    for (const { id } of rows) await reindexDocumentHeader(client, id);
  },
};
