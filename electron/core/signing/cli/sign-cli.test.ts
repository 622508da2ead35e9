import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asn1js from 'asn1js';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTsa, type LocalTsa } from '../../../../test/local-tsa.js';
import { countPixels, isBlue, isRed, renderFirstPage } from '../../../../test/page-pixels.js';
import { makeTestTokens, testCertificate, testToken, type Manifest } from '../../../../test/tokens.js';
import { startCrlServer } from '../../../../test/pdf-corpus/crl-server.js';
import { makeTestPki } from '../../../../test/pdf-corpus/test-pki.js';
import { offlineRevocationChecker, verifyPdf } from '../../verification/index.js';
import { readSignatures } from '../pdf/signatures.js';
import { signPades } from '../timestamp/sign-pades.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SAMPLE = path.join(ROOT, 'assets', 'sample.pdf');
let manifest: Manifest;
let dir: string;
let cli: string;
let tsa: LocalTsa;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The CLI bundled as scripts/build.mjs bundles it, into a private folder (dist/ may be rebuilt
 * meanwhile) inside the repository, so that it finds assets/ as the built one does.
 */
beforeAll(async () => {
  await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
  dir = await mkdtemp(path.join(ROOT, 'test-results', 'sign-cli-'));
  cli = path.join(dir, 'sign-cli.cjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/core/signing/cli/sign-cli.ts'],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron', 'better-sqlite3', 'graphene-pk11', 'pkcs11js'],
    logLevel: 'warning',
  });
  [manifest, tsa] = await Promise.all([makeTestTokens(), startLocalTsa(dir)]);
}, 60_000);
afterAll(async () => {
  await tsa?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function run(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, SOFTHSM2_CONF: manifest.conf, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

async function opensslVerifyAll(file: string): Promise<void> {
  const bytes = await readFile(file);
  for (const [i, signature] of (await readSignatures(file)).entries()) {
    const der = path.join(dir, `cms${i}.der`);
    const content = path.join(dir, `content${i}.bin`);
    await writeFile(der, signature.contents.subarray(0, asn1js.fromBER(signature.contents).offset));
    const [a, b, c, d] = signature.byteRange as [number, number, number, number];
    await writeFile(content, Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]));
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', der, '-content', content, '-CAfile', manifest.caCertificate, '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
  }
}

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
