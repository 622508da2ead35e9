import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCorpus, type CorpusFile } from '../../../../test/pdf-corpus/corpus.js';
import { makeTestPki, type TestPki } from '../../../../test/pdf-corpus/test-pki.js';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { findPage } from './acro-form.js';
import { asDict, isName, PdfRef } from './objects.js';
import { PdfReader } from './pdf-reader.js';
import { signPdf, SignatureTooLargeError } from './sign-pdf.js';
import { readSignatures } from './signatures.js';
import { addTextFields, FieldNotFoundError, fillTextFields } from './text-fields.js';

const tempDir = useTempDirs();
const m = new Date('2026-03-12T02:15:30Z');
const asset = (file: string) => readFile(new URL(`../../../../assets/${file}`, import.meta.url));

/** Leader signs, the clerk numbers, the agency signs: each step a copy, as the app keeps them. */
async function issue(source: string, dir: string, pki: TestPki): Promise<{ draft: string; leaderSigned: string; numbered: string; issued: string }> {
  const draft = path.join(dir, 'draft.pdf');
  await copyFile(source, draft);
  await addTextFields(draft, [
    { name: 'Số', rect: [72, 700, 250, 720] },
    { name: 'Ngày', rect: [300, 700, 520, 720] },
  ]);
  const leaderSigned = path.join(dir, 'leader.pdf');
  // Visible appearances as the app draws them: the leader's image, the agency's seal with Vietnamese text.
  const leaderAppearance = { image: await asset('signature-default.png') };
  await signPdf(draft, leaderSigned, { fieldName: 'Lãnh đạo ký', rect: [300, 120, 500, 200], m, reason: 'Phê duyệt', appearance: leaderAppearance, ...pki.leader });
  const numbered = path.join(dir, 'numbered.pdf');
  await copyFile(leaderSigned, numbered);
  await fillTextFields(numbered, { Số: '05/QĐ-UBND', Ngày: 'ngày 12 tháng 3 năm 2026' }, await asset('fonts/LiberationSerif-Regular.ttf'));
  const issued = path.join(dir, 'issued.pdf');
  const agencyAppearance = { image: await asset('seal-default.png'), imageWidth: 100, lines: ['Ủy ban nhân dân tỉnh Thử Nghiệm', 'vanthu@thunghiem.gov.vn', '12/03/2026 09:16:30 +07:00'], font: await asset('fonts/LiberationSerif-Regular.ttf'), fontSize: 9 };
  await signPdf(numbered, issued, { fieldName: 'Cơ quan ký', rect: [250, 110, 560, 210], m: new Date(m.getTime() + 60_000), appearance: agencyAppearance, ...pki.agency });
  return { draft, leaderSigned, numbered, issued };
}

function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    // pdfsig exits non-zero when a certificate is untrusted; its report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

async function verifyWithOpenssl(file: string, dir: string, caFile: string): Promise<void> {
  const signatures = await readSignatures(file);
  const bytes = await readFile(file);
  for (const [i, signature] of signatures.entries()) {
    const parsed = asn1js.fromBER(signature.contents);
    expect(parsed.offset).toBeGreaterThan(0);
    const der = path.join(dir, `sig${i}.der`);
    await writeFile(der, signature.contents.subarray(0, parsed.offset));
    const [a, b, c, d] = signature.byteRange as [number, number, number, number];
    const content = path.join(dir, `signed${i}.bin`);
    await writeFile(content, Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]));
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', der, '-content', content, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
  }
}

/** Object numbers each update writes, newest first, leaving out an xref stream's own entry. */
async function revisions(file: string): Promise<{ reader: PdfReader; changed: number[][] }> {
  const reader = await PdfReader.open(file);
  const changed = reader.sections.map((section) =>
    [...section.entries].filter(([, entry]) => entry.kind !== 'free' && !(entry.kind === 'offset' && entry.offset === section.offset)).map(([num]) => num),
  );
  return { reader, changed };
}

