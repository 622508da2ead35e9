/**
 * The background reader: takes the files waiting in blob_texts one at a time, reads each page's
 * text layer, OCRs the pages that are scans, and stores the text with its progress after every
 * page (the clerk sees "OCR 3/12"). OCR runs in tesseract.js's worker thread, so the core keeps
 * answering the clerk meanwhile; the engine is started on the first scan and kept for the next.
 * A file that cannot be read is marked failed with the reason and the queue goes on.
 */
import type { BlobStore } from '../store/blob-store.js';
import type { Db } from '../store/database.js';
import { failReading, finishReading, nextTextToRead, recordPagesRead, startReading, type TextSource } from '../store/content-texts.js';
import type { OcrEngine } from './ocr-engines.js';
import { pageWords, textLayerPages } from './pdf-pages.js';

export interface TextReaderOptions {
  db: Db;
  blobs: BlobStore;
  createEngine(): Promise<OcrEngine>;
  /** After every page and at the end of a file: the clerk's views refresh the progress. */
  onProgress(sha256: string): void;
  log?(message: string): void;
}

export class TextReader {
  private engine: Promise<OcrEngine> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: TextReaderOptions) {}

  /** Something was queued: read until the queue is empty (a call while reading is remembered). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves when the queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    if (this.engine) await (await this.engine).close();
    this.engine = null;
  }

  private async drain(): Promise<void> {
    for (let sha = nextTextToRead(this.options.db); sha !== null && !this.stopped; sha = nextTextToRead(this.options.db)) {
      try {
        await this.read(sha);
      } catch (error) {
        failReading(this.options.db, sha, error instanceof Error ? error.message : String(error));
        this.options.log?.(`reading the text of ${sha} failed: ${String(error)}`);
      }
      this.options.onProgress(sha);
    }
  }

  private async read(sha256: string): Promise<void> {
    const { db } = this.options;
    const bytes = await this.options.blobs.read(sha256);
    const layer = await textLayerPages(bytes);
    startReading(db, sha256, layer.length);
    this.options.onProgress(sha256);
    const pages: string[] = [];
    let ocrPages = 0;
    const recognize = async (image: Uint8Array) => {
      this.engine ??= this.options.createEngine();
      return (await this.engine).recognize(image);
    };
    for await (const page of pageWords(bytes, layer, recognize)) {
      pages.push(page.text);
      if (page.source === 'ocr') ocrPages++;
      recordPagesRead(db, sha256, pages.length);
      this.options.onProgress(sha256);
      if (this.stopped) return;
    }
    const source: TextSource = ocrPages === 0 ? 'text_layer' : ocrPages === layer.length ? 'ocr' : 'mixed';
    finishReading(db, sha256, pages, source);
  }
}
