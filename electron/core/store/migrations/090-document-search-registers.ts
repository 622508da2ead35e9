import { documentIndexSql, dropDocumentIndexTriggersSql } from './070-document-search.js';
import type { Migration } from './index.js';

/**
 * The document index rebuilt with the register among the facets (the search filter by register,
 * see 070), kept in step when a document is entered in a register; and with prefix indexes for
 * 4 and 5 letters besides 1–3. The last word typed is a prefix, and FTS5 answers a prefix it has
 * no index for by merging the whole doclist of every term that starts with it before the first
 * row: "…tuyen dung" read all of "dung" (dùng, dụng, đúng, dũng), 13 ms at a million documents,
 * and most Vietnamese syllables have 4 or 5 letters. The index grows by a quarter (about 1.0 to
 * 1.24 GiB at a million generated documents; the whole file by a tenth).
 */
export const migration090: Migration = {
  version: 90,
  name: 'document search by register',
  up(db) {
    db.exec(`
      ${dropDocumentIndexTriggersSql()}
      DROP TABLE documents_fts;
      ${documentIndexSql({ tableOptions: "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5'", register: true })}
    `);
  },
};
