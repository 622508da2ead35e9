/**
 * PDFs made outside VanThu, each checked by pdfsig and openssl (found without VanThu's reader)
 * and by VanThu's verifier: encrypted PDFs that open without a password, certified (DocMDP) and
 * field-locked (FieldMDP) ones, and another agency's signed document signed again by VanThu.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfVerification, SignatureReport } from '../../../shared/api/verification.js';
import { startCrlServer, type CrlServer } from '../../../test/pdf-corpus/crl-server.js';
import { issueDocument } from '../../../test/pdf-corpus/issue-flow.js';
import { addComment, appendBlankPage, setFieldValue } from '../../../test/pdf-corpus/tamper.js';
import { makeTestPki, type TestPki, type TestSigner } from '../../../test/pdf-corpus/test-pki.js';
import {
  encryptWithQpdf, NOTE_FIELD_NAME, opensslValid, OTHER_FIELD_NAME, otherToolForm, pdfsigValid, pkcs12Of, signWithOpenssl, signWithSignpdf, type OtherToolForm, type QpdfCipher,
} from '../../../test/pdf-corpus/third-party.js';
import { ModificationRefusedError, refusalFor } from '../signing/pdf/modification-guard.js';
import { EncryptedPdfError } from '../pdf/pdf-reader.js';
import { signPdf } from '../signing/pdf/sign-pdf.js';
import { addTextFields } from '../signing/pdf/text-fields.js';
import { httpRevocationChecker, verifyPdf } from './index.js';

let dir: string;
let pki: TestPki;
let crlServer: CrlServer;
let otherAgency: { p12: string };
let vanthu: { leader: TestSigner; agency: TestSigner };
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-third-party-'));
  crlServer = await startCrlServer();
  pki = makeTestPki(dir, { crlUrl: crlServer.url });
  const other = pki.issue('other-agency', '/C=VN/O=Sở Y tế tỉnh Khác/CN=Sở Y tế tỉnh Khác', { crlUrl: crlServer.url });
  otherAgency = { p12: pkcs12Of(pki, 'other-agency', other.certFile) };
  vanthu = {
    leader: pki.issue('vn-leader', '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Nguyễn Văn Lãnh Đạo', { crlUrl: crlServer.url }),
    agency: pki.issue('vn-agency', '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Ủy ban nhân dân tỉnh Thử Nghiệm', { crlUrl: crlServer.url }),
  };
  crlServer.crl = pki.crl();
}, 60_000);

afterAll(async () => {
  await crlServer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function verify(file: string): Promise<PdfVerification> {
  return verifyPdf(file, { name: path.basename(file), trustAnchors: [pki.caDer], revocation: httpRevocationChecker({ timeoutMs: 2000 }) });
}

/** The other agency's form, signed by @signpdf; `encrypt` runs qpdf between the placeholder and the signature. */
async function signedByOtherTool(form: Omit<OtherToolForm, 'm'>, encrypt?: (input: string, output: string) => void): Promise<string> {
  const base = path.join(dir, `other-${++counter}`);
  await writeFile(`${base}-form.pdf`, otherToolForm({ ...form, m: new Date() }));
  let placeholder = `${base}-form.pdf`;
  if (encrypt) {
    encrypt(placeholder, `${base}-encrypted.pdf`);
    placeholder = `${base}-encrypted.pdf`;
  }
  await signWithSignpdf(placeholder, `${base}.pdf`, otherAgency.p12);
  return `${base}.pdf`;
}

/** pdfsig and openssl must find each signature's bytes intact exactly where VanThu does (`pdfsig`: where poppler is known to differ). */
async function expectIndependentVerdicts(file: string, report: PdfVerification, expected: boolean[], pdfsig = expected): Promise<void> {
  const ours = report.signatures.map((signature) => signature.checks.integrity === true && signature.checks.cryptographic === true);
  expect(ours).toEqual(expected);
  expect(pdfsigValid(file)).toEqual(pdfsig);
  const work = await mkdtemp(path.join(dir, 'openssl-'));
  expect(await opensslValid(file, pki.caFile, work)).toEqual(expected);
}

