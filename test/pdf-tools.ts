/** Reads a PDF the way a user's viewer would, with poppler's pdfinfo and pdftotext. */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withFile<T>(bytes: Uint8Array, work: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-pdf-'));
  try {
    const file = path.join(dir, 'file.pdf');
    await writeFile(file, bytes);
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface PdfInfo {
  pages: number;
  /** "841.89 x 595.28 pts (A4)": width × height of the first page. */
  pageSize: string;
  title: string;
  author: string;
}

export function pdfInfo(bytes: Uint8Array): Promise<PdfInfo> {
  return withFile(bytes, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(stdout)?.[1]?.trim() ?? '';
    return { pages: Number(field('Pages')), pageSize: field('Page size'), title: field('Title'), author: field('Author') };
  });
}

/** The text of a page (1-based), laid out as on the page. */
export function pdfPageText(bytes: Uint8Array, page: number): Promise<string> {
  return withFile(bytes, async (file) => (await run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'])).stdout);
}

/** The form fields' values as qpdf reads them (text strings without qpdf's "u:" mark). */
export function formValues(file: string): Record<string, string> {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=acroform', file], { encoding: 'utf8' })) as { acroform: { fields: { fullname: string; value: unknown }[] } };
  return Object.fromEntries(json.acroform.fields.map((field) => [field.fullname.replace(/^u:/, ''), String(field.value).replace(/^u:/, '')]));
}

/** poppler's pdfsig report of the signatures in a PDF, as a reader's viewer checks them (its own code, not VanThu's verifier). */
export function pdfSignatureReport(bytes: Uint8Array): Promise<string> {
  return withFile(bytes, async (file) => {
    try {
      return (await run('pdfsig', [file], { encoding: 'utf8' })).stdout;
    } catch (error) {
      // pdfsig exits non-zero when it does not trust the (test) CA; its report is still on stdout.
      return String((error as { stdout?: string }).stdout ?? '');
    }
  });
}
