/**
 * The text of stored files (migration 180's blob_texts): the queue the background reader works
 * through, its progress, and the text itself. Keyed by content hash: a scan read before it is
 * registered is not read again once it is an attachment.
 */
import type { Db } from './database.js';
import { cachedStatement } from './database.js';

export type TextState = 'queued' | 'reading' | 'done' | 'failed';
export type TextSource = 'text_layer' | 'ocr' | 'mixed';

export interface TextProgress {
  state: TextState;
  pagesDone: number;
  pagesTotal: number | null;
  source: TextSource | null;
  error: string | null;
}

interface TextRow {
  sha256: string;
  state: TextState;
  source: TextSource | null;
  pages_total: number | null;
  pages_done: number;
  body: string | null;
  error: string | null;
}

const toProgress = (row: TextRow): TextProgress => ({ state: row.state, pagesDone: row.pages_done, pagesTotal: row.pages_total, source: row.source, error: row.error });

/** The next file to read, oldest first; one left 'reading' by a crash is taken again. */
export function nextTextToRead(db: Db): string | null {
  return (cachedStatement(db, "SELECT sha256 FROM blob_texts WHERE state IN ('queued', 'reading') ORDER BY updated_at, sha256 LIMIT 1").pluck().get() as string | undefined) ?? null;
}

export function startReading(db: Db, sha256: string, pagesTotal: number, at: Date = new Date()): void {
  cachedStatement(db, "UPDATE blob_texts SET state = 'reading', pages_total = ?, pages_done = 0, error = NULL, updated_at = ? WHERE sha256 = ?").run(pagesTotal, at.toISOString(), sha256);
}

export function recordPagesRead(db: Db, sha256: string, pagesDone: number): void {
  cachedStatement(db, 'UPDATE blob_texts SET pages_done = ? WHERE sha256 = ?').run(pagesDone, sha256);
}

/** Stores the text (pages separated by form feeds); the triggers of migration 180 index it for every document holding the file. */
export function finishReading(db: Db, sha256: string, pages: readonly string[], source: TextSource, at: Date = new Date()): void {
  cachedStatement(db, "UPDATE blob_texts SET state = 'done', source = ?, body = ?, pages_total = ?, pages_done = ?, error = NULL, updated_at = ? WHERE sha256 = ?").run(
    source,
    pages.join('\f'),
    pages.length,
    pages.length,
    at.toISOString(),
    sha256,
  );
}

/** A file that cannot be read (damaged, encrypted, not a PDF): kept out of the queue with the reason. */
export function failReading(db: Db, sha256: string, error: string, at: Date = new Date()): void {
  cachedStatement(db, "UPDATE blob_texts SET state = 'failed', error = ?, updated_at = ? WHERE sha256 = ?").run(error.slice(0, 1000), at.toISOString(), sha256);
}

/** Puts a file back in the queue (after a failure the clerk asked to retry). */
export function queueText(db: Db, sha256: string, at: Date = new Date()): void {
  cachedStatement(db, "INSERT INTO blob_texts (sha256, state, updated_at) VALUES (?, 'queued', ?) ON CONFLICT (sha256) DO UPDATE SET state = 'queued', error = NULL, updated_at = excluded.updated_at WHERE state = 'failed'").run(sha256, at.toISOString());
}

export function textProgress(db: Db, sha256: string): TextProgress | null {
  const row = cachedStatement(db, 'SELECT * FROM blob_texts WHERE sha256 = ?').get(sha256) as TextRow | undefined;
  return row ? toProgress(row) : null;
}

/** The pages of a file's text, once read. */
export function textPages(db: Db, sha256: string): string[] | null {
  const body = cachedStatement(db, "SELECT body FROM blob_texts WHERE sha256 = ? AND state = 'done'").pluck().get(sha256) as string | null | undefined;
  return typeof body === 'string' ? body.split('\f') : null;
}

/** How many files wait to be read (the status the clerk sees). */
export function textsWaiting(db: Db): number {
  return cachedStatement(db, "SELECT count(*) FROM blob_texts WHERE state IN ('queued', 'reading')").pluck().get() as number;
}