describe('signPdf over the corpus', () => {
  let pki: TestPki;
  let corpus: CorpusFile[];
  let corpusDir: string;

  beforeAll(async () => {
    corpusDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-corpus-'));
    pki = makeTestPki(corpusDir);
    corpus = await makeCorpus(corpusDir);
  });

  afterAll(async () => {
    await rm(corpusDir, { recursive: true, force: true });
  });

  it.each(['classic xref', 'xref stream + object streams', 'existing form', 'linearized, xref streams, form', 'linearized, classic xref'])(
    '%s: leader, number, agency — both signatures valid, the last covers the file',
    async (kind) => {
      const dir = await tempDir();
      const source = corpus.find((entry) => entry.kind === kind)!.file;
      const { issued } = await issue(source, dir, pki);

      const report = pdfsig(issued);
      const sections = report.split(/^Signature #\d+:$/m).slice(1);
      expect(sections, report).toHaveLength(2);
      for (const section of sections) expect(section, report).toContain('Signature is Valid');
      expect(sections[0], report).toContain('Not total document signed');
      expect(sections[1], report).toContain('Total document signed');
      expect(sections[1], report).toContain('ETSI.CAdES.detached');

      await verifyWithOpenssl(issued, dir, pki.caFile);
      // The agency's appearance text is real text in an embedded font: extractable, Vietnamese intact.
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', issued, '-'], { encoding: 'utf8' });
      expect(text).toContain('Ủy ban nhân dân tỉnh Thử Nghiệm');
      expect(text).toContain('12/03/2026 09:16:30 +07:00');
      // qpdf as a third reader: the appended xref sections and objects parse cleanly.
      expect(execFileSync('qpdf', ['--check', issued], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    },
  );

  it('after the leader signs, the clerk changes only the two text fields and the agency only adds its signature', async () => {
    const dir = await tempDir();
    const source = corpus.find((entry) => entry.kind === 'xref stream + object streams')!.file;
    const { issued, numbered, leaderSigned } = await issue(source, dir, pki);
    const before = await PdfReader.open(numbered);
    const previousSize = before.nextObjectNumber;
    await before.close();
    const signed = await PdfReader.open(leaderSigned);
    const leaderSize = signed.nextObjectNumber;
    await signed.close();

    const { reader, changed } = await revisions(issued);
    try {
      const [agencyUpdate, numberUpdate] = changed as [number[], number[]];
      // Existing objects: only the two fields; new ones: their appearances (Form XObjects, fonts).
      const rewrittenFields = numberUpdate.filter((num) => num < leaderSize);
      expect(rewrittenFields).toHaveLength(2);
      for (const num of rewrittenFields) {
        const field = asDict(await reader.getObject(num), 'field');
        expect(isName(field.get('FT'), 'Tx')).toBe(true);
        expect(field.get('V')).toBeDefined();
      }
      const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
      const acroForm = catalog.get('AcroForm');
      expect(acroForm).toBeInstanceOf(PdfRef);
      const page = await findPage(reader, 1);
      const allowed = new Set([(acroForm as PdfRef).num, page.ref.num]);
      const rewritten = agencyUpdate.filter((num) => num < previousSize);
      expect(rewritten.every((num) => allowed.has(num)), `rewrote ${rewritten.join(', ')}`).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('refuses a signature that does not fit the reserved space', async () => {
    const dir = await tempDir();
    const output = path.join(dir, 'small.pdf');
    await expect(
      signPdf(corpus[0]!.file, output, { fieldName: 'x', rect: [0, 0, 0, 0], m, contentsBytes: 64, ...pki.leader }),
    ).rejects.toBeInstanceOf(SignatureTooLargeError);
    await expect(stat(output)).rejects.toThrow();
  });

  it('names a missing field instead of filling nothing', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'plain.pdf');
    await copyFile(corpus[0]!.file, file);
    await addTextFields(file, [{ name: 'Số', rect: [72, 700, 250, 720] }]);
    await expect(fillTextFields(file, { Ngày: '12/3/2026' }, await asset('fonts/LiberationSerif-Regular.ttf'))).rejects.toBeInstanceOf(FieldNotFoundError);
  });

  it('keeps the earlier bytes of the file unchanged', async () => {
    const dir = await tempDir();
    const { leaderSigned, issued } = await issue(corpus[1]!.file, dir, pki);
    const earlier = await readFile(leaderSigned);
    const handle = await open(issued, 'r');
    const prefix = Buffer.alloc(earlier.length);
    await handle.read(prefix, 0, prefix.length, 0);
    await handle.close();
    expect(prefix.equals(earlier)).toBe(true);
  });
});
