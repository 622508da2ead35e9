/**
 * The hub reads the words of every document's files for content search, in the background, on
 * the instance that leads the exchange (one reader per agency, so no two read one file). PDFs
 * give their text layer (the desk's reader, electron/core/intake/pdf-pages.ts, so a word the desk
 * finds the hub finds); pages without one are left to OCR at the desk for now. A file that cannot
 * be read is noted with the reason and the document is still found by its header.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { textLayerPages } from '../../electron/core/intake/pdf-pages.js';
import type { HubBlobStore } from '../blobs/blob-store.js';
import type { LeaderLoop } from '../exchange/leadership.js';
import { documentsToRead, recordFilesRead, type DocumentToRead } from '../store/content-search.js';

export interface TextReaderOptions {
  pool: pg.Pool;
  blobs: HubBlobStore;
  /** The pause when nothing is waiting; arrivals are read on the next look. */
  idleMs: number;
  log?: (message: string, error?: unknown) => void;
}

const PAGE = 50;
const PDF = 'application/pdf';

/** Pages are separated by form feeds and files too, as the desk keeps a file's pages. */
async function readFiles(blobs: HubBlobStore, document: DocumentToRead): Promise<{ text: string; problem: string | null }> {
  const texts: string[] = [];
  const problems: string[] = [];
  for (const file of document.files) {
    if (file.contentType !== PDF && !file.name.toLowerCase().endsWith('.pdf')) continue;
    try {
      texts.push((await textLayerPages(await blobs.read(file.sha256))).map((page) => page.text).join('\f'));
    } catch (error) {
      problems.push(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { text: texts.join('\f'), problem: problems.length > 0 ? problems.join('; ') : null };
}

export function documentTextReader(options: TextReaderOptions): LeaderLoop {
  return async (signal) => {
    let after = 0;
    while (!signal.aborted) {
      let page: DocumentToRead[];
      try {
        page = await documentsToRead(options.pool, after, PAGE);
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
          const { text, problem } = await readFiles(options.blobs, document);
          if (problem) options.log?.(`content search: document ${document.documentId} is found by its header only (${problem})`);
          await recordFilesRead(options.pool, document.documentId, text, problem);
          after = document.documentId;
        }
      } catch (error) {
        // The database went away mid-page: the document is read again from where the reader stood.
        options.log?.('content search: reading stopped; trying again', error);
        await sleep(options.idleMs, undefined, { signal }).catch(() => undefined);
      }
    }
  };
}
