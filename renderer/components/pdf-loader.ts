/**
 * pdf.js, loaded on first use (its ~1 MB stays out of the start-up bundle). The worker is
 * bundled by Vite as a file next to the renderer: same origin over HTTP (browser mode) and
 * under file:// (Electron), so CSP `worker-src 'self'` allows it; no blob: or data: worker.
 */
import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';

export type PdfDocument = PDFDocumentProxy;

let pdfjs: Promise<typeof PdfJs> | null = null;

function load(): Promise<typeof PdfJs> {
  pdfjs ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerPort = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
    return lib;
  });
  return pdfjs;
}

/**
 * Documents being torn down. pdf.js refuses a new document on the shared worker port while one
 * is being destroyed ("PDFWorker.create - the worker is being destroyed"): a viewer replaced by
 * another (the next document, a reading pane opened) would fail to show its PDF.
 */
let closing: Promise<unknown> = Promise.resolve();

export function closePdf(doc: PdfDocument): void {
  closing = Promise.allSettled([closing, doc.destroy()]);
}

export async function loadPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const lib = await load();
  await closing;
  // pdf.js transfers the buffer to its worker: a copy keeps the caller's bytes intact.
  return lib.getDocument({ data: bytes.slice(), enableXfa: false, disableAutoFetch: true }).promise;
}
