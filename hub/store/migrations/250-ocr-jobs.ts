import type { HubMigration } from './index.js';

/**
 * OCR at the hub (hub/texts/ocr-worker.ts): one job per scanned file, keyed by its content hash so
 * a file held by many documents is read once. The job keeps each page's words as they are read
 * (the progress, and where a restarted hub goes on from), the pages OCR could not read with the
 * reason, and how many times it was started, so that a file that stops the hub every time it is
 * read is given up rather than read forever.
 *
 * Documents whose files are read again (an OCR finished, a file added to a draft) have their
 * `files_read_at` cleared; the partial index lets the text reader find them among all the others.
 */
export const migration250: HubMigration = {
  version: 250,
  name: 'OCR jobs',
  async up(client) {
    await client.query(`
      CREATE TABLE ocr_jobs (
        sha256 text PRIMARY KEY,
        state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'reading', 'done', 'failed')),
        pages_total integer NOT NULL CHECK (pages_total >= 0),
        -- The words of pages 1..n read so far (text layer or OCR), n = the pages done.
        pages text[] NOT NULL DEFAULT '{}',
        -- [{ "page": 3, "reason": "…" }]: pages whose scan gave no words, and why.
        page_problems jsonb NOT NULL DEFAULT '[]',
        -- Why the whole file could not be read; the job is then failed and not taken again.
        problem text,
        attempts integer NOT NULL DEFAULT 0,
        queued_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX ocr_jobs_open ON ocr_jobs (state, queued_at) WHERE state <> 'done';
      CREATE INDEX document_texts_to_read_again ON document_texts (document_id) WHERE files_read_at IS NULL;
    `);
  },
};
