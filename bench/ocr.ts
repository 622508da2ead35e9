/**
 * `npm run bench -- ocr`: the two Vietnamese OCR engines on the same scanned page set, made here
 * with known text (test/scanned-pages.ts: 200 dpi grey JPEG, the decree's digitisation floor).
 * Prints each engine's character error rate (edit distance over the ground truth's characters,
 * after folding runs of white space) and pages per minute, then the goals for the engine the app
 * uses (electron/core/intake/ocr-choice.ts).
 */
import { createSystemTesseractEngine, createTesseractJsEngine, type OcrEngine } from '../electron/core/intake/ocr-engines.js';
import { APP_OCR_ENGINE } from '../electron/core/intake/ocr-choice.js';
import { pageText, scannedPageImages, VIETNAMESE_PAGES } from '../test/scanned-pages.js';
import { goal, log, nowMs, table, type BenchOptions } from './lib.js';

/** Levenshtein distance over code points (two rows). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Character error rate of `read` against `truth`. */
export function characterErrorRate(truth: string, read: string): number {
  const t = normalise(truth);
  return editDistance(t, normalise(read)) / [...t].length;
}

interface EngineResult {
  name: string;
  cer: number;
  pagesPerMinute: number;
  worstPage: number;
}

async function measure(engine: OcrEngine, images: Uint8Array[], rounds: number): Promise<EngineResult> {
  // The first page warms the engine (model load, JIT): a clerk's queue runs for hours.
  await engine.recognize(images[0]!);
  let errors = 0;
  let characters = 0;
  let worstPage = 0;
  const started = nowMs();
  for (let round = 0; round < rounds; round++) {
    for (const [i, image] of images.entries()) {
      const truth = pageText(VIETNAMESE_PAGES[i]!);
      const read = await engine.recognize(image);
      const cer = characterErrorRate(truth, read);
      worstPage = Math.max(worstPage, cer);
      errors += cer * [...normalise(truth)].length;
      characters += [...normalise(truth)].length;
    }
  }
  const minutes = (nowMs() - started) / 60_000;
  return { name: engine.name, cer: errors / characters, pagesPerMinute: (rounds * images.length) / minutes, worstPage };
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

export async function ocrBench(options: BenchOptions): Promise<boolean> {
  log('OCR: Vietnamese scanned pages, tesseract.js (bundled model) vs the system tesseract');
  const images = await scannedPageImages(VIETNAMESE_PAGES);
  const rounds = Math.max(1, Math.min(options.repeat, 3));
  const results: EngineResult[] = [];
  for (const make of [createTesseractJsEngine, async () => createSystemTesseractEngine()]) {
    const engine = await make();
    try {
      results.push(await measure(engine, images, rounds));
    } finally {
      await engine.close();
    }
  }
  log(table(['engine', 'CER', 'worst page CER', 'pages/min'], results.map((r) => [r.name, pct(r.cer), pct(r.worstPage), r.pagesPerMinute.toFixed(1)])));
  const chosen = results.find((r) => r.name === APP_OCR_ENGINE)!;
  const other = results.find((r) => r !== chosen)!;
  log(`the app's engine: ${chosen.name}; the other: CER ${pct(other.cer)}, ${other.pagesPerMinute.toFixed(1)} pages/min`);
  const goals: [string, string, string, boolean][] = [
    ['ocr-cer', `${pct(chosen.cer)} (${chosen.name})`, '< 3 %', chosen.cer < 0.03],
    ['ocr-pages-per-minute', `${chosen.pagesPerMinute.toFixed(1)} (${chosen.name})`, '>= 10 pages/min on one core', chosen.pagesPerMinute >= 10],
  ];
  for (const line of goals) log(goal(...line));
  return goals.every(([, , , pass]) => pass);
}
