/**
 * pdf.js, loaded on first use (its ~1 MB stays out of the start-up bundle). The worker is
 * bundled by Vite as a file next to the renderer: same origin over HTTP (browser mode) and
 * under file:// (Electron), so CSP `worker-src 'self'` allows it; no blob: or data: worker.
 */
import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';

export type PdfDocument = PDFDocumentProxy;

/**
 * pdf.js and the one worker every document shares. The worker is handed to each getDocument: a
 * task pdf.js made its own worker for destroys that worker with itself, and with it the replies
 * still due to documents opening beside it (a viewer replaced while another opened waited for
 * ever), or refuses new documents while it is torn down.
 */
let pdfjs: Promise<{ lib: typeof PdfJs; worker: PdfJs.PDFWorker }> | null = null;

/** Loads pdf.js and starts its worker before the clerk opens a PDF (a document with one is on screen). */
export function preloadPdfJs(): void {
  void load();
}

function load(): Promise<{ lib: typeof PdfJs; worker: PdfJs.PDFWorker }> {
  pdfjs ??= import('pdfjs-dist').then((lib) => {
    const port = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
    return { lib, worker: lib.PDFWorker.create({ port }) };
  });
  return pdfjs;
}

/** Tears a document down; one that failed to open has nothing left to fail. */
function discard(task: PDFDocumentLoadingTask | null): void {
  task?.destroy().catch(() => undefined);
}

/** pdf.js asks for the file in pieces of this size: page 1 of a 200 MB file needs a handful. */
const RANGE_CHUNK_BYTES = 256 * 1024;

/** `bytes a-b/total` of a 206 answer. */
function totalOf(response: Response): number {
  const total = Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1]);
  if (!Number.isSafeInteger(total)) throw new Error('the file link did not answer a range request');
  return total;
}

/**
 * A PDF by its file link (shared/api/file-links.ts), read by range in both shells: the first chunk
 * gives the length, then pdf.js asks for the pieces it needs (the trailer, the cross-reference
 * table, the objects of the pages it draws), never the whole file (disableAutoFetch). Ranges go
 * through fetch with a Range header, which Electron's vanthu-blob: protocol answers like the
 * browser-mode host (pdf.js's own loader reads only http(s) URLs by range). No script runs:
 * pdf.js draws on a canvas (no PDF JavaScript), XFA is off, and the CSP forbids eval.
 */
export function openPdf(url: string): { promise: Promise<PdfDocument>; close(): void } {
  const aborter = new AbortController();
  let task: PDFDocumentLoadingTask | null = null;
  // pdf.js's range transport has no way to report a failed range: it would wait for ever, the
  // clerk watching "loading". A lost range (link expired, host gone, connection dropped) fails the
  // opening instead, and stops pdf.js.
  let fail: (error: unknown) => void = () => undefined;
  const failure = new Promise<never>((_resolve, reject) => (fail = reject));
  const range = async (begin: number, end: number): Promise<Response> => {
    const response = await fetch(url, { headers: { range: `bytes=${begin}-${end - 1}` }, signal: aborter.signal, credentials: 'omit' });
    if (response.status !== 206) throw new Error(`the file link answered ${response.status} to a range request`);
    return response;
  };
  const promise = Promise.all([load(), range(0, RANGE_CHUNK_BYTES)]).then(async ([{ lib, worker }, first]) => {
    const initial = new Uint8Array(await first.arrayBuffer());
    // Closed while its first piece came: nothing to open, nothing to destroy.
    aborter.signal.throwIfAborted();
    const transport = new lib.PDFDataRangeTransport(totalOf(first), initial);
    transport.requestDataRange = (begin: number, end: number) => {
      void range(begin, end)
        .then(async (response) => transport.onDataRange(begin, new Uint8Array(await response.arrayBuffer())))
        .catch((error: unknown) => {
          // A viewer closed meanwhile aborts its requests; pdf.js is destroyed with it.
          if (aborter.signal.aborted) return;
          fail(error);
          discard(task);
        });
    };
    task = lib.getDocument({ worker, range: transport, rangeChunkSize: RANGE_CHUNK_BYTES, disableAutoFetch: true, disableStream: true, enableXfa: false });
    return task.promise;
  });
  return {
    promise: Promise.race([promise, failure]),
    // Also stops the requests under way: a viewer closed while a 200 MB file opens costs nothing more.
    close: () => {
      aborter.abort();
      discard(task);
    },
  };
}
