/**
 * OCR at the hub: the exchange leader reads the scanned files the text reader queued
 * (document-text-reader.ts), `concurrency` at a time (one by default: the hub is the agency's
 * server, and a page takes a core for seconds), each page as the desk reads it
 * (electron/core/intake/pdf-pages.ts's pageWords, the desk's engine from ocr-engines.ts). Every
 * page's words are stored as it is read, so the progress is visible and a restarted hub goes on
 * from the next page. A page whose scan gives nothing is noted with the reason and the file goes
 * on; a file that cannot be read at all is failed with the reason; neither is taken again. When a
 * file is done, the documents holding it are read again and found by the words of its scans.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { OcrEngine } from '../../electron/core/intake/ocr-engines.js';
import { pageWords, textLayerPages, type PageWords } from '../../electron/core/intake/pdf-pages.js';
import type { HubBlobStore } from '../blobs/blob-store.js';
import type { LeaderLoop } from '../exchange/leadership.js';
import { failOcrJob, finishOcrJob, recordOcrPage, releaseOcrJob, resumeInterruptedOcrJobs, takeOcrJob, type TakenOcrJob } from '../store/ocr-jobs.js';

export interface OcrWorkerOptions {
  pool: pg.Pool;
  blobs: HubBlobStore;
  createEngine(): Promise<OcrEngine>;
  /** The pause when nothing waits; a file queued meanwhile is read on the next look. */
  idleMs: number;
  /** Files read at once, each with its own engine. */
  concurrency?: number;
  log?: (message: string, error?: unknown) => void;
}

/** A scanned page whose image pageImages cannot hand to OCR. */
export const UNREADABLE_SCAN = 'the page is a scan whose image is in a form VanThu cannot read (neither JPEG nor 8-bit grey or colour pixels)';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** One reader: takes the next job, reads it, and closes its engine when the queue is empty (the memory goes back to the server). */
class OcrLane {
  private engine: Promise<OcrEngine> | null = null;
  /** A job the database went away under: given back at the next look. */
  private stranded: TakenOcrJob | null = null;
  private engineTroubleLogged = false;

  constructor(private readonly options: OcrWorkerOptions) {}

  async run(signal: AbortSignal): Promise<void> {
    try {
      while (!signal.aborted) {
        try {
          if (this.stranded) await releaseOcrJob(this.options.pool, this.stranded);
          this.stranded = null;
          const job = await takeOcrJob(this.options.pool);
          if (job) {
            this.stranded = job;
            const read = await this.read(job, signal);
            this.stranded = null;
            if (read) continue;
          }
        } catch (error) {
          this.options.log?.('OCR: stopped; trying again', error);
        }
        await this.closeEngine();
        await sleep(this.options.idleMs, undefined, { signal }).catch(() => undefined);
      }
    } finally {
      await this.closeEngine();
    }
  }

  /** False when the engine would not start: the job waits again, unchanged, and the lane pauses. */
  private async read(job: TakenOcrJob, signal: AbortSignal): Promise<boolean> {
    const { pool } = this.options;
    let bytes: Uint8Array;
    let layer: Awaited<ReturnType<typeof textLayerPages>>;
    try {
      bytes = await this.options.blobs.read(job.sha256);
      layer = await textLayerPages(bytes);
    } catch (error) {
      this.options.log?.(`OCR: file ${job.sha256} cannot be read`, error);
      await failOcrJob(pool, job, `the file cannot be read: ${message(error)}`);
      return true;
    }
    let failure: string | null = null;
    const recognize = async (image: Uint8Array): Promise<string> => {
      const engine = await this.startedEngine();
      try {
        return await engine.recognize(image);
      } catch (error) {
        failure = `OCR failed: ${message(error)}`;
        // An engine that failed once is not trusted with the next page.
        await this.closeEngine();
        return '';
      }
    };
    const pages = pageWords(bytes, layer, recognize, job.pagesDone);
    for (;;) {
      let next: IteratorResult<PageWords>;
      try {
        next = await pages.next();
      } catch (error) {
        if (error instanceof EngineUnavailable) {
          if (!this.engineTroubleLogged) this.options.log?.('OCR: the engine does not start; scans wait until it does', error.cause);
          this.engineTroubleLogged = true;
          await releaseOcrJob(pool, job);
          return false;
        }
        // pdf.js read the file but its images cannot be taken out: the file, not the hub, is at fault.
        this.options.log?.(`OCR: the scans of file ${job.sha256} cannot be read`, error);
        await failOcrJob(pool, job, `the file cannot be read: ${message(error)}`);
        return true;
      }
      if (next.done) break;
      const page = next.value;
      const problem = failure ?? (page.source === 'unreadable_scan' ? UNREADABLE_SCAN : null);
      failure = null;
      // A write the database refuses goes up: the job is given back at the lane's next look.
      if (!(await recordOcrPage(pool, job, page.text, problem))) {
        this.options.log?.(`OCR: file ${job.sha256} was handed to another reader; this one stops`);
        return true;
      }
      if (signal.aborted) {
        await releaseOcrJob(pool, job);
        return true;
      }
    }
    this.engineTroubleLogged = false;
    await finishOcrJob(pool, job);
    return true;
  }

  private async startedEngine(): Promise<OcrEngine> {
    this.engine ??= this.options.createEngine();
    try {
      return await this.engine;
    } catch (error) {
      this.engine = null;
      throw new EngineUnavailable(error);
    }
  }

  private async closeEngine(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    await engine?.then(
      (started) => started.close(),
      () => undefined,
    );
  }
}

class EngineUnavailable extends Error {
  constructor(cause: unknown) {
    super(`the OCR engine does not start: ${message(cause)}`, { cause });
  }
}

export function ocrWorker(options: OcrWorkerOptions): LeaderLoop {
  return async (signal) => {
    // What a reader left mid-file (a hub stopped, a leadership lost) waits again, or is given up.
    for (;;) {
      try {
        const resumed = await resumeInterruptedOcrJobs(options.pool);
        if (resumed > 0) options.log?.(`OCR: ${resumed} file(s) left mid-way by a stopped hub are read again from their next page`);
        break;
      } catch (error) {
        options.log?.('OCR: cannot look at the queue; trying again', error);
        await sleep(options.idleMs, undefined, { signal }).catch(() => undefined);
        if (signal.aborted) return;
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, () => new OcrLane(options).run(signal)));
  };
}
