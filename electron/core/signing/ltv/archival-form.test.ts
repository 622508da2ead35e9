/**
 * The archival form (PAdES B-LTA) end to end with real parts: a test CA with an `openssl ocsp`
 * responder and a CRL server, an `openssl ts` TSA, two signatures made by VanThu, the file
 * extended, then judged by VanThu's verifier with the clock set past the certificates' expiry
 * and the revocation data's nextUpdate, by pdfsig, and by openssl (DSS entries and the document
 * time-stamp).
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PdfVerification } from '../../../../shared/api/verification.js';
import { startLocalTsa, type LocalTsa } from '../../../../test/local-tsa.js';
import { startCrlServer, type CrlServer } from '../../../../test/pdf-corpus/crl-server.js';
import { reservePort, startOcspResponder, type OcspResponder } from '../../../../test/pdf-corpus/ocsp-responder.js';
import { makeTestPki, type TestPki, type TestSigner } from '../../../../test/pdf-corpus/test-pki.js';
import { opensslValid } from '../../../../test/pdf-corpus/third-party.js';
import { httpRevocationChecker, offlineRevocationChecker, verifyPdf, type RevocationChecker } from '../../verification/index.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import { readSignatures } from '../../pdf/signatures.js';
import { signPades } from '../timestamp/sign-pades.js';
import { ArchivalFormError, makeArchivalForm, makeArchivalForms } from './archival-form.js';
import { readDss, vriKey } from '../../pdf/dss.js';

const SAMPLE = fileURLToPath(new URL('../../../../assets/sample.pdf', import.meta.url));
const HOUR = 3600_000;

let dir: string;
let pki: TestPki;
let tsa: LocalTsa;
let ocsp: OcspResponder;
let crlServer: CrlServer;
/** Its status from the OCSP responder. */
let leader: TestSigner;
/** Its status from the CRL. */
let agency: TestSigner;
let tsaCaDer: Uint8Array;
/** Both signatures with a signature time-stamp (B-T), as VanThu signs with a TSA set. */
let signedBT: string;
/** Both signatures without a time-stamp (B-B). */
let signedBB: string;
let lta: string;
let extendedAt: Date;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-lta-'));
  const ocspPort = await reservePort();
  crlServer = await startCrlServer();
  pki = makeTestPki(dir);
  // Certificates that expire an hour from now: the tests move the clock past that.
  const validity = { notBefore: new Date(Date.now() - 24 * HOUR), notAfter: new Date(Date.now() + HOUR) };
  leader = pki.issue('lta-leader', '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Nguyễn Văn Lãnh Đạo', { ...validity, ocspUrl: `http://127.0.0.1:${ocspPort}` });
  agency = pki.issue('lta-agency', '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Ủy ban nhân dân tỉnh Thử Nghiệm', { ...validity, crlUrl: crlServer.url });
  // The CRL's nextUpdate is an hour away, the OCSP answers' five minutes.
  crlServer.crl = pki.crl([], 1);
  ocsp = await startOcspResponder(pki, ocspPort);
  tsa = await startLocalTsa(dir);
  tsaCaDer = new Uint8Array(execFileSync('openssl', ['x509', '-in', tsa.caFile, '-outform', 'DER']));

  signedBT = path.join(dir, 'signed-bt.pdf');
  signedBB = path.join(dir, 'signed-bb.pdf');
  for (const [output, tsaUrl] of [
    [signedBT, tsa.url],
    [signedBB, undefined],
  ] as const) {
    await signPades(SAMPLE, output, { fieldName: 'Lãnh đạo ký', rect: [0, 0, 0, 0], m: new Date(), ...leader, ...(tsaUrl ? { tsaUrl } : {}) });
    await signPades(output, output, { fieldName: 'Cơ quan ký', rect: [0, 0, 0, 0], m: new Date(), ...agency, ...(tsaUrl ? { tsaUrl } : {}) });
  }
  lta = path.join(dir, 'archival.pdf');
  extendedAt = new Date();
  const result = await makeArchivalForm(signedBT, lta, { tsaUrl: tsa.url, trustAnchors: [pki.caDer, tsaCaDer], revocation: httpRevocationChecker({ timeoutMs: 5000 }) });
  expect(result).toMatchObject({ level: 'B-LTA', signatures: 2, dss: { ocsps: 1, crls: 1 } });
}, 120_000);

