import { FOLD_FUNCTION } from '../fts-text.js';
import type { Migration } from './index.js';

/** The content index row of one document: the folded text of all its files that were read. */
const reindexContent = (idExpression: string) => `
  DELETE FROM content_fts WHERE rowid = ${idExpression};
  INSERT INTO content_fts (rowid, body)
    SELECT a.document_id, ${FOLD_FUNCTION}(group_concat(t.body, char(12)))
    FROM attachments a JOIN blob_texts t ON t.sha256 = a.sha256
    WHERE a.document_id = ${idExpression} AND t.body IS NOT NULL
    GROUP BY a.document_id;`;

const isPdf = (row: string) => `(${row}.content_type = 'application/pdf' OR lower(${row}.name) LIKE '%.pdf')`;
const queueText = (sha: string, at: string) => `INSERT OR IGNORE INTO blob_texts (sha256, state, updated_at) VALUES (${sha}, 'queued', ${at});`;
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/**
 * Arrivals that did not come over the axis, and the words of every PDF.
 *
 * - documents.origin / paper_original_at: a paper, e-mailed or hand-delivered arrival is an
 *   incoming document like any other, numbered from the same incoming register (one số đến
 *   sequence for paper and electronic arrivals: docs/formats.md#paper-arrivals), marked with where
 *   it came from and where the paper original is kept.
 * - intake_items: scanned or dropped files waiting to be registered (the scanner folder's files
 *   land here); registering one makes the incoming document and removes the item.
 * - blob_texts: the text of a stored file, by its content hash (the same scan is read once, before
 *   and after it is registered), read from its text layer or by OCR in the background, with the
 *   progress the clerk sees. Pages are separated by form feeds.
 * - content_fts: the folded words of each document's files (the same fold as the header index),
 *   kept in step by triggers when a file is attached, replaced or read.
 * - saved_searches: searches a clerk named to run again.
 */
export const migration180: Migration = {
  version: 180,
  name: 'paper arrivals and content search',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT 'axis' CHECK (origin IN ('axis', 'paper', 'email', 'hand'));
      ALTER TABLE documents ADD COLUMN paper_original_at TEXT;

      CREATE TABLE intake_items (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('scanner', 'upload')),
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        created_at TEXT NOT NULL
      );

      CREATE TABLE blob_texts (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        state TEXT NOT NULL CHECK (state IN ('queued', 'reading', 'done', 'failed')),
        -- How the words were had: the file's own text layer, OCR of its scanned pages, or both.
        source TEXT CHECK (source IN ('text_layer', 'ocr', 'mixed')),
        pages_total INTEGER,
        pages_done INTEGER NOT NULL DEFAULT 0,
        body TEXT,
        error TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX blob_texts_waiting ON blob_texts (updated_at) WHERE state IN ('queued', 'reading');

      CREATE VIRTUAL TABLE content_fts USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0');

      CREATE TRIGGER content_attachment_insert AFTER INSERT ON attachments BEGIN ${reindexContent('NEW.document_id')} END;
      CREATE TRIGGER content_attachment_queue AFTER INSERT ON attachments WHEN ${isPdf('NEW')} BEGIN ${queueText('NEW.sha256', NOW)} END;
      CREATE TRIGGER content_attachment_replace AFTER UPDATE OF sha256 ON attachments BEGIN ${reindexContent('NEW.document_id')} END;
      CREATE TRIGGER content_attachment_requeue AFTER UPDATE OF sha256 ON attachments WHEN ${isPdf('NEW')} BEGIN ${queueText('NEW.sha256', NOW)} END;
      CREATE TRIGGER content_attachment_delete AFTER DELETE ON attachments BEGIN ${reindexContent('OLD.document_id')} END;
      CREATE TRIGGER content_document_delete AFTER DELETE ON documents BEGIN DELETE FROM content_fts WHERE rowid = OLD.id; END;
      CREATE TRIGGER content_text_read AFTER UPDATE OF body ON blob_texts BEGIN
        DELETE FROM content_fts WHERE rowid IN (SELECT document_id FROM attachments WHERE sha256 = NEW.sha256);
        INSERT INTO content_fts (rowid, body)
          SELECT a.document_id, ${FOLD_FUNCTION}(group_concat(t.body, char(12)))
          FROM attachments a JOIN blob_texts t ON t.sha256 = a.sha256
          WHERE a.document_id IN (SELECT document_id FROM attachments WHERE sha256 = NEW.sha256) AND t.body IS NOT NULL
          GROUP BY a.document_id;
      END;
      CREATE TRIGGER content_intake_queue AFTER INSERT ON intake_items BEGIN ${queueText('NEW.sha256', 'NEW.created_at')} END;

      CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        query TEXT NOT NULL,
        -- 'header': the document search (number, subject, sender…); 'content': the words of the files.
        scope TEXT NOT NULL CHECK (scope IN ('header', 'content')),
        -- The search filters as JSON (shared/api/document-search.ts).
        filters TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
      );

      -- Every PDF already stored is read in the background, oldest first.
      INSERT OR IGNORE INTO blob_texts (sha256, state, updated_at)
        SELECT a.sha256, 'queued', a.created_at FROM attachments a WHERE ${isPdf('a')} ORDER BY a.id;
    `);
  },
};
