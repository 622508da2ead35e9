import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfVerification, SignatureReport } from '../../../shared/api/verification.js';
import { makeCorpus, type CorpusFile } from '../../../test/pdf-corpus/corpus.js';
import { startCrlServer, type CrlServer } from '../../../test/pdf-corpus/crl-server.js';
import { issueDocument, type IssuedFiles } from '../../../test/pdf-corpus/issue-flow.js';
import { addComment, appendBlankPage } from '../../../test/pdf-corpus/tamper.js';
import { pdfsigValid } from '../../../test/pdf-corpus/third-party.js';
import { makeTestPki, type TestPki, type TestSigner } from '../../../test/pdf-corpus/test-pki.js';
import { startLocalTsa, type LocalTsa } from '../../../test/local-tsa.js';
import { reservePort, startOcspResponder } from '../../../test/pdf-corpus/ocsp-responder.js';
import { findPage, FormUpdate } from '../pdf/acro-form.js';
import { appendUpdate } from '../pdf/incremental-writer.js';
import { dict } from '../pdf/objects.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import { signPdf } from '../signing/pdf/sign-pdf.js';
import { addTextFields } from '../signing/pdf/text-fields.js';
import { signPades } from '../signing/timestamp/sign-pades.js';
import { httpRevocationChecker, loadTrustAnchors, verifyPdf } from './index.js';

let dir: string;
let pki: TestPki;
let corpus: CorpusFile[];
let crlServer: CrlServer;
let tsa: LocalTsa;
let issued: IssuedFiles;
let revoked: TestSigner;
let vietnamese: { leader: TestSigner; agency: TestSigner };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-verify-'));
  crlServer = await startCrlServer();
  const crlUrl = crlServer.url;
  pki = makeTestPki(dir, { crlUrl });
  revoked = pki.issue('revoked', '/C=VN/O=Sở Thử Nghiệm/CN=Người Bị Thu Hồi', { crlUrl });
  crlServer.crl = pki.crl([revoked]);
  [corpus, tsa] = await Promise.all([makeCorpus(dir), startLocalTsa(dir)]);
  vietnamese = {
    leader: pki.issue('vn-leader', '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Nguyễn Văn Lãnh Đạo/emailAddress=lanhdao@thunghiem.gov.vn', { crlUrl }),
    agency: pki.issue('vn-agency', '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Ủy ban nhân dân tỉnh Thử Nghiệm', { crlUrl }),
  };
  const flowDir = path.join(dir, 'flow');
  await mkdir(flowDir);
  issued = await issueDocument(corpusFile('existing form'), flowDir, vietnamese, { m: new Date(), tsaUrl: tsa.url });
}, 120_000);

