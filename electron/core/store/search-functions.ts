/**
 * The SQL functions the document index triggers call (migration 070). Every connection that
 * writes documents needs them, so openDatabase registers them before anything else; a tool that
 * opens the file without them can read it but not write a document.
 */
import type { Db } from './database.js';
import { documentFacets, FACETS_FUNCTION } from './document-facets.js';
import { FOLD_FUNCTION, foldSql } from './fts-text.js';

export function registerSearchFunctions(db: Db): void {
  db.function(FOLD_FUNCTION, { deterministic: true }, foldSql);
  db.function(
    FACETS_FUNCTION,
    { deterministic: true },
    (direction: unknown, typeName: unknown, state: unknown, priority: unknown, date: unknown, agencies: unknown) =>
      documentFacets({
        direction: String(direction),
        typeName: typeof typeName === 'string' ? typeName : null,
        state: String(state),
        priority: Number(priority),
        date: typeof date === 'string' ? date : null,
        agencies: typeof agencies === 'string' ? agencies.split(' ').filter(Boolean) : [],
      }),
  );
}
