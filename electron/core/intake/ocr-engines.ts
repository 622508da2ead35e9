/**
 * The two Vietnamese OCR engines VanThu can run, behind one interface so that the benchmark
 * measures them in the same run and the text queue does not care which one it has.
 *
 * - tesseract.js: Tesseract compiled to WebAssembly, run in a worker thread, with the Vietnamese
 *   model shipped as an npm package (@tesseract.js-data/vie): nothing to install on Windows, and
 *   no download at run time (the model is read from the package's folder).
 * - the system's tesseract (Debian's tesseract-ocr + tesseract-ocr-vie): one child process per page.
 *
 * Which one the app uses, and why, is written in docs/architecture.md#ocr (measured by
 * `npm run bench -- ocr`).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface OcrEngine {
  readonly name: string;
  /** The text of one page image (JPEG or PNG bytes), lines separated by newlines. */
  recognize(image: Uint8Array): Promise<string>;
  close(): Promise<void>;
}

/** Where the Vietnamese model of the tesseract.js package lies ("best_int": the accurate LSTM model, integer weights). */
export function bundledVietnameseModelDir(): string {
  // The bundles are CommonJS (__filename); under vitest the sources run from the repository root.
  const require = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json'));
  return path.join(path.dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int');
}

/** tesseract.js with the bundled Vietnamese model; one worker thread, pages one after another. */
export async function createTesseractJsEngine(): Promise<OcrEngine> {
  const { createWorker, OEM, PSM } = await import('tesseract.js');
  const worker = await createWorker('vie', OEM.LSTM_ONLY, { langPath: bundledVietnameseModelDir(), cacheMethod: 'none', gzip: true });
  // A scanned administrative page is a block of text with a few columns in its header.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '1' });
  return {
    name: 'tesseract.js',
    async recognize(image) {
      const { data } = await worker.recognize(Buffer.from(image));
      return data.text;
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The system's tesseract program (PATH, or VANTHU_TESSERACT), Vietnamese model from its tessdata. */
export function createSystemTesseractEngine(binary: string = process.env.VANTHU_TESSERACT ?? 'tesseract'): OcrEngine {
  return {
    name: 'tesseract (system)',
    recognize(image) {
      return new Promise((resolve, reject) => {
        const child = execFile(binary, ['stdin', 'stdout', '-l', 'vie', '--oem', '1', '--psm', '3', '-c', 'preserve_interword_spaces=1'], { maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
          if (error) reject(new Error(`tesseract failed: ${stderr.trim() || error.message}`));
          else resolve(stdout);
        });
        child.stdin?.end(Buffer.from(image));
      });
    },
    async close() {},
  };
}
