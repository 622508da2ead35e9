/**
 * pdf.js, loaded on first use (its ~1 MB stays out of the start-up bundle). The worker is
 * bundled by Vite as a file next to the renderer: same origin over HTTP (browser mode) and
 * under file:// (Electron), so CSP `worker-src 'self'` allows it; no blob: or data: worker.
 */
import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';

export type PdfDocument = PDFDocumentProxy;

let pdfjs: Promise<typeof PdfJs> | null = null;

function load(): Promise<typeof PdfJs> {
  pdfjs ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerPort = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
    return lib;
  });
  return pdfjs;
}

/** pdf.js asks for the file in pieces of this size: page 1 of a 200 MB file needs a handful. */
const RANGE_CHUNK_BYTES = 256 * 1024;

/**
 * A PDF by its file link (shared/api/file-links.ts), read by range: pdf.js fetches the trailer,
 * the cross-reference table and the objects of the pages it draws, never the whole file
 * (disableAutoFetch), and stops the first full request once it knows ranges work (disableStream).
 * No script runs: pdf.js draws on a canvas (no PDF JavaScript), XFA is off, and the CSP forbids eval.
 */
export function openPdf(url: string): { promise: Promise<PdfDocument>; close(): void } {
  let task: PDFDocumentLoadingTask | null = null;
  let closed = false;
  const promise = load().then((lib) => {
    if (closed) throw new Error('closed before it was opened');
    task = lib.getDocument({ url, rangeChunkSize: RANGE_CHUNK_BYTES, disableAutoFetch: true, disableStream: true, enableXfa: false, withCredentials: false });
    return task.promise;
  });
  return {
    promise,
    // Also stops the requests under way: a viewer closed while a 200 MB file opens costs nothing more.
    close: () => {
      closed = true;
      void task?.destroy();
    },
  };
}
