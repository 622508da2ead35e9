/**
 * The signing corpus, generated into a temp dir so the repository keeps no binaries: the kinds of
 * PDF that Word, LibreOffice and scanners produce (classic xref, xref and object streams, an
 * existing form, linearized) and a large one for the memory test.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { classicPdf } from './classic-pdf.js';

const SAMPLE = fileURLToPath(new URL('../../assets/sample.pdf', import.meta.url));

export interface CorpusFile {
  kind: string;
  file: string;
}

const content = 'BT /F1 14 Tf 72 770 Td (Quyet dinh ve viec thu nghiem) Tj ET';

/** A form made by another tool: AcroForm inline in the catalog, a field with a value, a literal-string title. */
function formPdf(): Buffer {
  return classicPdf([
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /DA (/Helv 0 Tf 0 g) >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots [6 0 R] >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>',
    '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Ghi\\040chu) /V (co san) /Rect [72 100 300 120] /P 3 0 R /F 4 >>',
  ], ' /Info << /Producer (hand \\(test\\)) >>');
}

export async function makeCorpus(dir: string): Promise<CorpusFile[]> {
  const classic = path.join(dir, 'classic.pdf');
  await copyFile(SAMPLE, classic);
  const form = path.join(dir, 'form.pdf');
  await writeFile(form, formPdf());
  const objectStreams = path.join(dir, 'object-streams.pdf');
  execFileSync('qpdf', ['--object-streams=generate', classic, objectStreams]);
  const linearized = path.join(dir, 'linearized.pdf');
  execFileSync('qpdf', ['--linearize', '--object-streams=generate', form, linearized]);
  const linearizedClassic = path.join(dir, 'linearized-classic.pdf');
  execFileSync('qpdf', ['--linearize', classic, linearizedClassic]);
  return [
    { kind: 'classic xref', file: classic },
    { kind: 'xref stream + object streams', file: objectStreams },
    { kind: 'existing form', file: form },
    { kind: 'linearized, xref streams, form', file: linearized },
    { kind: 'linearized, classic xref', file: linearizedClassic },
  ];
}

/** A one-page PDF padded to about `megabytes` MB with an unreferenced stream, written in chunks. */
export async function makeLargePdf(file: string, megabytes: number): Promise<void> {
  const padding = megabytes * 1024 * 1024;
  const small = classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]).toString('latin1');
  // The big object goes between the small file's objects and its xref table.
  const xrefAt = small.lastIndexOf('xref\n0 ');
  const bigHead = `5 0 obj\n<< /Length ${padding} >>\nstream\n`;
  const bigTail = '\nendstream\nendobj\n';
  const xref = xrefAt + bigHead.length + padding + bigTail.length;
  const table = `${small.slice(xrefAt, small.indexOf('trailer', xrefAt)).replace('0 5\n', '0 6\n')}${String(xrefAt).padStart(10, '0')} 00000 n\r\n`;
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(small.slice(0, xrefAt) + bigHead, 'latin1');
    const block = Buffer.alloc(1024 * 1024, 0x41);
    for (let i = 0; i < megabytes; i++) yield block;
    yield Buffer.from(`${bigTail}${table}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1');
  }
  await pipeline(chunks, createWriteStream(file));
}
