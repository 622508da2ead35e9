import { agencySearchText, type AgencySearchSource } from '../agency-search-text.js';
import type { Migration } from './index.js';

/**
 * Instant directory search by name or either code. The text is folded in JavaScript (đ → d is
 * beyond FTS5's own diacritic folding), so the index is contentless and kept by the repository
 * in the same transaction as the row; rows already present are indexed here.
 */
export const migration020: Migration = {
  version: 20,
  name: 'agency search index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE agencies_fts USING fts5(
        search_text, content = '', contentless_delete = 1, tokenize = 'unicode61', prefix = '1 2 3'
      );
    `);
    const insert = db.prepare('INSERT INTO agencies_fts (rowid, search_text) VALUES (?, ?)');
    const rows = db.prepare('SELECT seq, id, code_qd20, name FROM agencies').all() as (AgencySearchSource & { seq: number })[];
    for (const row of rows) insert.run(row.seq, agencySearchText(row));
  },
};
