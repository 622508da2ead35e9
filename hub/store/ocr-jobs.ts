/**
 * The hub's OCR queue (migration 250's ocr_jobs): scanned files waiting to be read, the one being
 * read page by page, and what came of each. A job is taken with FOR UPDATE SKIP LOCKED and carries
 * its attempt number as a token: every write of a reader names it, so a reader whose job was
 * handed to another (its leadership lost mid-page) writes nothing more.
 */
import type pg from 'pg';
import type { HubOcrProgress } from '../../shared/hub/documents.js';
import type { Queryable } from './database.js';
import { inTransaction } from './database.js';

export type OcrState = 'waiting' | 'reading' | 'done' | 'failed';

export interface PageProblem {
  /** 1-based. */
  page: number;
  reason: string;
}

export interface OcrJobOutcome {
  sha256: string;
  state: OcrState;
  pages: string[];
  pageProblems: PageProblem[];
  problem: string | null;
}

/** A job taken to read: where it stands and the token its writes name. */
export interface TakenOcrJob {
  sha256: string;
  pagesTotal: number;
  /** Pages read before (a reader stopped mid-file): reading goes on after them. */
  pagesDone: number;
  attempt: number;
}

/** A file started this many times without an end (the hub stopped each time) is given up. */
export const MAX_OCR_ATTEMPTS = 3;

/**
 * The jobs of these files, locked FOR SHARE until the caller's transaction ends: a job that ends
 * meanwhile waits for it, and one that ended before is seen done (see finishOcrJob).
 */
export async function ocrJobsOf(client: pg.PoolClient, sha256s: readonly string[]): Promise<Map<string, OcrJobOutcome>> {
  const { rows } = await client.query<{ sha256: string; state: OcrState; pages: string[]; page_problems: PageProblem[]; problem: string | null }>(
    'SELECT sha256, state, pages, page_problems, problem FROM ocr_jobs WHERE sha256 = ANY($1::text[]) ORDER BY sha256 FOR SHARE',
    [sha256s],
  );
  return new Map(rows.map((row) => [row.sha256, { sha256: row.sha256, state: row.state, pages: row.pages, pageProblems: row.page_problems, problem: row.problem }]));
}

/** Queues a scanned file, once: a file queued before keeps its job, whatever came of it. */
export async function queueOcrJob(db: Queryable, sha256: string, pagesTotal: number): Promise<void> {
  await db.query("INSERT INTO ocr_jobs (sha256, pages_total, queued_at) VALUES ($1, $2, now()) ON CONFLICT (sha256) DO NOTHING", [sha256, pagesTotal]);
}

/** The documents holding the files named after it are read again (their text then shows what came of the OCR). */
const READ_HOLDERS_AGAIN = 'UPDATE document_texts SET files_read_at = NULL WHERE document_id IN (SELECT document_id FROM attachments WHERE sha256';

/**
 * Jobs left 'reading' by a reader that is no more (a hub stopped mid-page, a lost leadership) go
 * back to waiting, or are given up once started MAX_OCR_ATTEMPTS times. Called by a new leader
 * before it reads. Returns how many wait again.
 */
export async function resumeInterruptedOcrJobs(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ state: OcrState }>(
    `WITH resumed AS (
       UPDATE ocr_jobs SET
         state = CASE WHEN attempts >= $1 THEN 'failed' ELSE 'waiting' END,
         problem = CASE WHEN attempts >= $1 THEN format('the hub stopped each of the %s times it read this file (last at page %s of %s); it is not read again', attempts, cardinality(pages) + 1, pages_total) END,
         finished_at = CASE WHEN attempts >= $1 THEN now() END
       WHERE state = 'reading' RETURNING sha256, state),
     given_up AS (${READ_HOLDERS_AGAIN} IN (SELECT sha256 FROM resumed WHERE state = 'failed')))
     SELECT state FROM resumed`,
    [MAX_OCR_ATTEMPTS],
  );
  return rows.filter((row) => row.state === 'waiting').length;
}

/** The oldest waiting job, now 'reading' under a new attempt; null when none waits. */
export async function takeOcrJob(db: Queryable): Promise<TakenOcrJob | null> {
  const { rows } = await db.query<TakenOcrJob>(
    `UPDATE ocr_jobs SET state = 'reading', attempts = attempts + 1, started_at = now()
     WHERE sha256 = (SELECT sha256 FROM ocr_jobs WHERE state = 'waiting' ORDER BY queued_at, sha256 LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING sha256, pages_total AS "pagesTotal", cardinality(pages) AS "pagesDone", attempts AS attempt`,
  );
  return rows[0] ?? null;
}

const HELD = "sha256 = $1 AND state = 'reading' AND attempts = $2";

/** The next page's words and, when its scan gave none, why. False when the job is no longer this reader's. */
export async function recordOcrPage(db: Queryable, job: TakenOcrJob, text: string, problem: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE ocr_jobs SET pages = array_append(pages, $3),
       page_problems = CASE WHEN $4::text IS NULL THEN page_problems ELSE page_problems || jsonb_build_array(jsonb_build_object('page', cardinality(pages) + 1, 'reason', $4::text)) END
     WHERE ${HELD}`,
    // PostgreSQL's text cannot hold NUL, which a text layer may.
    [job.sha256, job.attempt, text.replaceAll('\u0000', ''), problem],
  );
  return rowCount === 1;
}

/**
 * The job is done: the documents holding the file are read again (their text then takes the
 * pages), in the same transaction, so a text reader that looked at the job before sees either
 * the job done or its documents to read again (ocrJobsOf).
 */
export async function finishOcrJob(pool: pg.Pool, job: TakenOcrJob): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(`UPDATE ocr_jobs SET state = 'done', finished_at = now() WHERE ${HELD}`, [job.sha256, job.attempt]);
    if (rowCount !== 1) return false;
    await client.query(`${READ_HOLDERS_AGAIN} = $1)`, [job.sha256]);
    return true;
  });
}

/** The whole file cannot be read (gone, damaged): failed with the reason, not taken again; its documents then say why. */
export async function failOcrJob(pool: pg.Pool, job: TakenOcrJob, reason: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(`UPDATE ocr_jobs SET state = 'failed', problem = $3, finished_at = now() WHERE ${HELD}`, [job.sha256, job.attempt, reason.slice(0, 1000)]);
    if (rowCount === 1) await client.query(`${READ_HOLDERS_AGAIN} = $1)`, [job.sha256]);
  });
}

/** Back to waiting, this attempt not counted: the reader stopped between two pages (the hub stops, the engine would not start). */
export async function releaseOcrJob(db: Queryable, job: TakenOcrJob): Promise<void> {
  await db.query(`UPDATE ocr_jobs SET state = 'waiting', attempts = attempts - 1 WHERE ${HELD}`, [job.sha256, job.attempt]);
}

/** What the OCR queue holds, read through the index of unfinished jobs. */
export async function ocrQueueProgress(db: Queryable): Promise<HubOcrProgress> {
  const { rows } = await db.query<{ state: OcrState; pages_done: number; pages_total: number }>(
    "SELECT state, cardinality(pages) AS pages_done, pages_total FROM ocr_jobs WHERE state <> 'done' ORDER BY queued_at, sha256",
  );
  const open = rows.filter((row) => row.state !== 'failed');
  return {
    waiting: open.length,
    pagesLeft: open.reduce((sum, row) => sum + Math.max(0, row.pages_total - row.pages_done), 0),
    reading: open.filter((row) => row.state === 'reading').map((row) => ({ pagesDone: row.pages_done, pagesTotal: row.pages_total })),
    failed: rows.length - open.length,
  };
}
