import { documentIndexTriggersSql, dropDocumentIndexTriggersSql } from './070-document-search.js';
import type { Migration } from './index.js';

/**
 * A document written in several statements is indexed once. Until now every row a document
 * gained re-wrote its search index row: an arrival wrote it for the document, then again for each
 * attachment (a package of 25 files: 26 times, each re-folding the subject and every file name
 * so far), and a paper arrival a third time when it took its number in the register. The store
 * now inserts such a document with index_deferred = 1, adds its attachments (and its number),
 * then sets it to 0 in the same transaction: the index triggers leave a deferred document alone,
 * and documents_fts_release indexes it once, with everything it holds. No row is left deferred
 * by a committed transaction (document-index.ts does both ends in one function).
 */
export const migration290: Migration = {
  version: 290,
  name: 'document index written once per change',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN index_deferred INTEGER NOT NULL DEFAULT 0 CHECK (index_deferred IN (0, 1));
      ${dropDocumentIndexTriggersSql()}
      ${documentIndexTriggersSql({ register: true, deferrable: true })}
    `);
  },
};
