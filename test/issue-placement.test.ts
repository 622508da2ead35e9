/**
 * The issuing flow from the command line (npm run sign --step fields → leader → number → agency)
 * on Decree 30 drafts the tests build: landscape, turned by /Rotate, a header in another place,
 * four pages with the signer's block on page 4. Each issued file is checked by pdfsig, openssl
 * cms and VanThu's verifier, and its layout by rendering it (pdftoppm) and reading its words back
 * (pdftotext -bbox): the number inside the header and off the body, the leader's ink between the
 * title and the name, the seal over the left third of that ink, the stamp's text upright and clear
 * of any ink. The renders stay in test-results/placement/ for people to look at.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRevocationChecker, verifyPdf } from '../electron/core/verification/index.js';
import { buildDecree30Pdf, NOTATION, PLACE, SIGNER_NAME, SIGNER_TITLES, type Decree30Options, type Decree30Parts } from './decree30-pdf.js';
import { countIn, isBlue, isRed, pageWords, renderPage, type Word } from './page-pixels.js';
import { expectNumberInHeader, expectSignerBlock } from './placement-checks.js';
import { startCrlServer, type CrlServer } from './pdf-corpus/crl-server.js';
import { formValues } from './pdf-tools.js';
import { bundleSignCli, opensslVerifyAll, pdfsig, ROOT, type SignCli } from './sign-cli-bundle.js';
import { makeTestTokens, testCertificate, type Manifest } from './tokens.js';

let manifest: Manifest;
let crl: CrlServer;
let cli: SignCli;
const RESULTS = path.join(ROOT, 'test-results', 'placement');

beforeAll(async () => {
  crl = await startCrlServer();
  manifest = await makeTestTokens({ crlUrl: crl.url });
  crl.crl = new Uint8Array(await readFile(manifest.crl));
  cli = await bundleSignCli({ SOFTHSM2_CONF: manifest.conf });
  await mkdir(RESULTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await crl?.close();
  if (cli) await rm(cli.dir, { recursive: true, force: true });
});


/** Runs the four steps; each must succeed. Returns the issued file. */
async function issue(name: string, options: Decree30Options): Promise<{ file: string; parts: Decree30Parts }> {
  const draft = path.join(cli.dir, `${name}.pdf`);
  const parts = await buildDecree30Pdf(draft, options);
  const file = (step: string) => path.join(cli.dir, `${name}-${step}.pdf`);
  const leader = testCertificate(manifest, 'leader');
  const agency = testCertificate(manifest, 'agency');
  const token = (label: string, id: string) => ['--module', manifest.module, '--token', label, '--cert', id, '--chain', manifest.caCertificate];
  const steps: [string[], string][] = [
    [['--step', 'fields', '--in', draft, '--out', file('fields'), '--signer-name', SIGNER_NAME, ...SIGNER_TITLES.flatMap((title) => ['--signer-title', title])], ''],
    [['--step', 'leader', '--in', file('fields'), '--out', file('leader'), ...token('LEADER', leader.id)], leader.token.userPin],
    [['--step', 'number', '--in', file('leader'), '--out', file('numbered'), '--number', '05', '--notation', NOTATION, '--date', '2026-03-12'], ''],
    [['--step', 'agency', '--in', file('numbered'), '--out', file('issued'), ...token('AGENCY', agency.id)], agency.token.userPin],
  ];
  for (const [args, pin] of steps) {
    const result = await cli.run(args, pin);
    expect(result.code, `${args[1]}: ${result.stderr}`).toBe(0);
  }
  return { file: file('issued'), parts };
}

/** pdfsig, openssl and VanThu's verifier: two valid signatures, the agency's covering the whole file. */
async function expectValid(file: string): Promise<void> {
  const report = pdfsig(file);
  expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
  expect(report.split('Signature #2')[1]).toContain('Total document signed');
  expect(await opensslVerifyAll(file, manifest.caCertificate, cli.dir)).toBe(2);
  const verdict = await verifyPdf(file, { name: path.basename(file), trustAnchors: [new Uint8Array(await readFile(manifest.caCertificate).then(pemToDer))], revocation: httpRevocationChecker({ timeoutMs: 2000 }) });
  expect(verdict.signatures.map((signature) => signature.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
}

function pemToDer(pem: Buffer): Buffer {
  return Buffer.from(pem.toString('latin1').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

describe('npm run sign: the issuing steps on Decree 30 drafts', () => {
  const variants: [string, Decree30Options][] = [
    ['landscape', { size: [841.89, 595.28] }],
    ['rotated-90', { rotate: 90 }],
    ['rotated-270-landscape', { rotate: 270, size: [841.89, 595.28] }],
    ['letterhead', { header: 'letterhead' }],
    ['four-pages', { pages: 4 }],
  ];
  for (const [name, options] of variants) {
    it(`${name}: fields, leader, number, agency — valid for pdfsig, openssl and VanThu, placed by the document's own layout`, async () => {
      const { file, parts } = await issue(name, options);
      await expectValid(file);
      const first = await renderPage(file, 1, path.join(RESULTS, `${name}-page1`));
      expect([first.width, first.height]).toEqual(parts.size.map(Math.ceil));
      expectNumberInHeader(pageWords(file, 1), parts);
      const signerPage = parts.signerPage === 1 ? first : await renderPage(file, parts.signerPage, path.join(RESULTS, `${name}-page${parts.signerPage}`));
      expectSignerBlock(signerPage, pageWords(file, parts.signerPage), parts);
      if (parts.signerPage !== 1) {
        // The signatures are where the signer's block is, not on page 1's body text.
        expect(countIn(first, { x: 0, y: 0, width: first.width, height: first.height }, isBlue)).toBe(0);
        expect(countIn(first, { x: 0, y: 0, width: first.width, height: first.height }, isRed)).toBe(0);
      }
    }, 90_000);
  }

  it('three header layouts: the number and date land in each header, off the body (renders in test-results/placement)', async () => {
    const layouts = ['standard', 'letterhead', 'stacked'] as const;
    const numbers: Word[] = [];
    for (const header of layouts) {
      const notation = header !== 'stacked';
      const { file, parts } = await issue(`header-${header}`, { header, notation });
      await renderPage(file, 1, path.join(RESULTS, `header-${header}-page1`));
      const words = pageWords(file, 1);
      expectNumberInHeader(words, parts, notation);
      numbers.push(words.find((candidate) => candidate.text.startsWith('05'))!);
      // The place printed on the draft's date line is kept (the CLI was given none).
      expect(formValues(file)).toMatchObject({ Số: notation ? '05' : `05/${NOTATION}`, Ngày: `${PLACE}, ngày 12 tháng 03 năm 2026` });
    }
    // Three layouts, three places: not one fixed position.
    expect(new Set(numbers.map((number) => `${Math.round(number.x)},${Math.round(number.y)}`)).size).toBe(3);
  }, 120_000);
});
