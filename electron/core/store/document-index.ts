/**
 * A document's search index row written once for a change made of several statements
 * (migration 290): while its index_deferred is 1 the index triggers leave the document alone, and
 * setting it back to 0 indexes it with all it holds by then. Both ends run in the caller's write
 * transaction, so no committed document is left out of the index. A new document is inserted
 * with index_deferred = 1 and ended with indexDeferredDocument; an existing one goes through
 * withIndexDeferred.
 */
import { cachedStatement, type Db } from './database.js';

/** Indexes a document written with index_deferred = 1, once, as it now stands. */
export function indexDeferredDocument(db: Db, id: number): void {
  cachedStatement(db, 'UPDATE documents SET index_deferred = 0 WHERE id = ? AND index_deferred = 1').run(id);
}

/** Runs `work` on document `id` and its rows, then writes its index row once. */
export function withIndexDeferred<T>(db: Db, id: number, work: () => T): T {
  cachedStatement(db, 'UPDATE documents SET index_deferred = 1 WHERE id = ?').run(id);
  try {
    return work();
  } finally {
    indexDeferredDocument(db, id);
  }
}
