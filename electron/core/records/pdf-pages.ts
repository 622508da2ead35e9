/** Page counts (for the tables of contents and the archive metadata) and page extracts (trích sao), with pdf-lib. */
import { readFile, writeFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';

export class PageRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageRangeError';
  }
}

async function load(file: string): Promise<PDFDocument> {
  return PDFDocument.load(await readFile(file), { ignoreEncryption: true, updateMetadata: false });
}

/** The number of pages; 0 for a file pdf-lib cannot read (the table then leaves the count blank). */
export async function countPages(file: string): Promise<number> {
  try {
    return (await load(file)).getPageCount();
  } catch {
    return 0;
  }
}

/** "1-2,4" → [0, 1, 3]: sorted, each page once; a page past the end is refused. */
export function parsePageRanges(ranges: string, pageCount: number): number[] {
  const pages = new Set<number>();
  for (const part of ranges.split(',')) {
    const [from, to = from] = part.split('-').map((value) => Number(value.trim())) as [number, number?];
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) throw new PageRangeError(`“${part}” is not a page range (write e.g. 1-2,4).`);
    if (to > pageCount) throw new PageRangeError(`The document has ${pageCount} pages; page ${to} does not exist.`);
    for (let page = from; page <= to; page++) pages.add(page - 1);
  }
  return [...pages].sort((a, b) => a - b);
}

/** Writes a new PDF holding only `pages` (0-based) of `source`. */
export async function extractPages(source: string, pages: readonly number[], output: string): Promise<void> {
  const from = await load(source);
  const to = await PDFDocument.create();
  for (const page of await to.copyPages(from, [...pages])) to.addPage(page);
  await writeFile(output, await to.save());
}
