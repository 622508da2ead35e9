/**
 * The hub reads the words of every document's files for content search, in the background, on
 * the instance that leads the exchange (one reader per agency, so no two read one file). PDFs
 * give their text layer (the desk's reader, electron/core/intake/pdf-pages.ts, so a word the desk
 * finds the hub finds); a PDF with scanned pages is queued for OCR (ocr-worker.ts) and found by
 * its text layer until the OCR is done, when its documents are read again with the OCR's pages.
 * A file that cannot be read is noted with the reason and the document is still found by its header.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { textLayerPages } from '../../electron/core/intake/pdf-pages.js';
import type { HubBlobStore } from '../blobs/blob-store.js';
import type { LeaderLoop } from '../exchange/leadership.js';
import { documentsToRead, documentsToReadAgain, recordFilesRead, type DocumentToRead } from '../store/content-search.js';
import { inTransaction } from '../store/database.js';
import { ocrJobsOf, queueOcrJob } from '../store/ocr-jobs.js';

export interface TextReaderOptions {
  pool: pg.Pool;
  blobs: HubBlobStore;
  /** The pause when nothing is waiting; arrivals are read on the next look. */
  idleMs: number;
  log?: (message: string, error?: unknown) => void;
}

const PAGE = 50;
const PDF = 'application/pdf';

/** A PDF's text layer, page by page, and whether any page is a scan; or why it could not be read. */
type FileReading = { name: string; sha256: string } & ({ pages: string[]; scanned: boolean } | { problem: string });

async function readFile(blobs: HubBlobStore, file: DocumentToRead['files'][number]): Promise<FileReading> {
  try {
    const layer = await textLayerPages(await blobs.read(file.sha256));
    return { name: file.name, sha256: file.sha256, pages: layer.map((page) => page.text), scanned: layer.some((page) => page.scanned) };
  } catch (error) {
    return { name: file.name, sha256: file.sha256, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The document's text: each PDF's pages, those of its OCR once done. Pages are separated by form
 * feeds and files too, as the desk keeps a file's pages. In one transaction with the OCR jobs
 * locked (ocrJobsOf), so an OCR ending while the files were read is not missed.
 */
async function recordDocument(pool: pg.Pool, documentId: number, files: readonly FileReading[]): Promise<string | null> {
  return inTransaction(pool, async (client) => {
    const jobs = await ocrJobsOf(client, files.filter((file) => 'scanned' in file && file.scanned).map((file) => file.sha256));
    const texts: string[] = [];
    const problems: string[] = [];
    for (const file of files) {
      if ('problem' in file) {
        problems.push(`${file.name}: ${file.problem}`);
        continue;
      }
      const job = file.scanned ? jobs.get(file.sha256) : undefined;
      if (file.scanned && !job) await queueOcrJob(client, file.sha256, file.pages.length);
      if (job?.state === 'done') {
        texts.push(job.pages.join('\f'));
        problems.push(...job.pageProblems.map((page) => `${file.name}: page ${page.page}: ${page.reason}`));
      } else {
        texts.push(file.pages.join('\f'));
        if (job?.state === 'failed') problems.push(`${file.name}: OCR: ${job.problem}`);
      }
    }
    const problem = problems.length > 0 ? problems.join('; ') : null;
    await recordFilesRead(client, documentId, texts.join('\f'), problem);
    return problem;
  });
}

async function readDocument(options: TextReaderOptions, document: DocumentToRead): Promise<void> {
  const files: FileReading[] = [];
  for (const file of document.files) {
    if (file.contentType === PDF || file.name.toLowerCase().endsWith('.pdf')) files.push(await readFile(options.blobs, file));
  }
  const problem = await recordDocument(options.pool, document.documentId, files);
  if (problem) options.log?.(`content search: document ${document.documentId} is found without some of its files' words (${problem})`);
}

export function documentTextReader(options: TextReaderOptions): LeaderLoop {
  return async (signal) => {
    let after = 0;
    while (!signal.aborted) {
      let page: DocumentToRead[];
      let walking = false;
      try {
        // Documents to read again first (an OCR done, a file added), then the walk by id.
        page = await documentsToReadAgain(options.pool, PAGE);
        if (page.length === 0) {
          page = await documentsToRead(options.pool, after, PAGE);
          walking = true;
        }
      } catch (error) {
        options.log?.('content search: cannot look for documents to read; trying again', error);
        await sleep(options.idleMs, undefined, { signal }).catch(() => undefined);
        continue;
      }
      if (page.length === 0) {
        await sleep(options.idleMs, undefined, { signal }).catch(() => undefined);
        continue;
      }
      try {
        for (const document of page) {
          if (signal.aborted) return;
          await readDocument(options, document);
          if (walking) after = document.documentId;
        }
      } catch (error) {
        // The database went away mid-page: the document is read again from where the reader stood.
        options.log?.('content search: reading stopped; trying again', error);
        await sleep(options.idleMs, undefined, { signal }).catch(() => undefined);
      }
    }
  };
}
