/**
 * The text layer of a PDF's pages in view space (upright, from the top-left corner as shown),
 * read with pdf.js — the library the in-app viewer draws with, so both agree on where text is.
 * The file is read by ranges (pdf.js asks for the blocks it needs), so a 100 MB PDF is not held
 * in memory to find a header on page 1. Only upright text counts: a line written sideways on the
 * page is no header and no signer's name.
 */
import { open } from 'node:fs/promises';
import { geometryOf, toView, type PageGeometry, type Rect } from '../pdf/page-geometry.js';

/** One piece of text pdf.js reports, in view space. */
export interface TextRun {
  /** NFC, as extracted. */
  text: string;
  /** Left end of the baseline. */
  x: number;
  baseline: number;
  width: number;
  /** The font size, i.e. the em height. */
  size: number;
}

/** Runs on one baseline that follow each other closely: a line of a column. */
export interface TextSegment {
  text: string;
  runs: TextRun[];
  x: number;
  /** Top and bottom of the em box around the baseline. */
  top: number;
  bottom: number;
  width: number;
  baseline: number;
  size: number;
}

export interface PageText {
  page: number;
  geometry: PageGeometry;
  runs: TextRun[];
  segments: TextSegment[];
}

export interface TextLayoutReader {
  pageCount: number;
  page(pageNumber: number): Promise<PageText>;
  close(): Promise<void>;
}

/** Part of the em above the baseline (Times-like). */
export const ASCENT = 0.8;
export const DESCENT = 0.25;

export async function openTextLayout(filePath: string): Promise<TextLayoutReader> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const handle = await open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const transport = new pdfjs.PDFDataRangeTransport(size, new Uint8Array(0));
    transport.requestDataRange = (begin: number, end: number) => {
      const chunk = new Uint8Array(end - begin);
      handle.read(chunk, 0, chunk.length, begin).then(
        () => transport.onDataRange(begin, chunk),
        () => transport.abort(),
      );
    };
    const doc = await pdfjs.getDocument({
      range: transport,
      length: size,
      disableAutoFetch: true,
      disableStream: true,
      disableFontFace: true,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    }).promise;
    return {
      pageCount: doc.numPages,
      async page(pageNumber) {
        const page = await doc.getPage(pageNumber);
        const geometry = geometryOf(page.view as Rect, page.rotate);
        const content = await page.getTextContent();
        const runs: TextRun[] = [];
        for (const item of content.items) {
          if (!('str' in item) || item.str.trim() === '') continue;
          const run = toRun(geometry, item.str, item.transform as number[], item.width);
          if (run) runs.push(run);
        }
        page.cleanup();
        return { page: pageNumber, geometry, runs, segments: segmentsOf(runs) };
      },
      async close() {
        await doc.destroy();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A pdf.js item in view space, or null when it does not read left to right as shown. */
export function toRun(geometry: PageGeometry, text: string, [a, b, c, d, e, f]: number[], width: number): TextRun | null {
  const length = Math.hypot(a!, b!);
  if (length === 0 || !Number.isFinite(width)) return null;
  const [x0, y0] = toView(geometry, e!, f!);
  const [x1, y1] = toView(geometry, e! + (a! / length) * Math.max(width, 0.01), f! + (b! / length) * Math.max(width, 0.01));
  const dx = x1 - x0;
  const dy = y1 - y0;
  if (dx <= 0 || Math.abs(dy) > 0.1 * dx) return null;
  const size = Math.abs(a! * d! - b! * c!) / length;
  return { text: text.normalize('NFC'), x: x0, baseline: y0, width: dx, size: size > 0 ? size : length };
}

/** Joins runs on one baseline separated by less than a word gap. */
export function segmentsOf(runs: TextRun[]): TextSegment[] {
  const sorted = [...runs].sort((p, q) => p.baseline - q.baseline || p.x - q.x);
  const segments: TextSegment[] = [];
  for (const run of sorted) {
    const last = segments.find((segment) => Math.abs(segment.baseline - run.baseline) < 0.3 * Math.max(segment.size, run.size) && run.x - (segment.x + segment.width) < 1.2 * Math.max(segment.size, run.size) && run.x + 0.5 >= segment.x + segment.width - 0.3 * run.size);
    if (last) {
      const gap = run.x - (last.x + last.width);
      last.text += (gap > 0.15 * run.size && !last.text.endsWith(' ') && !run.text.startsWith(' ') ? ' ' : '') + run.text;
      last.runs.push(run);
      const right = Math.max(last.x + last.width, run.x + run.width);
      last.size = Math.max(last.size, run.size);
      last.width = right - last.x;
      last.top = Math.min(last.top, run.baseline - ASCENT * run.size);
      last.bottom = Math.max(last.bottom, run.baseline + DESCENT * run.size);
    } else {
      segments.push({ text: run.text, runs: [run], x: run.x, top: run.baseline - ASCENT * run.size, bottom: run.baseline + DESCENT * run.size, width: run.width, baseline: run.baseline, size: run.size });
    }
  }
  for (const segment of segments) segment.text = segment.text.replace(/\s+/g, ' ').trim();
  return segments.sort((p, q) => p.top - q.top || p.x - q.x);
}
