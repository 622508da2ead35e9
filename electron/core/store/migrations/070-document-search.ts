import { FACETS_FUNCTION } from '../document-facets.js';
import { FOLD_FUNCTION } from '../fts-text.js';
import type { Migration } from './index.js';

/**
 * The index row of the documents whose id satisfies `where`. Number and notation are one column
 * ("05/qd-ubnd" → 05 qd ubnd), so "05/QĐ" typed is a phrase in it; the sender is its name and
 * its code; the attachments are their file names; the facets are the filters (document-facets.ts),
 * the register among them once documents have one (080).
 */
const indexedRows = (where: string, register: boolean) => `
  SELECT d.id,
    ${FOLD_FUNCTION}(d.subject),
    ${FOLD_FUNCTION}(d.summary),
    ${FOLD_FUNCTION}(coalesce(d.code_number, '') || '/' || coalesce(d.code_notation, '')),
    ${FOLD_FUNCTION}(coalesce(d.sender_name, '') || ' ' || coalesce(d.sender_id, '')),
    ${FOLD_FUNCTION}(d.signer_name),
    ${FOLD_FUNCTION}((SELECT group_concat(a.name, ' ') FROM attachments a WHERE a.document_id = d.id)),
    ${FACETS_FUNCTION}(d.direction, d.type_name, d.state, d.priority, coalesce(d.promulgation_date, substr(d.created_at, 1, 10)),
      concat_ws(' ', d.sender_id, (SELECT group_concat(r.recipient_id, ' ') FROM recipient_statuses r WHERE r.document_id = d.id))${register ? ', d.register_id' : ''})
  FROM documents d WHERE ${where}`;

const COLUMNS = 'rowid, subject, summary, number, sender, signer, attachments, facets';

export interface DocumentIndexOptions {
  /** FTS5 options after the columns and the contentless ones. */
  tableOptions: string;
  /** Whether the facets hold the register (its column exists from 080 on). */
  register: boolean;
}

const TRIGGER_NAMES = [
  'documents_fts_insert',
  'documents_fts_update',
  'documents_fts_delete',
  'attachments_fts_insert',
  'attachments_fts_update',
  'attachments_fts_delete',
  'recipients_fts_insert',
  'recipients_fts_delete',
] as const;

/** Drops the triggers documentIndexTriggersSql creates (those of 070 and 090 alike). */
export const dropDocumentIndexTriggersSql = () => TRIGGER_NAMES.map((name) => `DROP TRIGGER ${name};`).join('\n');

/**
 * The triggers that keep the index in step. `deferrable` (290 on): a document whose
 * index_deferred is 1 is left alone by all of them, and indexed once when it goes back to 0.
 */
export function documentIndexTriggersSql({ register, deferrable }: { register: boolean; deferrable: boolean }): string {
  const reindex = (idExpression: string) => `INSERT OR REPLACE INTO documents_fts (${COLUMNS}) ${indexedRows(`d.id = ${idExpression}`, register)};`;
  const whenRow = (row: string) => (deferrable ? ` WHEN ${row}.index_deferred = 0` : '');
  const whenOwner = (idExpression: string) => (deferrable ? ` WHEN (SELECT index_deferred FROM documents WHERE id = ${idExpression}) = 0` : '');
  return `
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents${whenRow('NEW')} BEGIN ${reindex('NEW.id')} END;
      CREATE TRIGGER documents_fts_update AFTER UPDATE OF
          subject, summary, code_number, code_notation, sender_id, sender_name, signer_name,
          direction, type_name, state, priority, promulgation_date, created_at${register ? ', register_id' : ''} ON documents${whenRow('NEW')}
        BEGIN ${reindex('NEW.id')} END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN DELETE FROM documents_fts WHERE rowid = OLD.id; END;
      CREATE TRIGGER attachments_fts_insert AFTER INSERT ON attachments${whenOwner('NEW.document_id')} BEGIN ${reindex('NEW.document_id')} END;
      CREATE TRIGGER attachments_fts_update AFTER UPDATE OF name ON attachments${whenOwner('NEW.document_id')} BEGIN ${reindex('NEW.document_id')} END;
      CREATE TRIGGER attachments_fts_delete AFTER DELETE ON attachments${whenOwner('OLD.document_id')} BEGIN ${reindex('OLD.document_id')} END;
      CREATE TRIGGER recipients_fts_insert AFTER INSERT ON recipient_statuses${whenOwner('NEW.document_id')} BEGIN ${reindex('NEW.document_id')} END;
      CREATE TRIGGER recipients_fts_delete AFTER DELETE ON recipient_statuses${whenOwner('OLD.document_id')} BEGIN ${reindex('OLD.document_id')} END;${
        deferrable
          ? `
      CREATE TRIGGER documents_fts_release AFTER UPDATE OF index_deferred ON documents WHEN OLD.index_deferred = 1 AND NEW.index_deferred = 0
        BEGIN ${reindex('NEW.id')} END;`
          : ''
      }
    `;
}

/** The index table, the triggers that keep it in step, and its rows for the documents stored. */
export function documentIndexSql({ tableOptions, register }: DocumentIndexOptions): string {
  return `
      CREATE VIRTUAL TABLE documents_fts USING fts5(
        subject, summary, number, sender, signer, attachments, facets,
        content = '', contentless_delete = 1, ${tableOptions}
      );
${documentIndexTriggersSql({ register, deferrable: false })}
      INSERT INTO documents_fts (${COLUMNS}) ${indexedRows('1', register)};
    `;
}

/**
 * Document search. The index is contentless (its text is folded, not the documents'
 * own) and kept by triggers rather than by the store's write functions: documents are written
 * from a dozen statements in the exchange, signing and draft code, and a trigger cannot be
 * forgotten by the next one. The triggers call the functions openDatabase registers on every
 * connection. Here an arrival writes the index row once for the document, then again for each
 * attachment and recipient row added (290 makes that once per change); writes that change no
 * searched or filtered column (updated_at, signing steps, outbox) fire nothing.
 */
export const migration070: Migration = {
  version: 70,
  name: 'document search index',
  up(db) {
    db.exec(documentIndexSql({ tableOptions: "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'", register: false }));
  },
};
