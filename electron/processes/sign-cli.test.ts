import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTsa, type LocalTsa } from '../../test/local-tsa.js';
import { countPixels, isBlue, isRed, renderFirstPage } from '../../test/page-pixels.js';
import { bundleSignCli, opensslVerifyAll as verifyWithOpenssl, pdfsig, ROOT, type SignCli } from '../../test/sign-cli-bundle.js';
import { makeTestTokens, testCertificate, testToken, type Manifest } from '../../test/tokens.js';
import { startCrlServer } from '../../test/pdf-corpus/crl-server.js';
import { makeTestPki } from '../../test/pdf-corpus/test-pki.js';
import { offlineRevocationChecker, verifyPdf } from '../core/verification/index.js';
import { signPades } from '../core/signing/timestamp/sign-pades.js';

const SAMPLE = path.join(ROOT, 'assets', 'sample.pdf');
let manifest: Manifest;
let dir: string;
let cli: SignCli;
let tsa: LocalTsa;

beforeAll(async () => {
  manifest = await makeTestTokens();
  cli = await bundleSignCli({ SOFTHSM2_CONF: manifest.conf });
  dir = cli.dir;
  tsa = await startLocalTsa(dir);
}, 60_000);
afterAll(async () => {
  await tsa?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const run = (args: string[], stdin = '') => cli.run(args, stdin);
const opensslVerifyAll = (file: string) => verifyWithOpenssl(file, manifest.caCertificate, dir);

const signArgs = (input: string, output: string, token: 'LEADER' | 'AGENCY', cert: string, field: string, extra: string[] = []) => [
  '--in', input, '--out', output, '--module', manifest.module, '--token', token, '--cert', cert, '--field', field, '--chain', manifest.caCertificate, ...extra,
];

describe('npm run sign (the bundled CLI on SoftHSM2)', () => {
  it('--list shows the tokens and their certificates', async () => {
    const { code, stdout } = await run(['--list', '--module', manifest.module]);
    expect(code).toBe(0);
    expect(stdout).toContain('token "LEADER"');
    expect(stdout).toContain('token "AGENCY"');
    expect(stdout).toContain('--cert 01  "leader"');
    expect(stdout).toContain('CN=Nguyễn Văn An');
  });

  it('leader signs (visible), then the agency signs with a time-stamp: pdfsig and openssl accept both', async () => {
    const leader = testCertificate(manifest, 'leader');
    const agency = testCertificate(manifest, 'agency');
    const leaderPdf = path.join(dir, 'leader.pdf');
    const issued = path.join(dir, 'issued.pdf');
    const first = await run(signArgs(SAMPLE, leaderPdf, 'LEADER', leader.id, 'Lãnh đạo ký', ['--page', '1', '--rect', '300,120,200,80', '--reason', 'Phê duyệt']), `${leader.token.userPin}\n`);
    expect(first.stderr).not.toContain(leader.token.userPin);
    expect(first.stdout).not.toContain(leader.token.userPin);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('PAdES B-B');
    const second = await run(signArgs(leaderPdf, issued, 'AGENCY', agency.id, 'Cơ quan ký', ['--tsa', tsa.url, '--rect', '80,300,300,102', '--agency']), agency.token.userPin);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('PAdES B-T');

    const report = pdfsig(issued);
    expect(report.match(/Signature is Valid/g)).toHaveLength(2);
    expect(report.trimEnd().split('Signature #2:')[1]).toContain('Total document signed');
    await opensslVerifyAll(issued);

    // As in the app: the default blue signature image in the leader's box, the red seal (36 mm =
    // 102 pt) at the left of the agency's box with the agency's email beside it.
    const page = await renderFirstPage(issued, path.join(dir, 'issued-page1'));
    expect(countPixels(page, [300, 120, 500, 200], isBlue)).toBeGreaterThan(100);
    expect(countPixels(page, [80, 300, 182, 402], isRed)).toBeGreaterThan(300);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', issued, '-'], { encoding: 'utf8' })).toContain('vanthu@nghean.gov.vn');
  }, 60_000);

  it('a wrong PIN: one line with the tries left, exit 1, no output file, the PIN never echoed', async () => {
    const leader = testCertificate(manifest, 'leader');
    const output = path.join(dir, 'wrong-pin.pdf');
    const { code, stdout, stderr } = await run(signArgs(SAMPLE, output, 'LEADER', leader.id, 'Sig'), '999999\n');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^sign: Wrong PIN: /);
    expect(stderr + stdout).not.toContain('999999');
    expect(existsSync(output)).toBe(false);
    // A right PIN afterwards still works (SoftHSM resets its count).
    expect((await run(signArgs(SAMPLE, output, 'LEADER', leader.id, 'Sig'), testToken(manifest, 'LEADER').userPin)).code).toBe(0);
  }, 30_000);

  it('refuses an expired certificate and a key without signing usage before the PIN is used', async () => {
    for (const name of ['expired', 'wrongUsage'] as const) {
      const certificate = testCertificate(manifest, name);
      const { code, stderr } = await run(signArgs(SAMPLE, path.join(dir, `${name}.pdf`), 'LEADER', certificate.id, 'Sig'), certificate.token.userPin);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(name === 'expired' ? /expired/i : /usage|sign/i);
    }
  }, 30_000);

  it('one clear line for a missing token, an unknown certificate, a PIN given as an option, no module', async () => {
    const cases: [string[], RegExp][] = [
      [signArgs(SAMPLE, path.join(dir, 'x.pdf'), 'LEADER', '01', 'Sig').map((arg) => (arg === 'LEADER' ? 'NOPE' : arg)), /No token labelled "NOPE"/],
      [signArgs(SAMPLE, path.join(dir, 'x.pdf'), 'LEADER', '7f', 'Sig'), /no certificate with id 7f/],
      [[...signArgs(SAMPLE, path.join(dir, 'x.pdf'), 'LEADER', '01', 'Sig'), '--pin', '123456'], /unknown option --pin/],
      [['--list', '--module', path.join(dir, 'missing.so')], /No PKCS#11 library/],
      [signArgs(SAMPLE, path.join(dir, 'x.pdf'), 'LEADER', '01', 'Sig', ['--rect', '300,120,200,80', '--image', SAMPLE]), /--image .*not a PNG/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run(args, '123456\n');
      expect(code).toBe(1);
      expect(stderr.split('\n')[0]).toMatch(message);
      expect(stderr).not.toContain('123456');
    }
  }, 30_000);

  it('refuses, before the PIN, a box off its page, a page the document lacks and a field name already taken, saying why', async () => {
    const leader = testCertificate(manifest, 'leader');
    const pin = `${leader.token.userPin}\n`;
    const signed = path.join(dir, 'refusals-signed.pdf');
    expect((await run(signArgs(SAMPLE, signed, 'LEADER', leader.id, 'Lãnh đạo ký', ['--rect', '300,120,200,80']), pin)).code).toBe(0);
    const fielded = path.join(dir, 'refusals-fields.pdf');
    const fields = await run(['--step', 'fields', '--in', SAMPLE, '--out', fielded, '--number-rect', '72,740,150,18', '--date-rect', '320,740,220,18', '--leader-rect', '330,90,210,80']);
    expect(fields.code, fields.stderr).toBe(0);
    const cases: [string, string[], RegExp][] = [
      ['entirely off the page', signArgs(SAMPLE, path.join(dir, 'r1.pdf'), 'LEADER', leader.id, 'Ký', ['--rect', '700,900,100,50']), /^sign: --rect 700,900,100,50 is not wholly on page 1, which is 595 × 842 pt as shown \(x,y from its lower left corner\)/],
      ['partly off the page', signArgs(SAMPLE, path.join(dir, 'r2.pdf'), 'LEADER', leader.id, 'Ký', ['--rect', '500,120,200,80']), /not wholly on page 1, which is 595 × 842 pt/],
      ['on a page the document lacks', signArgs(SAMPLE, path.join(dir, 'r3.pdf'), 'LEADER', leader.id, 'Ký', ['--page', '3', '--rect', '10,10,50,50']), /--rect 10,10,50,50 is on page 3, but the document has 1 page/],
      ['an invisible signature on a missing page', signArgs(SAMPLE, path.join(dir, 'r4.pdf'), 'LEADER', leader.id, 'Ký', ['--page', '2']), /--page 2: the document has 1 page/],
      ['a field that is signed already', signArgs(signed, path.join(dir, 'r5.pdf'), 'LEADER', leader.id, 'Lãnh đạo ký', ['--rect', '100,300,200,80']), /already has a signed field named "Lãnh đạo ký"/],
      ['a field that is no signature', signArgs(fielded, path.join(dir, 'r6.pdf'), 'LEADER', leader.id, 'Số'), /already has a form field named "Số" that is not a signature field/],
      ['another box for an empty signature field', signArgs(fielded, path.join(dir, 'r7.pdf'), 'LEADER', leader.id, 'LeaderSignature', ['--rect', '100,300,200,80']), /empty signature field "LeaderSignature" with its own box: leave out --rect/],
      ['fields placed twice', ['--step', 'fields', '--in', fielded, '--out', path.join(dir, 'r8.pdf'), '--number-rect', '72,740,150,18'], /already has the fields "Số", "Ngày", "LeaderSignature"/],
      ['a field box off the page', ['--step', 'fields', '--in', SAMPLE, '--out', path.join(dir, 'r9.pdf'), '--number-rect', '72,840,150,18', '--date-rect', '320,740,220,18', '--leader-rect', '330,90,210,80'], /--number-rect 72,840,150,18 is not wholly on page 1/],
      ['boxes the text does not give', ['--step', 'fields', '--in', SAMPLE, '--out', path.join(dir, 'r10.pdf')], /no "…, ngày … tháng … năm …" line in its header: give --date-rect; no --signer-name or --signer-title .*: give --leader-rect/],
      ['the number before the leader', ['--step', 'number', '--in', fielded, '--out', path.join(dir, 'r11.pdf'), '--number', '05', '--date', '2026-03-12'], /"LeaderSignature" is not signed: the number is given after the leader signs/],
      ['the agency before the leader', ['--step', 'agency', '--in', fielded, '--out', path.join(dir, 'r12.pdf'), '--module', manifest.module, '--token', 'AGENCY', '--cert', testCertificate(manifest, 'agency').id], /"LeaderSignature" is not signed: the agency signs after the leader/],
    ];
    for (const [what, args, message] of cases) {
      const { code, stdout, stderr } = await run(args, pin);
      expect(code, what).toBe(1);
      expect(stderr.split('\n')[0], what).toMatch(message);
      // Refused before the PIN was asked for: no prompt, nothing written.
      expect(stderr, what).not.toContain('PIN for token');
      expect(stdout + stderr).not.toContain(leader.token.userPin);
      expect(existsSync(args[args.indexOf('--out') + 1]!), what).toBe(false);
    }
  }, 120_000);

  it('runs the whole flow from the command line on a PDF without a Decree 30 header when IT gives the boxes', async () => {
    const leader = testCertificate(manifest, 'leader');
    const agency = testCertificate(manifest, 'agency');
    const step = (name: string) => path.join(dir, `flow-${name}.pdf`);
    const token = (label: string, id: string) => ['--module', manifest.module, '--token', label, '--cert', id, '--chain', manifest.caCertificate];
    const runs = [
      await run(['--step', 'fields', '--in', SAMPLE, '--out', step('fields'), '--number-rect', '72,740,150,18', '--date-rect', '320,740,220,18', '--leader-rect', '330,90,210,80']),
      await run(['--step', 'leader', '--in', step('fields'), '--out', step('leader'), ...token('LEADER', leader.id)], leader.token.userPin),
      await run(['--step', 'number', '--in', step('leader'), '--out', step('numbered'), '--number', '7', '--notation', 'QĐ-UBND', '--date', '2026-03-12', '--place', 'Nghệ An']),
      await run(['--step', 'agency', '--in', step('numbered'), '--out', step('issued'), ...token('AGENCY', agency.id), '--tsa', tsa.url], agency.token.userPin),
    ];
    for (const result of runs) expect(result.code, result.stderr).toBe(0);
    expect(runs[0]!.stdout).toContain('leader: page 1, 330,672 210×80 pt from the top left (as given)');
    expect(runs[2]!.stdout).toContain('Số "7/QĐ-UBND", Ngày "Nghệ An, ngày 12 tháng 03 năm 2026"');
    for (const [name, count] of [['leader', 1], ['issued', 2]] as const) {
      const report = pdfsig(step(name));
      expect(report.match(/Signature Validation: Signature is Valid\./g), name).toHaveLength(count);
      expect(report.trimEnd().split(`Signature #${count}:`)[1], name).toContain('Total document signed');
      await opensslVerifyAll(step(name));
    }
    expect(runs[3]!.stdout).toContain('PAdES B-T');
    // Issued once: a second agency signature is refused before the PIN.
    const again = await run(['--step', 'agency', '--in', step('issued'), '--out', step('twice'), ...token('AGENCY', agency.id)], agency.token.userPin);
    expect(again.code).toBe(1);
    expect(again.stderr.split('\n')[0]).toMatch(/already has a field named "AgencySignature": the agency has signed it already/);
    expect(again.stderr).not.toContain('PIN for token');
  }, 90_000);
});

describe('npm run sign -- --archival (no token)', () => {
  it('extends a signed PDF to PAdES B-LTA that the verifier passes offline from its DSS; one clear line for an untrusted chain', async () => {
    const crlServer = await startCrlServer();
    try {
      const pkiDir = await mkdtemp(path.join(dir, 'pki-'));
      const pki = makeTestPki(pkiDir, { crlUrl: crlServer.url });
      crlServer.crl = pki.crl();
      const signed = path.join(dir, 'to-archive.pdf');
      await signPades(SAMPLE, signed, { fieldName: 'Lãnh đạo ký', rect: [0, 0, 0, 0], m: new Date(), ...pki.leader, tsaUrl: tsa.url });
      const archived = path.join(dir, 'archived.pdf');
      const trust = [pki.caFile, tsa.caFile].flatMap((file) => ['--trust', file]);
      const { code, stdout, stderr } = await run(['--archival', '--in', signed, '--out', archived, '--tsa', tsa.url, ...trust]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^archival form .*archived\.pdf: PAdES B-LTA, 1 signature\(s\), document time-stamp \d{4}-.*DSS: 4 certificate\(s\), 0 OCSP answer\(s\), 1 CRL\(s\)\n$/);
      const anchors = [pki.caDer, new Uint8Array(execFileSync('openssl', ['x509', '-in', tsa.caFile, '-outform', 'DER']))];
      const report = await verifyPdf(archived, { name: 'archived.pdf', trustAnchors: anchors, revocation: offlineRevocationChecker });
      expect(report.signatures.map((signature) => [signature.indication, signature.level])).toEqual([['TOTAL_PASSED', 'B-LTA']]);

      const refused = await run(['--archival', '--in', signed, '--out', path.join(dir, 'refused.pdf'), '--tsa', tsa.url, '--trust', tsa.caFile]);
      expect(refused.code).toBe(1);
      expect(refused.stderr.split('\n')[0]).toMatch(/^sign: the certificate of the signature "Lãnh đạo ký" does not chain to a trust anchor/);
      expect(existsSync(path.join(dir, 'refused.pdf'))).toBe(false);
    } finally {
      await crlServer.close();
    }
  }, 60_000);
});