function changes(signature: SignatureReport): string[] {
  return signature.changesAfter.map((change) => `${change.kind} ${change.allowed ? 'allowed' : `forbidden by ${change.forbiddenBy}`}`);
}

async function copyOf(file: string): Promise<string> {
  const copy = path.join(dir, `copy-${++counter}.pdf`);
  await copyFile(file, copy);
  return copy;
}

/** A VanThu signature; the signer callback counts its calls: the token is never reached when signing is refused. */
async function signByVanThu(file: string, output: string): Promise<{ tokenCalls: number; error: unknown }> {
  let tokenCalls = 0;
  const { certificates, signer } = vanthu.agency;
  const error = await signPdf(file, output, {
    fieldName: 'Cơ quan ký', rect: [0, 0, 0, 0], m: new Date(), certificates,
    signer: (data) => {
      tokenCalls++;
      return signer(data);
    },
  }).then(() => null, (failure: unknown) => failure);
  return { tokenCalls, error };
}

describe('encrypted PDFs that open without a password', () => {
  it.each<[QpdfCipher, boolean]>([
    ['rc4-40', false],
    ['rc4-128', false],
    ['aes-128', false],
    ['aes-256', false],
    ['aes-128', true],
    ['aes-256', true],
  ])('%s (object streams: %s): verified as pdfsig and openssl do, the strings decrypted', async (cipher, objectStreams) => {
    const file = await signedByOtherTool({}, (input, output) => encryptWithQpdf(input, output, cipher, { objectStreams }));
    expect((await readFile(file)).includes('/Encrypt')).toBe(true);
    const report = await verify(file);
    expect(report.error).toBeNull();
    const [signature] = report.signatures as [SignatureReport];
    expect([report.signatures.length, signature.indication, signature.subIndication]).toEqual([1, 'TOTAL_PASSED', null]);
    // The field name (UTF-16BE) and /M are encrypted strings: read right only when decrypted.
    expect(signature.fieldName).toBe(OTHER_FIELD_NAME);
    expect(Math.abs(Date.parse(signature.claimedSigningTime!) - Date.now())).toBeLessThan(120_000);
    expect([signature.signer?.commonName, signature.changesAfter]).toEqual(['Sở Y tế tỉnh Khác', []]);
    await expectIndependentVerdicts(file, report, [true]);
  });

  it('fails with HASH_FAILURE when a signed byte of an encrypted file is changed, as pdfsig and openssl do', async () => {
    const file = await signedByOtherTool({}, (input, output) => encryptWithQpdf(input, output, 'aes-256'));
    const bytes = await readFile(file);
    // Inside the encrypted content stream: the ciphertext no longer matches the signed digest.
    const at = bytes.indexOf('stream\n', bytes.indexOf('/Length')) + 20;
    bytes[at] = bytes[at]! ^ 0xff;
    await writeFile(file, bytes);
    const report = await verify(file);
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
    await expectIndependentVerdicts(file, report, [false]);
  });

  it('reports a PDF that needs a password as unreadable, with the reason', async () => {
    const source = path.join(dir, 'password-source.pdf');
    await writeFile(source, otherToolForm({ m: new Date() }));
    const file = path.join(dir, 'password.pdf');
    encryptWithQpdf(source, file, 'aes-256', { userPassword: 'secret' });
    const report = await verify(file);
    expect([report.indication, report.subIndication, report.signatures]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE', []]);
    expect(report.error).toMatch(/needs a password/);
  });

  it('is refused for signing before the token is used', async () => {
    const file = await signedByOtherTool({}, (input, output) => encryptWithQpdf(input, output, 'aes-128'));
    expect((await refusalFor(file, ['sign']))?.code).toBe('encrypted');
    const attempt = await signByVanThu(file, path.join(dir, 'never.pdf'));
    expect(attempt.error).toBeInstanceOf(EncryptedPdfError);
    expect(attempt.tokenCalls).toBe(0);
  });
});

describe('certification (DocMDP) and field locks (FieldMDP)', () => {
  it('P=1: the certification passes; signing is refused before the token is used; a later change fails it', async () => {
    const file = await signedByOtherTool({ certify: 1 });
    const report = await verify(file);
    expect([report.indication, report.signatures[0]!.certification]).toEqual(['TOTAL_PASSED', 1]);
    await expectIndependentVerdicts(file, report, [true]);

    expect((await refusalFor(file, ['sign']))?.code).toBe('certified_no_changes');
    const attempt = await signByVanThu(file, path.join(dir, 'never.pdf'));
    expect(attempt.error).toBeInstanceOf(ModificationRefusedError);
    expect(attempt.tokenCalls).toBe(0);

    // Filling a field anyway (another tool would): pdfsig and openssl see intact bytes, the certification forbids it.
    const filled = await copyOf(file);
    await setFieldValue(filled, NOTE_FIELD_NAME, 'sua sau khi chung thuc');
    const after = await verify(filled);
    expect([after.indication, after.subIndication]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(changes(after.signatures[0]!)).toEqual(['form_fill forbidden by certification']);
    await expectIndependentVerdicts(filled, after, [true]);
  });

  it('P=2: another signature and form filling are allowed, a comment or a new field is not', async () => {
    const file = await signedByOtherTool({ certify: 2 });
    const signed = path.join(dir, 'certified-2-signed.pdf');
    expect(await signByVanThu(file, signed)).toEqual({ tokenCalls: 1, error: null });
    await setFieldValue(signed, NOTE_FIELD_NAME, 'dien sau khi ky');
    const report = await verify(signed);
    expect(report.signatures.map((signature) => [signature.indication, signature.certification])).toEqual([['TOTAL_PASSED', 2], ['TOTAL_PASSED', null]]);
    expect(changes(report.signatures[0]!)).toEqual(['signature allowed', 'form_fill allowed']);
    await expectIndependentVerdicts(signed, report, [true, true]);

    expect((await refusalFor(file, ['add_fields']))?.code).toBe('certified_no_new_fields');
    await expect(addTextFields(await copyOf(file), [{ name: 'Số', rect: [72, 700, 250, 720] }])).rejects.toBeInstanceOf(ModificationRefusedError);

    const commented = await copyOf(signed);
    await addComment(commented, 'Ý kiến sau khi ký');
    const after = await verify(commented);
    const [certification, approval] = after.signatures as [SignatureReport, SignatureReport];
    expect([certification.indication, certification.subIndication]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(changes(certification).at(-1)).toBe('annotation forbidden by certification');
    // The approval signature sets no limit of its own: the comment is a change it reports, not a failure.
    expect([approval.indication, changes(approval)]).toEqual(['TOTAL_PASSED', ['form_fill allowed', 'annotation allowed']]);
    await expectIndependentVerdicts(commented, after, [true, true]);
  });

  it('P=3: comments and new fields are allowed too', async () => {
    const file = await signedByOtherTool({ certify: 3 });
    const changed = await copyOf(file);
    await addComment(changed, 'Ý kiến');
    await addTextFields(changed, [{ name: 'Số', rect: [72, 700, 250, 720] }]);
    const report = await verify(changed);
    expect([report.indication, report.signatures[0]!.certification]).toEqual(['TOTAL_PASSED', 3]);
    expect(changes(report.signatures[0]!)).toEqual(['annotation allowed', 'form_field allowed']);
    await expectIndependentVerdicts(changed, report, [true]);
    await expect(appendBlankPage(changed).then(() => verify(changed))).resolves.toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });

  it('a field lock (/Lock /All) forbids changing the fields it saw, not those added after it', async () => {
    const file = await signedByOtherTool({ lockAll: true });
    const locked = await copyOf(file);
    await setFieldValue(locked, NOTE_FIELD_NAME, 'sua truong da khoa');
    const report = await verify(locked);
    expect([report.indication, report.subIndication, changes(report.signatures[0]!)]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE', ['form_fill forbidden by field_lock']]);

    const added = await copyOf(file);
    await addTextFields(added, [{ name: 'Số', rect: [72, 700, 250, 720] }]);
    await setFieldValue(added, 'Số', '05/QĐ-UBND');
    expect(changes((await verify(added)).signatures[0]!)).toEqual(['form_field allowed', 'form_fill allowed']);
    await expectIndependentVerdicts(added, await verify(added), [true]);
  });
});

describe('CMS made by openssl', () => {
  it.each([
    ['ECDSA P-256', 'ec', true, {}],
    ['RSA-PSS', 'rsa', true, { pss: true }],
    // poppler cuts /Contents at its zero padding by the DER length, which BER's indefinite length lacks: pdfsig says "Digest Mismatch".
    ['BER with indefinite lengths (streamed)', 'rsa', false, { streamed: true }],
  ] as const)('%s (%s key): verified as openssl does; pdfsig agrees: %s', async (_label, key, pdfsigReads, options) => {
    const id = `openssl-${key}-${++counter}`;
    const signer = pki.issue(id, `/C=VN/O=Sở Thử Nghiệm/CN=Ký bằng openssl ${counter}`, { crlUrl: crlServer.url, key });
    const form = path.join(dir, `${id}-form.pdf`);
    await writeFile(form, otherToolForm({ m: new Date() }));
    const file = path.join(dir, `${id}.pdf`);
    await signWithOpenssl(form, file, pki, id, signer.certFile, options);
    const report = await verify(file);
    expect([report.indication, report.signatures[0]?.signer?.commonName]).toEqual(['TOTAL_PASSED', `Ký bằng openssl ${counter}`]);
    await expectIndependentVerdicts(file, report, [true], [pdfsigReads]);
    // A signature value changed in the CMS (its last byte) must fail as pdfsig and openssl say.
    const bytes = await readFile(file);
    const contentsEnd = bytes.indexOf('>', bytes.indexOf('/Contents <')) - 1;
    const forged = path.join(dir, `${id}-forged.pdf`);
    const lastNonZero = bytes.subarray(0, contentsEnd).toString('latin1').search(/[1-9a-fA-F]0*$/);
    bytes[lastNonZero] = bytes[lastNonZero] === 0x31 ? 0x32 : 0x31;
    await writeFile(forged, bytes);
    const forgedReport = await verify(forged);
    expect([forgedReport.indication, forgedReport.subIndication]).toEqual(['TOTAL_FAILED', 'SIG_CRYPTO_FAILURE']);
    await expectIndependentVerdicts(forged, forgedReport, [false]);
  });
});

describe('another agency\'s signed document, signed again by VanThu (a copy, "sao y")', () => {
  it('every signature passes: the number and date fields, the leader and the agency are allowed changes after the first', async () => {
    const file = await signedByOtherTool({});
    const flowDir = path.join(dir, 'copy-flow');
    await mkdir(flowDir);
    const { issued } = await issueDocument(file, flowDir, vanthu, { m: new Date() });
    const report = await verify(issued);
    expect(report.signatures.map((signature) => [signature.signer?.commonName, signature.indication])).toEqual([
      ['Sở Y tế tỉnh Khác', 'TOTAL_PASSED'],
      ['Nguyễn Văn Lãnh Đạo', 'TOTAL_PASSED'],
      ['Ủy ban nhân dân tỉnh Thử Nghiệm', 'TOTAL_PASSED'],
    ]);
    expect(changes(report.signatures[0]!)).toEqual(['form_field allowed', 'form_field allowed', 'signature allowed', 'form_fill allowed', 'form_fill allowed', 'signature allowed']);
    expect(report.indication).toBe('TOTAL_PASSED');
    await expectIndependentVerdicts(issued, report, [true, true, true]);
  });
});