afterAll(async () => {
  await ocsp?.close();
  await tsa?.close();
  await crlServer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.useRealTimers();
});

function verify(file: string, options: { revocation?: RevocationChecker; anchors?: Uint8Array[] } = {}): Promise<PdfVerification> {
  return verifyPdf(file, { name: path.basename(file), trustAnchors: options.anchors ?? [pki.caDer, tsaCaDer], revocation: options.revocation ?? httpRevocationChecker({ timeoutMs: 2000 }) });
}

/** The machine's clock (Date) set `hours` after now: the verifier reads no other. */
function clockAfter(hours: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(Date.now() + hours * HOUR));
}

function verdicts(report: PdfVerification): string[] {
  return report.signatures.map((signature) => `${signature.indication}${signature.subIndication ? ` / ${signature.subIndication}` : ''}`);
}

describe('the archival form (PAdES B-LTA)', () => {
  it('validates in VanThu with the clock set after the certificates expired and the revocation data went stale, from the DSS alone', async () => {
    const now = await verify(lta);
    expect(verdicts(now)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(now.signatures.map((signature) => signature.level)).toEqual(['B-LTA', 'B-LTA']);

    clockAfter(3);
    expect(new Date() > notAfter(leader)).toBe(true);
    // No network at all: the revocation data comes from the file.
    for (const revocation of [offlineRevocationChecker, httpRevocationChecker({ timeoutMs: 2000 })]) {
      const later = await verify(lta, { revocation });
      expect(verdicts(later)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
      for (const signature of later.signatures) {
        expect(signature.level).toBe('B-LTA');
        expect(signature.checks).toMatchObject({ validAtSigningTime: true, revocation: 'good' });
        // Judged as of the signature time-stamp, before the expiry.
        expect(signature.validatedAt).toBe(signature.timestamp!.time);
        expect(new Date(signature.validatedAt!) < notAfter(leader)).toBe(true);
        expect(signature.archiveTimestamp).toMatchObject({ valid: true });
        expect(Math.abs(new Date(signature.archiveTimestamp!.time).getTime() - extendedAt.getTime())).toBeLessThan(60_000);
        // The DSS and the document time-stamp are the last two revisions: validation data, allowed after any signature.
        const archival = signature.changesAfter.filter((change) => change.revision >= signature.revisions - 1);
        expect(archival.length).toBeGreaterThan(0);
        expect(archival.every((change) => change.kind === 'metadata')).toBe(true);
        expect(signature.changesAfter.every((change) => change.allowed)).toBe(true);
      }
    }
  });

  it('leaves the same signatures without long-term data failing after the expiry: B-T lacks revocation data, B-B lacks a proven time', async () => {
    expect(verdicts(await verify(signedBT))).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    clockAfter(3);
    const bt = await verify(signedBT);
    expect(verdicts(bt)).toEqual(['INDETERMINATE / OUT_OF_BOUNDS_NOT_REVOKED', 'INDETERMINATE / OUT_OF_BOUNDS_NOT_REVOKED']);
    expect(bt.signatures.map((signature) => signature.level)).toEqual(['B-T', 'B-T']);
    expect(verdicts(await verify(signedBB))).toEqual(['INDETERMINATE / OUT_OF_BOUNDS_NO_POE', 'INDETERMINATE / OUT_OF_BOUNDS_NO_POE']);
  });

  it('proves no time with a time-stamp whose TSA is not trusted', async () => {
    clockAfter(3);
    const report = await verify(lta, { anchors: [pki.caDer], revocation: offlineRevocationChecker });
    expect(verdicts(report)).toEqual(['INDETERMINATE / OUT_OF_BOUNDS_NO_POE', 'INDETERMINATE / OUT_OF_BOUNDS_NO_POE']);
    expect(report.signatures[0]!.archiveTimestamp).toMatchObject({ valid: false });
  });

  it('fails once bytes covered by the document time-stamp are altered', async () => {
    const bytes = await readFile(lta);
    const tampered = path.join(dir, 'tampered.pdf');
    // The ESIC declaration sits in the DSS update, after both signatures and before the time-stamp.
    const at = bytes.lastIndexOf('/ExtensionLevel 5');
    expect(at).toBeGreaterThan(0);
    bytes.write('/ExtensionLevel 6', at, 'latin1');
    await writeFile(tampered, bytes);
    clockAfter(3);
    const report = await verify(tampered, { revocation: offlineRevocationChecker });
    for (const signature of report.signatures) {
      expect(signature.archiveTimestamp).toMatchObject({ valid: false });
      // No longer B-LTA; the signature time-stamps (their TSA still valid) and the DSS answers still carry them, as B-LT.
      expect(signature.level).toBe('B-LT');
      expect(signature.indication).toBe('TOTAL_PASSED');
    }
  });

  it('is read by pdfsig: every signature, the two signatures valid, the document time-stamp listed', async () => {
    let text: string;
    try {
      text = execFileSync('pdfsig', [lta], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      // pdfsig exits non-zero for an untrusted (test) CA; its report is still on stdout.
      text = String((error as { stdout?: string }).stdout ?? '');
    }
    const sections = text.split(/^Signature #\d+:$/m).slice(1);
    expect(sections).toHaveLength(3);
    expect(sections.slice(0, 2).every((section) => section.includes('Signature Validation: Signature is Valid'))).toBe(true);
    // poppler 22 lists the document time-stamp with its TSA and its range, and does not judge it.
    expect(sections[2]).toContain('Signature Field Name: VanThu_LuuTru_1');
    expect(sections[2]).toContain('Signer Certificate Common Name: VanThu Test TSA');
    expect(sections[2]).toContain('Total document signed');
    expect(await opensslValid(lta, pki.caFile, dir)).toEqual([true, true, false]);
  });

  it("has a DSS openssl accepts — the certificates, the leader's OCSP answer, the agency's CRL — a VRI entry per signature, and a document time-stamp openssl ts verifies over the whole file", async () => {
    const reader = await PdfReader.open(lta);
    let dss;
    try {
      dss = await readDss(reader);
    } finally {
      await reader.close();
    }
    const write = async (name: string, der: Uint8Array): Promise<string> => {
      const file = path.join(dir, name);
      await writeFile(file, der);
      return file;
    };
    const openssl = (args: string[]): string => execFileSync('openssl', args, { encoding: 'utf8', stdio: 'pipe' }) + '';
    const subjects = [];
    for (const [i, der] of dss.certificates.entries()) subjects.push(openssl(['x509', '-inform', 'DER', '-in', await write(`dss-cert-${i}.der`, der), '-noout', '-subject']));
    expect(subjects.join('')).toMatch(/Nguyễn Văn Lãnh Đạo|Nguy/);
    expect(subjects.some((subject) => subject.includes('VanThu Test Root'))).toBe(true);
    expect(subjects.some((subject) => subject.includes('VanThu Test TSA'))).toBe(true);

    const [ocspDer] = dss.ocsps;
    const ocspOut = execFileSync('openssl', ['ocsp', '-respin', await write('dss.ocsp', ocspDer!), '-CAfile', pki.caFile, '-issuer', pki.caFile, '-cert', leader.certFile, '-no_nonce'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(ocspOut).toMatch(/: good/);
    const [crlDer] = dss.crls;
    const crlCheck = execFileSync('openssl', ['crl', '-inform', 'DER', '-in', await write('dss.crl', crlDer!), '-CAfile', pki.caFile, '-noout'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(crlCheck).toBe('');

    const signatures = await readSignatures(lta);
    expect(signatures.map((signature) => signature.documentTimestamp)).toEqual([false, false, true]);
    expect(dss.vri.sort()).toEqual(signatures.slice(0, 2).map((signature) => vriKey(signature.contents)).sort());

    const stamp = signatures[2]!;
    const bytes = await readFile(lta);
    const [a, b, c, d] = stamp.byteRange as [number, number, number, number];
    expect(c + d).toBe(bytes.length);
    const token = stamp.contents.subarray(0, asn1js.fromBER(stamp.contents).offset);
    const tokenFile = await write('doc-ts.der', token);
    const content = await write('doc-ts.bin', Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]));
    const verified = execFileSync('openssl', ['ts', '-verify', '-data', content, '-in', tokenFile, '-token_in', '-CAfile', tsa.caFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(verified).toMatch(/Verification: OK/);
    // The DSS is inside what the time-stamp covers.
    expect(bytes.lastIndexOf('/ESIC')).toBeLessThan(b);
    const other = await write('other.bin', Buffer.concat([bytes.subarray(a, a + b - 1), bytes.subarray(c, c + d)]));
    expect(() => execFileSync('openssl', ['ts', '-verify', '-data', other, '-in', tokenFile, '-token_in', '-CAfile', tsa.caFile], { stdio: 'pipe' })).toThrow();
  });

  it('refuses, writing nothing, a signature whose chain reaches no trust anchor or whose revocation data cannot be had', async () => {
    const output = path.join(dir, 'refused.pdf');
    await expect(makeArchivalForm(signedBT, output, { tsaUrl: '', trustAnchors: [pki.caDer, tsaCaDer] })).rejects.toMatchObject({ code: 'no_time_stamp_server' });
    await expect(makeArchivalForm(signedBT, output, { tsaUrl: tsa.url, trustAnchors: [tsaCaDer] })).rejects.toMatchObject({ code: 'untrusted_chain' });
    await expect(stat(output)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(makeArchivalForm(signedBT, output, { tsaUrl: tsa.url, trustAnchors: [pki.caDer, tsaCaDer], revocation: offlineRevocationChecker })).rejects.toBeInstanceOf(ArchivalFormError);
    await expect(stat(output)).rejects.toMatchObject({ code: 'ENOENT' });
    // A TSA that fails leaves an earlier output as it was.
    await copyFile(signedBT, output);
    const before = await readFile(output);
    tsa.failNext = 503;
    await expect(makeArchivalForm(output, output, { tsaUrl: tsa.url, trustAnchors: [pki.caDer, tsaCaDer] })).rejects.toThrow(/HTTP 503/);
    expect((await readFile(output)).equals(before)).toBe(true);
  });

  it("extends every file of a dossier, copies an unsigned one, and renews an archival form with another time-stamp", async () => {
    const unsigned = path.join(dir, 'dossier-unsigned.pdf');
    const renewed = path.join(dir, 'dossier-renewed.pdf');
    const outcomes = await makeArchivalForms(
      [
        { input: SAMPLE, output: unsigned },
        { input: lta, output: renewed },
      ],
      { tsaUrl: tsa.url, trustAnchors: [pki.caDer, tsaCaDer] },
    );
    expect(outcomes.map((outcome) => ('result' in outcome ? outcome.result.level : outcome.error.message))).toEqual(['unsigned', 'B-LTA']);
    expect((await readFile(unsigned)).equals(await readFile(SAMPLE))).toBe(true);
    const signatures = await readSignatures(renewed);
    expect(signatures.map((signature) => signature.documentTimestamp)).toEqual([false, false, true, true]);
    clockAfter(3);
    expect(verdicts(await verify(renewed, { revocation: offlineRevocationChecker }))).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  });
});

function notAfter(signer: TestSigner): Date {
  return pkijs.Certificate.fromBER(signer.certificates[0]!).notAfter.value;
}
