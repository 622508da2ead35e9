import { FOLD_FUNCTION, registerFoldFunction } from '../fts-text.js';
import type { Migration } from './index.js';

/**
 * The folded text of the documents whose id satisfies `where`, as documents_fts takes it. Number
 * and notation are one column ("05/qd-ubnd" → 05 qd ubnd), so "05/QĐ" typed is a phrase in it;
 * the sender is its name and its code; the attachments are their file names.
 */
const indexedRows = (where: string) => `
  SELECT d.id,
    ${FOLD_FUNCTION}(d.subject),
    ${FOLD_FUNCTION}(d.summary),
    ${FOLD_FUNCTION}(coalesce(d.code_number, '') || '/' || coalesce(d.code_notation, '')),
    ${FOLD_FUNCTION}(coalesce(d.sender_name, '') || ' ' || coalesce(d.sender_id, '')),
    ${FOLD_FUNCTION}(d.signer_name),
    ${FOLD_FUNCTION}((SELECT group_concat(a.name, ' ') FROM attachments a WHERE a.document_id = d.id))
  FROM documents d WHERE ${where}`;

const reindex = (idExpression: string) =>
  `INSERT OR REPLACE INTO documents_fts (rowid, subject, summary, number, sender, signer, attachments) ${indexedRows(`d.id = ${idExpression}`)};`;

/**
 * Document search (issue 6). The index is contentless (the text is folded, so it is not the
 * documents' text anyway) and kept by triggers rather than by the store's write functions:
 * documents are written from a dozen statements in the exchange, signing and draft code, and a
 * trigger cannot be forgotten by the next one. The triggers call the fold registered on every
 * connection by openDatabase. Writes that change no searched column (state, updated_at, the
 * signing steps: most writes after arrival) fire no trigger; an arrival costs one index row
 * written once for the document and once more per attachment name added.
 */
export const migration070: Migration = {
  version: 70,
  name: 'document search index',
  up(db) {
    registerFoldFunction(db);
    db.exec(`
      CREATE VIRTUAL TABLE documents_fts USING fts5(
        subject, summary, number, sender, signer, attachments,
        content = '', contentless_delete = 1, tokenize = 'unicode61', prefix = '1 2 3'
      );
      -- A hit in the subject outweighs one in the number, the sender or the signer, which
      -- outweigh the summary and the attachment names.
      INSERT INTO documents_fts (documents_fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 5.0, 4.0, 4.0, 1.0)');

      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN ${reindex('NEW.id')} END;
      CREATE TRIGGER documents_fts_update AFTER UPDATE OF subject, summary, code_number, code_notation, sender_id, sender_name, signer_name ON documents
        BEGIN ${reindex('NEW.id')} END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN DELETE FROM documents_fts WHERE rowid = OLD.id; END;
      CREATE TRIGGER attachments_fts_insert AFTER INSERT ON attachments BEGIN ${reindex('NEW.document_id')} END;
      CREATE TRIGGER attachments_fts_update AFTER UPDATE OF name ON attachments BEGIN ${reindex('NEW.document_id')} END;
      CREATE TRIGGER attachments_fts_delete AFTER DELETE ON attachments BEGIN ${reindex('OLD.document_id')} END;

      INSERT INTO documents_fts (rowid, subject, summary, number, sender, signer, attachments) ${indexedRows('1')};
    `);
  },
};
