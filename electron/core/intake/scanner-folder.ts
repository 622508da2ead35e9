/**
 * The watched scanner folder: the clerk's scanner (or a colleague) saves PDFs or page images into
 * a folder the IT admin or the clerk chose; each file appears among the arrivals to register.
 * Polled rather than watched (fs.watch misses files on network shares, where scanners often
 * write), and a file is taken only when its size stayed the same over two polls, so a page still
 * being written is not cut. A taken file is moved into the folder's `.vanthu-imported` subfolder
 * (nothing is deleted: a failed import leaves the scan where it was, with the reason logged).
 */
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';

export const IMPORTED_SUBFOLDER = '.vanthu-imported';
const SCAN_FILE = /\.(pdf|jpe?g|png)$/i;

export interface ScannerFolderOptions {
  folder: () => string | null;
  /** Takes in one file's bytes (a PDF or an image) under its name. */
  take(fileName: string, bytes: Uint8Array): Promise<void>;
  log(message: string): void;
  intervalMs?: number;
}

export class ScannerFolderWatcher {
  private timer: NodeJS.Timeout | null = null;
  private readonly sizes = new Map<string, number>();
  /** Files that could not be taken, at the size they had: tried again only once they change. */
  private readonly failed = new Map<string, number>();
  private polling: Promise<void> | null = null;

  constructor(private readonly options: ScannerFolderOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.poll(), this.options.intervalMs ?? 2000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
  }

  /** One look at the folder (also what the interval runs); files stable since the last look are taken. */
  poll(): Promise<void> {
    this.polling ??= this.look().finally(() => (this.polling = null));
    return this.polling;
  }

  private async look(): Promise<void> {
    const folder = this.options.folder();
    if (!folder) return;
    let names: string[];
    try {
      names = (await readdir(folder)).filter((name) => SCAN_FILE.test(name));
    } catch (error) {
      this.options.log(`scanner folder ${folder} cannot be read: ${String(error)}`);
      return;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      const size = await stat(file).then((s) => (s.isFile() ? s.size : -1), () => -1);
      const before = this.sizes.get(file);
      this.sizes.set(file, size);
      if (size <= 0 || before !== size || this.failed.get(file) === size) continue;
      try {
        await this.options.take(name, new Uint8Array(await readFile(file)));
        await mkdir(path.join(folder, IMPORTED_SUBFOLDER), { recursive: true });
        await rename(file, path.join(folder, IMPORTED_SUBFOLDER, `${Date.now()}-${name}`));
        this.sizes.delete(file);
      } catch (error) {
        this.failed.set(file, size);
        this.options.log(`scanner file ${file} was not taken in: ${String(error)}`);
      }
    }
  }
}