afterAll(async () => {
  await tsa?.close();
  await crlServer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function corpusFile(kind: string): string {
  return corpus.find((entry) => entry.kind === kind)!.file;
}

function verify(file: string, anchors = [pki.caDer]): Promise<PdfVerification> {
  return verifyPdf(file, { name: path.basename(file), trustAnchors: anchors, revocation: httpRevocationChecker({ timeoutMs: 2000 }) });
}

let counter = 0;
async function signedBy(signer: TestSigner, m = new Date()): Promise<string> {
  const output = path.join(dir, `single-${++counter}.pdf`);
  await signPdf(corpusFile('classic xref'), output, { fieldName: 'Chữ ký', rect: [0, 0, 0, 0], m, ...signer });
  return output;
}

/** pdfsig's "Signature is Valid" per signature must match our integrity and cryptographic checks. */
function expectPdfsigAgrees(file: string, report: PdfVerification): void {
  const ours = report.signatures.map((signature) => signature.checks.integrity === true && signature.checks.cryptographic === true);
  expect(ours).toEqual(pdfsigValid(file));
}

/** A copy of `file` with the byte `into` bytes into the data of the stream at `streamOffset` inverted. */
async function flipInsideStream(file: string, streamOffset: number, into: number, name: string): Promise<string> {
  const bytes = await readFile(file);
  const at = bytes.indexOf('stream', bytes.indexOf('>>', streamOffset)) + 'stream\n'.length + into;
  bytes[at] = bytes[at]! ^ 0xff;
  const copy = path.join(dir, name);
  await writeFile(copy, bytes);
  return copy;
}

function only(report: PdfVerification): SignatureReport {
  expect(report.signatures).toHaveLength(1);
  return report.signatures[0]!;
}

describe('verifyPdf', () => {
  it('passes the leader and agency signatures of an issued document and explains each', async () => {
    const report = await verify(issued.issued);
    expect(report.error).toBeNull();
    expect(report.indication).toBe('TOTAL_PASSED');
    const [leader, agency] = report.signatures as [SignatureReport, SignatureReport];
    for (const signature of [leader, agency]) {
      expect(signature.indication, JSON.stringify(signature, null, 1)).toBe('TOTAL_PASSED');
      expect(signature.checks).toEqual({ integrity: true, cryptographic: true, chainTrusted: true, validAtSigningTime: true, keyUsage: true, revocation: 'good', noDisallowedChanges: true });
      expect(signature.subFilter).toBe('ETSI.CAdES.detached');
      expect(signature.chain.map((certificate) => certificate.commonName)).toEqual([signature.signer!.commonName, 'VanThu Test Root']);
    }
    expect(leader.fieldName).toBe('Lãnh đạo ký');
    expect(leader.signer).toMatchObject({ commonName: 'Nguyễn Văn Lãnh Đạo', organization: 'Ủy ban nhân dân tỉnh Thử Nghiệm', email: 'lanhdao@thunghiem.gov.vn' });
    expect(leader.signer!.sha256).toBe(createHash('sha256').update(vietnamese.leader.certificates[0]!).digest('hex'));
    expect(leader.signer!.subject).toBe('C=VN, O=Ủy ban nhân dân tỉnh Thử Nghiệm, CN=Nguyễn Văn Lãnh Đạo, emailAddress=lanhdao@thunghiem.gov.vn');
    // Form file, text fields, leader, number, agency: five revisions.
    expect([leader.revision, agency.revision, agency.revisions]).toEqual([3, 5, 5]);
    expect([leader.coversWholeDocument, agency.coversWholeDocument]).toEqual([false, true]);
    // The clerk's number and date, then the agency signature: all allowed, nothing else.
    expect(leader.changesAfter.map(({ revision, kind, allowed }) => ({ revision, kind, allowed }))).toEqual([
      { revision: 4, kind: 'form_fill', allowed: true },
      { revision: 4, kind: 'form_fill', allowed: true },
      { revision: 5, kind: 'signature', allowed: true },
    ]);
    expect(leader.changesAfter.map((change) => change.detail).join('\n')).toMatch(/"Số"[\s\S]*"Ngày"[\s\S]*"Cơ quan ký"/);
    expect(agency.changesAfter).toEqual([]);
    expect(leader.timestamp).toBeNull();
    expect(agency.timestamp).toMatchObject({ valid: true, tsa: 'C=VN, O=VanThu Test TSA, CN=VanThu Test TSA' });
    expectPdfsigAgrees(issued.issued, report);
  });

  it.each(['classic xref', 'xref stream + object streams', 'linearized, xref streams, form', 'linearized, classic xref'])(
    '%s: the issuing flow passes, with five revisions and only the allowed changes after the leader',
    async (kind) => {
      const flowDir = await mkdtemp(path.join(dir, 'kind-'));
      const { issued: file } = await issueDocument(corpusFile(kind), flowDir, vietnamese, { m: new Date() });
      const report = await verify(file);
      expect(report.signatures.map((signature) => signature.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
      const [leader, agency] = report.signatures as [SignatureReport, SignatureReport];
      // A linearized file's two cross-reference sections are one revision.
      expect([leader.revision, agency.revision, agency.revisions]).toEqual([3, 5, 5]);
      expect(leader.changesAfter.map((change) => `${change.revision} ${change.kind} ${change.allowed}`)).toEqual(['4 form_fill true', '4 form_fill true', '5 signature true']);
      expectPdfsigAgrees(file, report);
    },
  );

  it('fails both signatures with HASH_FAILURE when a byte inside the signed ranges is flipped', async () => {
    const file = path.join(dir, 'flipped.pdf');
    const bytes = await readFile(issued.issued);
    const at = bytes.indexOf('Quyet dinh');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'q'.charCodeAt(0);
    await writeFile(file, bytes);
    const report = await verify(file);
    for (const signature of report.signatures) {
      expect([signature.indication, signature.subIndication]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
      expect(signature.checks.integrity).toBe(false);
    }
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
    expectPdfsigAgrees(file, report);
  });

  it('fails with FORMAT_FAILURE and lists the change when an update after signing replaces the page content', async () => {
    const file = path.join(dir, 'new-content.pdf');
    await copyFile(issued.issued, file);
    const reader = await PdfReader.open(file);
    try {
      const update = new FormUpdate(reader);
      const page = await findPage(reader, 1);
      const content = update.add(dict({}), Buffer.from('BT /F1 14 Tf 72 770 Td (Quyet dinh da bi sua) Tj ET', 'latin1'));
      update.objects.push({ ref: page.ref, value: page.dict.clone().set('Contents', content) });
      await appendUpdate(file, reader, update.objects);
    } finally {
      await reader.close();
    }
    const report = await verify(file);
    for (const signature of report.signatures) {
      expect([signature.indication, signature.subIndication]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
      expect(signature.checks).toMatchObject({ integrity: true, cryptographic: true, noDisallowedChanges: false });
      expect(signature.changesAfter.filter((change) => !change.allowed)).toEqual([
        { revision: 6, kind: 'page_content', allowed: false, forbiddenBy: 'rule', detail: expect.stringContaining('/Contents') as string },
      ]);
    }
    expectPdfsigAgrees(file, report);
  });

  it('fails with FORMAT_FAILURE when an update after signing adds a page', async () => {
    const file = path.join(dir, 'new-page.pdf');
    await copyFile(issued.issued, file);
    await appendBlankPage(file);
    const report = await verify(file);
    const kinds = report.signatures[0]!.changesAfter.filter((change) => !change.allowed).map((change) => change.kind);
    expect(kinds).toEqual(['new_page', 'new_page']);
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expectPdfsigAgrees(file, report);
  });

  it('keeps both signatures valid when a comment or a new form field is added after them, and lists the changes', async () => {
    const file = path.join(dir, 'commented.pdf');
    await copyFile(issued.issued, file);
    await addComment(file, 'Đã xem, đề nghị phát hành');
    await addTextFields(file, [{ name: 'Ghi chú của văn thư', rect: [72, 60, 300, 80] }]);
    const report = await verify(file);
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_PASSED', null]);
    const agency = report.signatures[1]!;
    expect(agency.changesAfter.map(({ revision, kind, allowed, forbiddenBy }) => ({ revision, kind, allowed, forbiddenBy }))).toEqual([
      { revision: 6, kind: 'annotation', allowed: true, forbiddenBy: null },
      { revision: 7, kind: 'form_field', allowed: true, forbiddenBy: null },
    ]);
    expect(agency.changesAfter[1]!.detail).toContain('"Ghi chú của văn thư"');
    expect(agency.checks.noDisallowedChanges).toBe(true);
    expectPdfsigAgrees(file, report);
  });

  it('reports each signature, with HASH_FAILURE, when a byte inside a signed compressed object stream is flipped', async () => {
    const flowDir = await mkdtemp(path.join(dir, 'objstm-'));
    const { issued: source } = await issueDocument(corpusFile('xref stream + object streams'), flowDir, vietnamese, { m: new Date() });
    const bytes = await readFile(source);
    const file = await flipInsideStream(source, bytes.indexOf('/ObjStm'), 10, 'flipped-object-stream.pdf');
    const report = await verify(file);
    expect(report.error).toBeNull();
    expect(report.signatures.map((signature) => [signature.fieldName, signature.indication, signature.subIndication])).toEqual([
      ['Lãnh đạo ký', 'TOTAL_FAILED', 'HASH_FAILURE'],
      ['Cơ quan ký', 'TOTAL_FAILED', 'HASH_FAILURE'],
    ]);
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
    expectPdfsigAgrees(file, report);
  });

  it('reports each signature, found by its byte range, when the newest cross-reference stream is damaged', async () => {
    const flowDir = await mkdtemp(path.join(dir, 'xrefstm-'));
    const { issued: source } = await issueDocument(corpusFile('xref stream + object streams'), flowDir, vietnamese, { m: new Date() });
    const bytes = await readFile(source);
    const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(bytes.toString('latin1'))![1]);
    const file = await flipInsideStream(source, startxref, 5, 'flipped-xref-stream.pdf');
    const report = await verify(file);
    expect(report.error).toMatch(/cannot be decompressed/);
    const [leader, agency] = report.signatures as [SignatureReport, SignatureReport];
    // The leader's bytes are intact but the document around them cannot be read: FORMAT_FAILURE.
    expect([leader.indication, leader.subIndication, leader.checks.integrity, leader.checks.cryptographic]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE', true, true]);
    expect(leader.signer?.commonName).toBe('Nguyễn Văn Lãnh Đạo');
    expect(leader.changesAfter.at(-1)).toMatchObject({ kind: 'other', allowed: false, forbiddenBy: 'rule', detail: expect.stringMatching(/structure cannot be read/) as string });
    // The agency signature covers the damaged bytes: its reason is the more specific one.
    expect([agency.indication, agency.subIndication, agency.checks.integrity]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE', false]);
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
  });

  it('says HASH_FAILURE, not FORMAT_FAILURE, when the signed bytes were altered and a page was added too', async () => {
    const file = path.join(dir, 'flipped-and-page.pdf');
    const bytes = await readFile(issued.issued);
    bytes[bytes.indexOf('Quyet dinh')] = 'q'.charCodeAt(0);
    await writeFile(file, bytes);
    await appendBlankPage(file);
    const report = await verify(file);
    for (const signature of report.signatures) {
      expect([signature.indication, signature.subIndication, signature.checks.noDisallowedChanges]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE', false]);
    }
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
    expectPdfsigAgrees(file, report);
  });

  it('is INDETERMINATE / OUT_OF_BOUNDS_NO_POE for a certificate expired at the signing time', async () => {
    const expired = pki.issue('expired', '/C=VN/O=Sở Thử Nghiệm/CN=Chứng Thư Hết Hạn', { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2025-02-01T00:00:00Z') });
    const file = await signedBy(expired);
    const report = await verify(file);
    const signature = only(report);
    expect([signature.indication, signature.subIndication]).toEqual(['INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE']);
    expect(signature.checks).toMatchObject({ integrity: true, cryptographic: true, chainTrusted: true, validAtSigningTime: false });
    expectPdfsigAgrees(file, report);
  });

  it('is INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND for a CA that is not a trust anchor', async () => {
    const otherDir = path.join(dir, 'other-ca');
    await mkdir(otherDir);
    const other = makeTestPki(otherDir);
    const file = await signedBy(other.leader);
    const report = await verify(file);
    const signature = only(report);
    expect([signature.indication, signature.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
    expect(signature.checks).toMatchObject({ integrity: true, cryptographic: true, chainTrusted: false, revocation: 'not_checked' });
    // The chain the CMS carries is shown as far as it goes.
    expect(signature.chain.map((certificate) => certificate.commonName)).toEqual(['Nguyen Van Lanh Dao', 'VanThu Test Root']);
    // Trusting the other CA makes the same file's chain complete.
    expect(only(await verify(file, [other.caDer])).checks.chainTrusted).toBe(true);
    expectPdfsigAgrees(file, report);
  });

  it('is INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE for a key not meant for signing', async () => {
    const encipher = pki.issue('encipher', '/C=VN/O=Sở Thử Nghiệm/CN=Khóa Mã Hóa', { keyUsage: 'keyEncipherment' });
    const file = await signedBy(encipher);
    const report = await verify(file);
    const signature = only(report);
    expect([signature.indication, signature.subIndication]).toEqual(['INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE']);
    expect(signature.checks.keyUsage).toBe(false);
    expectPdfsigAgrees(file, report);
  });

  it('is TOTAL_FAILED / REVOKED when the CRL revoked the certificate before the signing time', async () => {
    const file = await signedBy(revoked, new Date(Date.now() + 5000));
    const report = await verify(file);
    const signature = only(report);
    expect([signature.indication, signature.subIndication]).toEqual(['TOTAL_FAILED', 'REVOKED']);
    expect(signature.checks).toMatchObject({ integrity: true, cryptographic: true, chainTrusted: true, revocation: 'revoked' });
    expectPdfsigAgrees(file, report);
  });

  it('is INDETERMINATE / TRY_LATER when the CRL cannot be fetched or the certificate names none', async () => {
    const unreachable = pki.issue('unreachable', '/C=VN/O=Sở Thử Nghiệm/CN=Không Tới Được', { crlUrl: 'http://127.0.0.1:1/ca.crl' });
    const noPointer = pki.issue('no-pointer', '/C=VN/O=Sở Thử Nghiệm/CN=Không Có CRL');
    for (const [signer, status] of [[unreachable, 'unreachable'], [noPointer, 'unknown']] as const) {
      const file = await signedBy(signer);
      const report = await verify(file);
      const signature = only(report);
      expect([signature.indication, signature.subIndication, signature.checks.revocation]).toEqual(['INDETERMINATE', 'TRY_LATER', status]);
      expectPdfsigAgrees(file, report);
    }
  });

  it('judges the certificate at the time-stamp\'s proven time, not at a claimed /M outside its validity', async () => {
    const signer = pki.issue('stamped', '/C=VN/O=Sở Thử Nghiệm/CN=Có Dấu Thời Gian', { crlUrl: crlServer.url });
    const file = path.join(dir, 'stamped.pdf');
    await signPades(corpusFile('classic xref'), file, { fieldName: 'Chữ ký', rect: [0, 0, 0, 0], m: new Date('2020-01-01T00:00:00Z'), ...signer, tsaUrl: tsa.url });
    const signature = only(await verify(file));
    expect(signature.claimedSigningTime).toBe('2020-01-01T00:00:00.000Z');
    expect(signature.timestamp?.valid).toBe(true);
    expect(Math.abs(Date.parse(signature.timestamp!.time) - Date.now())).toBeLessThan(60_000);
    expect([signature.indication, signature.checks.validAtSigningTime]).toEqual(['TOTAL_PASSED', true]);
    // Without the time-stamp the same signature would be judged at /M, before the certificate existed.
    const unstamped = await signedBy(signer, new Date('2020-01-01T00:00:00Z'));
    expect(only(await verify(unstamped)).subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
  });

  it('accepts an adbe.pkcs7.detached signature made by another library (@signpdf over pdf-lib)', async () => {
    const signer = pki.issue('other-tool', '/C=VN/O=So Thu Nghiem/CN=Other Tool Signer', { crlUrl: crlServer.url });
    const p12 = path.join(dir, 'other-tool.p12');
    // PBE-SHA1-3DES: the form node-forge (inside @signpdf/signer-p12) reads.
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', path.join(dir, 'other-tool.key'), '-in', signer.certFile, '-certfile', pki.caFile,
      '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-passout', 'pass:test', '-out', p12]);
    const pdfDoc = await PDFDocument.load(await readFile(corpusFile('classic xref')));
    pdflibAddPlaceholder({ pdfDoc, reason: 'test', contactInfo: '', name: 'Other Tool Signer', location: '', widgetRect: [0, 0, 0, 0] });
    const placed = Buffer.from(await pdfDoc.save({ useObjectStreams: false }));
    const file = path.join(dir, 'other-tool.pdf');
    await writeFile(file, await new SignPdf().sign(placed, new P12Signer(await readFile(p12), { passphrase: 'test' })));
    const report = await verify(file);
    const signature = only(report);
    expect(signature.subFilter).toBe('adbe.pkcs7.detached');
    expect([signature.indication, signature.signer?.commonName, signature.revisions, signature.coversWholeDocument]).toEqual(['TOTAL_PASSED', 'Other Tool Signer', 1, true]);
    expectPdfsigAgrees(file, report);
  });

  it('asks the OCSP responder the certificate names: good passes, revoked fails', async () => {
    // The responder's URL must be in the certificates before it starts, and it reads its index once.
    const port = await reservePort();
    const ocspUrl = `http://127.0.0.1:${port}`;
    const good = pki.issue('ocsp-good', '/C=VN/O=Sở Thử Nghiệm/CN=OCSP Tốt', { ocspUrl });
    const bad = pki.issue('ocsp-revoked', '/C=VN/O=Sở Thử Nghiệm/CN=OCSP Thu Hồi', { ocspUrl });
    // After the CA was made (in beforeAll, seconds ago) and before the revocation.
    const beforeRevocation = new Date(Date.now() - 2000);
    pki.crl([bad]);
    const responder = await startOcspResponder(pki, port);
    try {
      const passed = only(await verify(await signedBy(good)));
      expect([passed.indication, passed.checks.revocation]).toEqual(['TOTAL_PASSED', 'good']);
      const revokedReport = only(await verify(await signedBy(bad, new Date(Date.now() + 5000))));
      expect([revokedReport.indication, revokedReport.subIndication, revokedReport.checks.revocation]).toEqual(['TOTAL_FAILED', 'REVOKED', 'revoked']);
      // Claimed before the revocation, with no time-stamp to prove it: DSS's REVOKED_NO_POE.
      const claimedEarlier = only(await verify(await signedBy(bad, beforeRevocation)));
      expect([claimedEarlier.indication, claimedEarlier.subIndication]).toEqual(['INDETERMINATE', 'REVOKED_NO_POE']);
    } finally {
      await responder.close();
    }
    // The responder gone and no CRL to fall back on: TRY_LATER.
    const offline = only(await verify(await signedBy(good)));
    expect([offline.subIndication, offline.checks.revocation]).toEqual(['TRY_LATER', 'unreachable']);
  });

  it('reports a file that is not a PDF as TOTAL_FAILED / FORMAT_FAILURE, and an unsigned PDF without indication', async () => {
    const junk = path.join(dir, 'junk.pdf');
    await writeFile(junk, 'not a pdf at all');
    const report = await verify(junk);
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(report.error).toMatch(/startxref/);
    const unsigned = await verify(corpusFile('classic xref'));
    expect([unsigned.indication, unsigned.signatures]).toEqual([null, []]);
  });
});

describe('loadTrustAnchors', () => {
  it('reads PEM and DER certificates from a folder and reports the bad files', async () => {
    const anchors = path.join(dir, 'anchors');
    await mkdir(anchors);
    await copyFile(pki.caFile, path.join(anchors, 'root.pem'));
    await writeFile(path.join(anchors, 'root.der'), pki.caDer);
    await writeFile(path.join(anchors, 'notes.txt'), 'not a certificate');
    const bad: string[] = [];
    const loaded = await loadTrustAnchors(anchors, (file) => bad.push(path.basename(file)));
    expect(loaded.map((der) => Buffer.from(der).equals(Buffer.from(pki.caDer)))).toEqual([true, true]);
    expect(bad).toEqual(['notes.txt']);
  });
});
