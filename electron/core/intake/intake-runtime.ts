/**
 * What runs in the background for paper arrivals and content search: the text reader (text
 * layers and OCR) and the scanner folder watcher. The core starts it after the store is open and
 * wakes the reader whenever a file was stored.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiEvent } from '../../../shared/api/contract.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Db } from '../store/database.js';
import { addIntakeItem, intakeHasContent, type StoredIntakeItem } from '../store/intake.js';
import { readValue } from '../store/key-value.js';
import { imagesToPdf, imageTypeOf, isPdf } from './images-to-pdf.js';
import { createTesseractJsEngine, type OcrEngine } from './ocr-engines.js';
import { ScannerFolderWatcher } from './scanner-folder.js';
import { TextReader } from './text-reader.js';

/** Setting: the folder the scanner saves into (an absolute path), or absent. */
export const SCANNER_FOLDER_SETTING = 'intake.scannerFolder';

export interface IntakeRuntimeOptions {
  db: Db;
  blobs: BlobStore;
  actor: string;
  emit(event: ApiEvent): void;
  log(message: string): void;
  createEngine?: () => Promise<OcrEngine>;
  scanIntervalMs?: number;
}

export class IntakeRuntime {
  readonly reader: TextReader;
  readonly scanner: ScannerFolderWatcher;

  constructor(private readonly options: IntakeRuntimeOptions) {
    this.reader = new TextReader({
      db: options.db,
      blobs: options.blobs,
      createEngine: options.createEngine ?? createTesseractJsEngine,
      onProgress: (sha256) => options.emit({ type: 'texts.progress', sha256 }),
      log: options.log,
    });
    this.scanner = new ScannerFolderWatcher({
      folder: () => readValue<string>(options.db, 'settings', SCANNER_FOLDER_SETTING),
      take: async (fileName, bytes) => {
        await this.take('scanner', fileName, [bytes], true);
      },
      log: options.log,
      intervalMs: options.scanIntervalMs,
    });
  }

  start(): void {
    this.reader.wake();
    this.scanner.start();
  }

  async stop(): Promise<void> {
    await this.scanner.stop();
    await this.reader.stop();
  }

  /**
   * Stores a scan as an arrival to register: a PDF as it is, page images as one PDF built from
   * them. A scanner-folder file whose content was taken in before is skipped (a scanner that
   * writes the same file twice), a dropped one is taken again if the clerk insists.
   */
  async take(source: StoredIntakeItem['source'], fileName: string, files: readonly Uint8Array[], skipKnown = false): Promise<StoredIntakeItem | null> {
    const pdf = await asPdf(fileName, files);
    const blob = await this.options.blobs.putBytes(pdf.bytes);
    if (skipKnown && intakeHasContent(this.options.db, blob.sha256)) return null;
    const item = addIntakeItem(this.options.db, { source, fileName: pdf.name, size: blob.size, sha256: blob.sha256 }, this.options.actor);
    this.options.emit({ type: 'intake.changed' });
    this.reader.wake();
    return item;
  }
}

async function asPdf(fileName: string, files: readonly Uint8Array[]): Promise<{ name: string; bytes: Uint8Array }> {
  if (files.length === 1 && isPdf(files[0]!)) return { name: fileName, bytes: files[0]! };
  const bad = files.findIndex((bytes) => imageTypeOf(bytes) === null);
  if (bad >= 0) throw new ApiError('invalid_input', `File ${bad + 1} is neither a PDF nor a JPEG or PNG image: scan to PDF, JPEG or PNG.`, { files: 'one PDF, or JPEG/PNG page images' });
  const base = fileName.replace(/\.[^.]*$/, '');
  return { name: `${base}.pdf`, bytes: await imagesToPdf(files, base) };
}
