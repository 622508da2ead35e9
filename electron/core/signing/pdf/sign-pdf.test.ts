import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classicPdf } from '../../../../test/pdf-corpus/classic-pdf.js';
import { makeCorpus, type CorpusFile } from '../../../../test/pdf-corpus/corpus.js';
import { asset, ISSUE_TIME, issueDocument } from '../../../../test/pdf-corpus/issue-flow.js';
import { makeTestPki, type TestPki } from '../../../../test/pdf-corpus/test-pki.js';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { signPdf, SignatureTooLargeError } from './sign-pdf.js';
import { readSignatures } from '../../pdf/signatures.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import { addTextFields, FieldNotFoundError, fillTextFields } from './text-fields.js';

const tempDir = useTempDirs();
const m = ISSUE_TIME;

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
      const { issued } = await issueDocument(source, dir, pki);

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
    const { leaderSigned, issued } = await issueDocument(corpus[1]!.file, dir, pki);
    const earlier = await readFile(leaderSigned);
    const handle = await open(issued, 'r');
    const prefix = Buffer.alloc(earlier.length);
    await handle.read(prefix, 0, prefix.length, 0);
    await handle.close();
    expect(prefix.equals(earlier)).toBe(true);
  });

  it('gives the faces the number and date fields name to the form\'s resources, keeping a form\'s own', async () => {
    const dir = await tempDir();
    const withResources = path.join(dir, 'form-with-resources.pdf');
    await writeFile(
      withResources,
      classicPdf([
        '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /DR << /Font << /Helv 4 0 R >> >> /DA (/Helv 0 Tf 0 g) >> >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      ]),
    );
    const sources: [string, string][] = [...corpus.map((entry): [string, string] => [entry.kind, entry.file]), ['form with /DR', withResources]];
    for (const [kind, source] of sources) {
      const file = path.join(dir, `${kind.replace(/\W+/g, '-')}.pdf`);
      await copyFile(source, file);
      const before = await defaultFonts(file);
      await addTextFields(file, [{ name: 'Số', rect: [72, 700, 250, 720] }, { name: 'Ngày', rect: [300, 700, 520, 720], italic: true }]);
      expect(await defaultFonts(file), kind).toEqual([...before, 'TiRo', 'TiIt']);
      if (kind === 'form with /DR') expect(before).toEqual(['Helv']);
    }
  });
});

/** The font names of the form's default resources (/AcroForm /DR /Font). */
async function defaultFonts(file: string): Promise<string[]> {
  const reader = await PdfReader.open(file);
  try {
    const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
    const acroForm = catalog.get('AcroForm') === undefined ? undefined : await reader.resolveDict(catalog.get('AcroForm'), '/AcroForm');
    const resources = acroForm?.get('DR') === undefined ? undefined : await reader.resolveDict(acroForm.get('DR'), '/DR');
    return resources?.get('Font') === undefined ? [] : [...(await reader.resolveDict(resources.get('Font'), '/Font')).entries.keys()];
  } finally {
    await reader.close();
  }
}
