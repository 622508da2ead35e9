/**
 * What the background reader needs from a PDF, page by page: the words of its text layer
 * (pdf.js, the library the viewer uses, so the viewer's find and the index read the same words)
 * and, for a page without words, the scanned image to OCR (pdf-lib: the page's largest image,
 * a scanner's JPEG as it is, 8-bit grey or RGB pixels as PNG).
 */
import { PDFDocument, PDFName, PDFRawStream, PDFDict, PDFNumber, PDFArray, decodePDFRawStream } from 'pdf-lib';
import { PNG } from 'pngjs';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A page whose text layer has fewer letters than this is taken for a scan. */
const MIN_TEXT_LETTERS = 16;

export interface PdfPageText {
  /** The text layer's words, lines separated by newlines. */
  text: string;
  /** Whether the page holds so few letters that it is a scan to OCR. */
  scanned: boolean;
}

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;

export async function textLayerPages(bytes: Uint8Array): Promise<PdfPageText[]> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  // verbosity 0: a scanned page has no fonts to warn about; the copy: pdf.js transfers its buffer.
  const doc = await lib.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 } as Parameters<PdfJs['getDocument']>[0] & { isEvalSupported: boolean }).promise;
  try {
    const pages: PdfPageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      pages.push({ text: text.trim(), scanned: (text.match(/\p{L}/gu) ?? []).length < MIN_TEXT_LETTERS });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** One page's words as the reader keeps them, and where they came from. */
export interface PageWords {
  text: string;
  /** 'unreadable_scan': a scan whose image this cannot read; its few text-layer letters are kept. */
  source: 'text_layer' | 'ocr' | 'unreadable_scan';
}

/**
 * Each page's words in order from page `from` (0-based), the desk's and the hub's one way of
 * reading a file: the text layer's (`layer`, textLayerPages of the same bytes), or for a scan the
 * OCR of its image. The images are taken out only when a page is a scan; `recognize` is called
 * one page at a time, so whoever iterates decides when to stop, between two pages.
 */
export async function* pageWords(bytes: Uint8Array, layer: readonly PdfPageText[], recognize: (image: Uint8Array) => Promise<string>, from = 0): AsyncGenerator<PageWords> {
  const images = layer.slice(from).some((page) => page.scanned) ? await pageImages(bytes) : [];
  for (let i = from; i < layer.length; i++) {
    const page = layer[i]!;
    const image = page.scanned ? images[i] : null;
    if (image) yield { text: (await recognize(image)).trim(), source: 'ocr' };
    else yield { text: page.text, source: page.scanned ? 'unreadable_scan' : 'text_layer' };
  }
}

/** The page's scanned image, ready for OCR (JPEG or PNG bytes), or null when it holds none this can read. */
export async function pageImages(bytes: Uint8Array): Promise<(Uint8Array | null)[]> {
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  return pdf.getPages().map((page) => {
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    if (!xobjects) return null;
    let best: { stream: PDFRawStream; pixels: number } | null = null;
    for (const [, ref] of xobjects.entries()) {
      const stream = pdf.context.lookup(ref);
      if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
      const pixels = number(stream.dict, 'Width') * number(stream.dict, 'Height');
      if (!best || pixels > best.pixels) best = { stream, pixels };
    }
    return best ? imageBytes(best.stream) : null;
  });
}

function number(dict: PDFDict, key: string): number {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

function filters(dict: PDFDict): string[] {
  const filter = dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) return filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : ''));
  return [];
}

function imageBytes(stream: PDFRawStream): Uint8Array | null {
  const chain = filters(stream.dict);
  if (chain.length === 1 && chain[0] === 'DCTDecode') return stream.contents;
  if (chain.some((f) => f !== 'FlateDecode') || number(stream.dict, 'BitsPerComponent') !== 8) return null;
  const space = stream.dict.lookup(PDFName.of('ColorSpace'));
  const channels = space === PDFName.of('DeviceGray') ? 1 : space === PDFName.of('DeviceRGB') ? 3 : 0;
  if (channels === 0) return null;
  const width = number(stream.dict, 'Width');
  const height = number(stream.dict, 'Height');
  const raw = decodePDFRawStream(stream).decode();
  if (raw.length < width * height * channels) return null;
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const at = i * channels;
    png.data[i * 4] = raw[at]!;
    png.data[i * 4 + 1] = raw[at + (channels === 3 ? 1 : 0)]!;
    png.data[i * 4 + 2] = raw[at + (channels === 3 ? 2 : 0)]!;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}
