/**
 * The SQL functions the document index triggers call (migrations 070, 090). Every connection that
 * writes documents needs them, so openDatabase registers them before anything else; a tool that
 * opens the file without them can read it but not write a document.
 */
import type { Db } from './database.js';
import { documentFacets, FACETS_FUNCTION } from './document-facets.js';
import { FOLD_FUNCTION, foldSql } from './fts-text.js';

export function registerSearchFunctions(db: Db): void {
  db.function(FOLD_FUNCTION, { deterministic: true }, foldSql);
  // Variadic: the index of migration 070 passes no register (its column came with 080), 090's does.
  db.function(FACETS_FUNCTION, { deterministic: true, varargs: true }, (...args: unknown[]) => {
    const [direction, typeName, state, priority, date, agencies, registerId] = args;
    return documentFacets({
      direction: String(direction),
      typeName: typeof typeName === 'string' ? typeName : null,
      state: String(state),
      priority: Number(priority),
      date: typeof date === 'string' ? date : null,
      agencies: typeof agencies === 'string' ? agencies.split(' ').filter(Boolean) : [],
      registerId: typeof registerId === 'number' || typeof registerId === 'bigint' ? Number(registerId) : null,
    });
  });
}
