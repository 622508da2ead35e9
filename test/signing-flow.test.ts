/**
 * The signing flow end to end on the real core and real SoftHSM2 tokens (through the built
 * signer process): trình ký → the leader signs (a wrong PIN first) → number and agency
 * signature → pdfsig accepts both signatures → sent to another agency, which receives the
 * signed PDF byte for byte.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { fieldName } from '../electron/core/pdf/acro-form.js';
import { PdfStream, type PdfValue } from '../electron/core/pdf/objects.js';
import { PdfReader } from '../electron/core/pdf/pdf-reader.js';
import { readSignatures } from '../electron/core/pdf/signatures.js';
import { SIGNATURE_TIMESTAMP_TOKEN_OID, signatureValue } from '../electron/core/signing/timestamp/rfc3161.js';
import { startAgency, type TestAgency } from './agency-harness.js';
import { startLocalTsa, type LocalTsa } from './local-tsa.js';
import { buildDecree30Pdf, type Decree30Options, type Decree30Parts } from './decree30-pdf.js';
import { boundsOf, countIn, isBlue, isGreen, isRed, pageWords, renderPage } from './page-pixels.js';
import { expectNumberInHeader, expectSignerBlock } from './placement-checks.js';
import { formValues } from './pdf-tools.js';
import { makeTestTokens, testCertificate, type Manifest } from './tokens.js';
import { makeTestPki } from './pdf-corpus/test-pki.js';
import { encryptWithQpdf, otherToolForm, pkcs12Of, signWithSignpdf } from './pdf-corpus/third-party.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
let axis: TemporaryAxis;
let A: TestAgency;
let B: TestAgency;
let manifest: Manifest;
/** A decision laid out as Decree 30 does (test/decree30-pdf.ts), and where its parts are. */
let pdf: Uint8Array<ArrayBuffer>;
let parts: Decree30Parts;
/** A PDF without a Decree 30 header: its boxes must be placed by the clerk. */
let sample: Uint8Array<ArrayBuffer>;
let tsa: LocalTsa;
let tsaDir: string | undefined;

beforeAll(async () => {
  manifest = await makeTestTokens();
  axis = await startTemporaryAxis();
  A = await startAgency(axis.server.url, axis.agencies[0]!, { signerEnv: { SOFTHSM2_CONF: manifest.conf } });
  B = await startAgency(axis.server.url, axis.agencies[1]!);
  sample = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
  tsaDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-flow-tsa-'));
  [pdf, parts] = await decision(tsaDir, 'decision', {});
  tsa = await startLocalTsa(tsaDir);
}, 60_000);

afterAll(async () => {
  await tsa?.close();
  if (tsaDir) await rm(tsaDir, { recursive: true, force: true });
  await A?.close();
  await B?.close();
  await axis?.dispose();
});

function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    // pdfsig exits non-zero when the (test) CA is not trusted; the report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

async function decision(dir: string, name: string, options: Decree30Options): Promise<[Uint8Array<ArrayBuffer>, Decree30Parts]> {
  const file = path.join(dir, `${name}.pdf`);
  const built = await buildDecree30Pdf(file, options);
  return [new Uint8Array(await readFile(file)), built];
}

async function draftWithPdf(agency: TestAgency, subject: string, bytes = pdf, typeName = 'Quyết định') {
  const draft = await agency.call('drafts.create', { subject, summary: '' });
  await agency.call('drafts.update', {
    id: draft.id,
    fields: { codeNotation: 'QĐ-UBND', typeName, signerFullName: 'Nguyễn Văn An', signerCompetence: 'KT.', signerPosition: 'PHÓ CHỦ TỊCH', place: 'Hà Nội' },
  });
  await agency.call('attachments.add', { documentId: draft.id, name: 'quyet-dinh.pdf', contentType: 'application/pdf', bytes });
  return draft.id;
}

/** A PNG of one colour, its left half transparent (as a signature on a clear background). */
function twoHalvesPng(width: number, height: number, [r, g, b]: [number, number, number]): Uint8Array<ArrayBuffer> {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([r, g, b, i % width < width / 2 ? 0 : 255], i * 4);
  return new Uint8Array(PNG.sync.write(png));
}

/** The decoded RGB samples of the image XObject that the signature field's appearance draws. */
async function appearanceImageRgb(file: string, field: string): Promise<Buffer> {
  const reader = await PdfReader.open(file);
  try {
    const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
    const acroForm = await reader.resolveDict(catalog.get('AcroForm'), '/AcroForm');
    for (const ref of (await reader.resolve(acroForm.get('Fields'))) as PdfValue[]) {
      const widget = await reader.resolveDict(ref, 'field');
      if (fieldName(widget) !== field) continue;
      const normal = await reader.resolve((await reader.resolveDict(widget.get('AP'), '/AP')).get('N'));
      if (!(normal instanceof PdfStream)) throw new Error('no appearance stream');
      const xObjects = await reader.resolveDict((await reader.resolveDict(normal.dict.get('Resources'), '/Resources')).get('XObject'), '/XObject');
      const image = await reader.resolve(xObjects.get('Im1'));
      if (!(image instanceof PdfStream)) throw new Error('no image in the appearance');
      return await reader.readStreamData(image);
    }
    throw new Error(`no field ${field}`);
  } finally {
    await reader.close();
  }
}

const rgbOf = (png: Uint8Array) => {
  const { data } = PNG.sync.read(Buffer.from(png));
  return Buffer.from(data.filter((_, i) => i % 4 !== 3));
};

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { body: { code: string; fields?: Record<string, string> } }) => error.body);

describe('signing flow', () => {
  it('submits, signs as leader (wrong PIN first), numbers and signs as agency, then sends the signed PDF', async () => {
    const settings = await A.call('signing.setModule', { module: manifest.module });
    expect(settings).toMatchObject({ module: manifest.module, source: 'setting' });

    const tokens = await A.call('signing.listTokens', {});
    const leaderToken = tokens.find((token) => token.label === 'LEADER')!;
    const agencyToken = tokens.find((token) => token.label === 'AGENCY')!;
    const leader = leaderToken.certificates.find((c) => c.id === testCertificate(manifest, 'leader').id)!;
    expect(leader).toMatchObject({ holderName: 'Nguyễn Văn An', usable: true, reason: null });
    const expired = tokens.flatMap((token) => token.certificates).find((c) => c.id === testCertificate(manifest, 'expired').id);
    expect(expired).toMatchObject({ usable: false, reason: 'expired_certificate' });
    const agency = agencyToken.certificates.find((c) => c.id === testCertificate(manifest, 'agency').id)!;

    const id = await draftWithPdf(A, 'Quyết định ban hành quy chế');
    // Separate files of the same document: the agency signs the PDF one, the others stay as they are.
    await A.call('attachments.add', { documentId: id, name: 'phu-luc.pdf', contentType: 'application/pdf', bytes: sample });
    await A.call('attachments.add', { documentId: id, name: 'ghi-chu.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('ghi chú') });
    const original = (await A.call('documents.get', { id })).attachments[0]!;
    const [, appendix, note] = (await A.call('documents.get', { id })).attachments;
    const submitted = await A.call('documents.submitForSigning', { id });
    expect(submitted.signingState).toBe('awaiting_leader');
    expect(submitted.attachments[0]!.id).toBe(original.id);
    expect(submitted.attachments[0]!.sha256).not.toBe(original.sha256);
    // What the leader signs can no longer change, and it cannot leave unsigned.
    expect(await failureOf(A.call('drafts.update', { id, fields: { subject: 'Khác' } }))).toMatchObject({ code: 'conflict' });
    expect(await failureOf(A.call('documents.send', { id, recipients: [B.code] }))).toMatchObject({ code: 'conflict' });

    const wrong = await failureOf(A.call('documents.signAsLeader', { id, slot: leaderToken.slot, certificateId: leader.id, pin: '0000' }));
    expect(wrong).toMatchObject({ code: 'invalid_input', fields: { token: 'wrong_pin', pin: expect.stringMatching(/Wrong PIN: .*tries/) } });
    const signed = await A.call('documents.signAsLeader', { id, slot: leaderToken.slot, certificateId: leader.id, pin: testCertificate(manifest, 'leader').token.userPin });
    expect(signed.signingState).toBe('leader_signed');

    const issued = await A.call('documents.numberAndSignAsAgency', { id, slot: agencyToken.slot, certificateId: agency.id, pin: testCertificate(manifest, 'agency').token.userPin });
    expect(issued.signingState).toBe('agency_signed');
    expect(issued.metadata.codeNumber).toBe('01');
    expect(issued.metadata.promulgationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const dir = await tempDir();
    const file = path.join(dir, 'issued.pdf');
    const issuedBytes = await A.file(await A.call('attachments.open', { attachmentId: original.id, purpose: 'save' }));
    await writeFile(file, issuedBytes);
    const report = pdfsig(file);
    expect(report.match(/Signature #\d/g)).toEqual(['Signature #1', 'Signature #2']);
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    const [, second] = report.split('Signature #2');
    expect(second).toContain('Total document signed');
    expect(report.split('Signature #2')[0]).not.toContain('Total document signed');
    const [day, month, year] = [issued.metadata.promulgationDate!.slice(8), issued.metadata.promulgationDate!.slice(5, 7), issued.metadata.promulgationDate!.slice(0, 4)];
    // The draft prints "/QĐ-UBND" after the blank: the field holds the number alone, set against it.
    expect(formValues(file)).toMatchObject({ 'Số': '01', 'Ngày': `Hà Nội, ngày ${day} tháng ${month} năm ${year}` });

    // The visible signatures where the document's layout puts them: the number in the header, the
    // leader's blue image between title and name, the agency's red seal over its left third, the
    // seal's text (in the embedded font) clear of both.
    const results = fileURLToPath(new URL('../test-results/signing/', import.meta.url));
    await mkdir(results, { recursive: true });
    const page = await renderPage(file, 1, path.join(results, 'issued-page1'));
    const words = pageWords(file, 1);
    expectNumberInHeader(words, parts, true, '01');
    expectSignerBlock(page, words, parts);
    expect(countIn(page, parts.header, isRed) + countIn(page, parts.body, isRed)).toBe(0);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(agency.holderOrganization!);
    expect(text).toContain('vanthu@nghean.gov.vn');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \+07:00/);

    // The PDF attachment: the agency's text-only signature at the top right of page 1.
    const appendixFile = path.join(dir, 'phu-luc.pdf');
    await writeFile(appendixFile, await A.file(await A.call('attachments.open', { attachmentId: appendix!.id, purpose: 'save' })));
    const appendixReport = pdfsig(appendixFile);
    expect(appendixReport.match(/Signature #\d/g)).toEqual(['Signature #1']);
    expect(appendixReport).toContain('Signature Validation: Signature is Valid.');
    expect(appendixReport).toContain('Total document signed');
    const topRight = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-x', '300', '-y', '0', '-W', '413', '-H', '120', '-r', '72', appendixFile, '-'], { encoding: 'utf8' });
    expect(topRight).toContain('01/QĐ-UBND');
    expect(topRight).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
    const noteAfter = (await A.call('documents.get', { id })).attachments.find((attachment) => attachment.id === note!.id)!;
    expect(noteAfter.sha256).toBe(note!.sha256);

    const db = new Database(A.core.databaseFile, { readonly: true });
    const audit = db.prepare("SELECT action, details FROM audit_log WHERE subject = ? AND action LIKE 'document.%' ORDER BY seq").all(`document:${id}`) as { action: string; details: string }[];
    const versions = db.prepare('SELECT version, step FROM attachment_versions WHERE attachment_id = ? ORDER BY version').all(original.id);
    db.close();
    expect(audit.map((row) => row.action)).toEqual(['document.sign.submit', 'document.sign.leader', 'document.number', 'document.fields.fill', 'document.sign.agency']);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ holder: expect.stringContaining('Nguyễn Văn An'), serialNumber: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(audit.some((row) => row.details.includes(testCertificate(manifest, 'leader').token.userPin))).toBe(false);
    expect(versions).toEqual([
      { version: 1, step: 'original' },
      { version: 2, step: 'fields' },
      { version: 3, step: 'leader' },
      { version: 4, step: 'agency' },
    ]);

    await A.call('documents.send', { id, recipients: [B.code] });
    await A.sync();
    await B.sync();
    const { rows } = await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 });
    const received = await B.call('documents.get', { id: rows.find((row) => row.subject === 'Quyết định ban hành quy chế')!.id });
    expect(received.codeNumber).toBe('01');
    const pdfAttachment = received.attachments.find((attachment) => attachment.name === 'quyet-dinh.pdf')!;
    const receivedBytes = await B.file(await B.call('attachments.open', { attachmentId: pdfAttachment.id, purpose: 'save' }));
    expect(Buffer.from(receivedBytes).equals(Buffer.from(issuedBytes))).toBe(true);
  }, 120_000);

  it('signs both signatures B-T when a TSA is set; a failing TSA signs nothing', async () => {
    await A.call('signing.setModule', { module: manifest.module });
    expect(await A.call('signing.setTsa', { url: tsa.url })).toMatchObject({ tsaUrl: tsa.url });
    expect(await A.call('signing.getSettings', {})).toMatchObject({ tsaUrl: tsa.url });
    expect(await failureOf(A.call('signing.setTsa', { url: 'ftp://tsa.example.vn' }))).toMatchObject({ code: 'invalid_input' });
    const tokens = await A.call('signing.listTokens', {});
    const leaderToken = tokens.find((token) => token.label === 'LEADER')!;
    const agencyToken = tokens.find((token) => token.label === 'AGENCY')!;
    const id = await draftWithPdf(A, 'Quyết định có dấu thời gian');
    const leader = { id, slot: leaderToken.slot, certificateId: testCertificate(manifest, 'leader').id, pin: testCertificate(manifest, 'leader').token.userPin };
    const agency = { id, slot: agencyToken.slot, certificateId: testCertificate(manifest, 'agency').id, pin: testCertificate(manifest, 'agency').token.userPin };
    // SoftHSM2 never sets CKF_USER_PIN_FINAL_TRY: the confirmation rule has its unit test (final-try.test.ts).
    expect(leaderToken.pinFinalTry).toBe(false);

    await A.call('documents.submitForSigning', { id });
    const before = await A.call('documents.get', { id });
    const versionsOf = (attachmentId: number) => {
      const db = new Database(A.core.databaseFile, { readonly: true });
      try {
        return db.prepare('SELECT version, step FROM attachment_versions WHERE attachment_id = ? ORDER BY version').all(attachmentId);
      } finally {
        db.close();
      }
    };
    const versionsBefore = versionsOf(before.attachments[0]!.id);

    // An unreachable TSA, then one that answers HTTP 503: 'unavailable', and the document as it was.
    await A.call('signing.setTsa', { url: 'http://127.0.0.1:1/tsa' });
    expect(await failureOf(A.call('documents.signAsLeader', leader))).toMatchObject({ code: 'unavailable', fields: { tsa: expect.stringMatching(/could not be reached/) } });
    await A.call('signing.setTsa', { url: tsa.url });
    tsa.failNext = 503;
    expect(await failureOf(A.call('documents.signAsLeader', leader))).toMatchObject({ code: 'unavailable', fields: { tsa: expect.stringMatching(/HTTP 503/) } });
    const unchanged = await A.call('documents.get', { id });
    expect(unchanged.signingState).toBe('awaiting_leader');
    expect(unchanged.attachments[0]!.sha256).toBe(before.attachments[0]!.sha256);
    expect(versionsOf(before.attachments[0]!.id)).toEqual(versionsBefore);

    const requests = tsa.requests;
    expect((await A.call('documents.signAsLeader', leader)).signingState).toBe('leader_signed');
    const leaderSigned = (await A.call('documents.get', { id })).attachments[0]!.sha256;
    // The agency step with a failing TSA: the number stays taken (no gap in the register, as for a
    // wrong PIN), but no signature and no new version is stored.
    tsa.failNext = 503;
    expect(await failureOf(A.call('documents.numberAndSignAsAgency', agency))).toMatchObject({ code: 'unavailable' });
    const afterFailure = await A.call('documents.get', { id });
    expect(afterFailure.signingState).toBe('numbered');
    expect(afterFailure.attachments[0]!.sha256).toBe(leaderSigned);
    expect((await A.call('documents.numberAndSignAsAgency', agency)).signingState).toBe('agency_signed');
    expect(tsa.requests).toBe(requests + 2);
    expect(versionsOf(before.attachments[0]!.id).map((row) => (row as { step: string }).step)).toEqual(['original', 'fields', 'leader', 'agency']);

    const dir = await tempDir();
    const file = path.join(dir, 'bt.pdf');
    await writeFile(file, await A.file(await A.call('attachments.open', { attachmentId: before.attachments[0]!.id, purpose: 'save' })));
    const report = pdfsig(file);
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(report.split('Signature #2')[1]).toContain('Total document signed');

    const signatures = await readSignatures(file);
    expect(signatures).toHaveLength(2);
    for (const [index, signature] of signatures.entries()) {
      const cms = signature.contents.subarray(0, asn1js.fromBER(signature.contents).offset);
      const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content });
      const attribute = signedData.signerInfos[0]!.unsignedAttrs?.attributes.find((candidate) => candidate.type === SIGNATURE_TIMESTAMP_TOKEN_OID);
      expect(attribute, `signature ${index + 1}: id-aa-signatureTimeStampToken`).toBeDefined();
      const tokenFile = path.join(dir, `token-${index}.der`);
      const dataFile = path.join(dir, `value-${index}.bin`);
      await writeFile(tokenFile, new Uint8Array(attribute!.values[0]!.toBER()));
      await writeFile(dataFile, signatureValue(cms));
      const verified = execFileSync('openssl', ['ts', '-verify', '-in', tokenFile, '-token_in', '-data', dataFile, '-CAfile', tsa.caFile], { encoding: 'utf8', stdio: 'pipe' });
      expect(verified).toContain('Verification: OK');
    }
    await A.call('signing.setTsa', { url: null });
    expect(await A.call('signing.getSettings', {})).toMatchObject({ tsaUrl: null });
  }, 120_000);

  it('refuses Trình ký before any PIN for an encrypted PDF or one whose certification forbids it, naming the file', async () => {
    const dir = await tempDir();
    const pki = makeTestPki(dir);
    const p12 = pkcs12Of(pki, 'leader', pki.leader.certFile);
    const otherAgencys = async (form: { certify?: 1 | 2 }, encrypt: boolean): Promise<Uint8Array<ArrayBuffer>> => {
      const placeholder = path.join(dir, 'form.pdf');
      await writeFile(placeholder, otherToolForm({ ...form, m: new Date() }));
      if (encrypt) encryptWithQpdf(placeholder, path.join(dir, 'encrypted.pdf'), 'aes-256');
      await signWithSignpdf(encrypt ? path.join(dir, 'encrypted.pdf') : placeholder, path.join(dir, 'signed.pdf'), p12);
      return new Uint8Array(await readFile(path.join(dir, 'signed.pdf')));
    };
    const cases = [
      { main: await otherAgencys({ certify: 1 }, false), annex: null, refusal: { pdf: 'certified_no_changes', file: 'quyet-dinh.pdf' } },
      { main: await otherAgencys({ certify: 2 }, false), annex: null, refusal: { pdf: 'certified_no_new_fields', file: 'quyet-dinh.pdf' } },
      { main: pdf, annex: await otherAgencys({}, true), refusal: { pdf: 'encrypted', file: 'phu-luc.pdf' } },
    ];
    for (const { main, annex, refusal } of cases) {
      const draft = await A.call('drafts.create', { subject: `Văn bản không ký được (${refusal.pdf})`, summary: '' });
      await A.call('attachments.add', { documentId: draft.id, name: 'quyet-dinh.pdf', contentType: 'application/pdf', bytes: main });
      if (annex) await A.call('attachments.add', { documentId: draft.id, name: 'phu-luc.pdf', contentType: 'application/pdf', bytes: annex });
      const before = await A.call('documents.get', { id: draft.id });
      expect(await failureOf(A.call('documents.submitForSigning', { id: draft.id }))).toMatchObject({ code: 'conflict', fields: refusal });
      const after = await A.call('documents.get', { id: draft.id });
      expect([after.signingState, after.attachments.map((attachment) => attachment.sha256)]).toEqual(['none', before.attachments.map((attachment) => attachment.sha256)]);
    }
  });

  it('offers the leader step personal certificates only and the agency step the organisation’s, refusing the other kind before the PIN is used', async () => {
    await A.call('signing.setModule', { module: manifest.module });
    const tokens = await A.call('signing.listTokens', {});
    const certificateOf = (name: 'leader' | 'agency') => tokens.flatMap((token) => token.certificates.map((certificate) => ({ slot: token.slot, certificate }))).find((entry) => entry.certificate.id === testCertificate(manifest, name).id)!;
    const leader = certificateOf('leader');
    const agency = certificateOf('agency');
    expect(leader.certificate.kind).toEqual({ kind: 'person', source: 'subject', subjectKind: 'person', marker: 'title' });
    expect(agency.certificate.kind).toEqual({ kind: 'organization', source: 'subject', subjectKind: 'organization', marker: 'O=CN' });

    const id = await draftWithPdf(A, 'Quyết định ký nhầm chứng thư');
    await A.call('documents.submitForSigning', { id });
    const agencyPin = testCertificate(manifest, 'agency').token.userPin;
    const leaderPin = testCertificate(manifest, 'leader').token.userPin;
    expect(await failureOf(A.call('documents.signAsLeader', { id, slot: agency.slot, certificateId: agency.certificate.id, pin: agencyPin }))).toMatchObject({ code: 'conflict', fields: { certificateKind: 'person' } });
    expect((await A.call('documents.get', { id })).signingState).toBe('awaiting_leader');
    await A.call('documents.signAsLeader', { id, slot: leader.slot, certificateId: leader.certificate.id, pin: leaderPin });
    expect(await failureOf(A.call('documents.numberAndSignAsAgency', { id, slot: leader.slot, certificateId: leader.certificate.id, pin: leaderPin }))).toMatchObject({ code: 'conflict', fields: { certificateKind: 'organization' } });
    // Refused before a number was taken: the register has no gap.
    expect(await A.call('documents.get', { id })).toMatchObject({ signingState: 'leader_signed', codeNumber: '' });

    // IT sets a certificate's kind where its subject says otherwise; null gives the subject the say again.
    await A.call('signing.setCertificateKind', { certificateSha256: agency.certificate.sha256, kind: 'person' });
    const overridden = (await A.call('signing.listTokens', {})).flatMap((token) => token.certificates).find((c) => c.id === agency.certificate.id)!;
    expect(overridden.kind).toMatchObject({ kind: 'person', source: 'setting', subjectKind: 'organization' });
    await A.call('signing.setCertificateKind', { certificateSha256: agency.certificate.sha256, kind: null });
    expect((await A.call('signing.listTokens', {})).flatMap((token) => token.certificates).find((c) => c.id === agency.certificate.id)!.kind.source).toBe('subject');
  });

  it('refuses to send a draft that was never signed (no AllowUnsignedSending policy), and takes no number', async () => {
    const id = await draftWithPdf(A, 'Công văn chưa ký số');
    expect(await failureOf(A.call('documents.send', { id, recipients: [B.code] }))).toMatchObject({ code: 'conflict', fields: { signing: 'required' } });
    expect(await A.call('documents.get', { id })).toMatchObject({ direction: 'draft', signingState: 'none', codeNumber: '' });
  });

  it("draws the signer certificate's own image over this computer's default; the seal and its size from Settings", async () => {
    await A.call('signing.setModule', { module: manifest.module });
    await A.call('signing.setTsa', { url: null });
    const tokens = await A.call('signing.listTokens', {});
    const leaderToken = tokens.find((token) => token.label === 'LEADER')!;
    const agencyToken = tokens.find((token) => token.label === 'AGENCY')!;
    const leaderTest = testCertificate(manifest, 'leader');
    const leader = leaderToken.certificates.find((c) => c.id === leaderTest.id)!;
    const leaderDer = new X509Certificate(await readFile(leaderTest.certificate)).raw;
    expect(leader.sha256).toBe(createHash('sha256').update(leaderDer).digest('hex'));

    const green = twoHalvesPng(120, 40, [0, 170, 0]);
    const magenta = twoHalvesPng(120, 40, [200, 0, 200]);
    const seal = twoHalvesPng(50, 50, [220, 0, 0]);
    await A.call('signing.setImage', { kind: 'signature', png: magenta });
    const settings = await A.call('signing.setImage', { kind: 'signature', certificateSha256: leader.sha256, holder: leader.holderName!, png: green });
    expect(settings.images.certificates).toEqual([
      { certificateSha256: leader.sha256, holder: 'Nguyễn Văn An', image: { sha256: createHash('sha256').update(green).digest('hex'), size: green.length, width: 120, height: 40, transparent: true } },
    ]);
    expect(settings.images.signature).toMatchObject({ width: 120, transparent: true });
    await A.call('signing.setImage', { kind: 'seal', png: seal });
    expect(await A.call('signing.setSealDiameter', { mm: 30 })).toMatchObject({ sealDiameterMm: 30, images: { seal: { width: 50, height: 50 } } });

    // The fallback as the preview shows it: this certificate's, another's (the computer default), the seal.
    const own = await A.call('signing.readImage', { kind: 'signature', certificateSha256: leader.sha256 });
    expect(own.source).toBe('certificate');
    expect((await A.file(own)).equals(Buffer.from(green))).toBe(true);
    expect(await A.call('signing.readImage', { kind: 'signature', certificateSha256: 'ab'.repeat(32) })).toMatchObject({ source: 'setting', info: { sha256: createHash('sha256').update(magenta).digest('hex') } });
    expect((await A.call('signing.readImage', { kind: 'seal' })).source).toBe('setting');

    // Refused: not a PNG (the contract), too many pixels (the core reads IHDR before decoding), a certificate on the seal.
    expect(await failureOf(A.call('signing.setImage', { kind: 'signature', png: sample }))).toMatchObject({ code: 'invalid_input', fields: { png: expect.stringMatching(/PNG/) } });
    const huge = Buffer.from(green);
    huge.writeUInt32BE(5000, 16);
    expect(await failureOf(A.call('signing.setImage', { kind: 'signature', png: new Uint8Array(huge) }))).toMatchObject({ code: 'invalid_input', fields: { png: expect.stringMatching(/5000 × 40 pixels/) } });
    expect(await failureOf(A.call('signing.setImage', { kind: 'seal', certificateSha256: leader.sha256, png: seal }))).toMatchObject({ code: 'invalid_input' });

    const id = await draftWithPdf(A, 'Quyết định ký bằng chữ ký riêng');
    await A.call('documents.submitForSigning', { id });
    await A.call('documents.signAsLeader', { id, slot: leaderToken.slot, certificateId: leader.id, pin: leaderTest.token.userPin });
    const agencyTest = testCertificate(manifest, 'agency');
    await A.call('documents.numberAndSignAsAgency', { id, slot: agencyToken.slot, certificateId: agencyTest.id, pin: agencyTest.token.userPin });
    const dir = await tempDir();
    const file = path.join(dir, 'own-image.pdf');
    await writeFile(file, await A.file(await A.call('attachments.open', { attachmentId: (await A.call('documents.get', { id })).attachments[0]!.id, purpose: 'save' })));
    expect(pdfsig(file).match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);

    // The very pixels of the leader's certificate image, not the computer default nor assets/.
    expect((await appearanceImageRgb(file, 'LeaderSignature')).equals(rgbOf(green))).toBe(true);
    expect((await appearanceImageRgb(file, 'AgencySignature')).equals(rgbOf(seal))).toBe(true);
    const page = await renderPage(file, 1, path.join(dir, 'own-image-page1'));
    expect(boundsOf(page, isBlue)).toBeNull();
    // The green signature between title and name; the seal at its real size (30 mm is 85 pt) over
    // its left part. Both test images are opaque on their right half only, so the seal's opaque half
    // hides the first of the green, which shows from the seal's right edge on.
    const greenInk = boundsOf(page, isGreen)!;
    const red = boundsOf(page, isRed)!;
    expect(greenInk.y).toBeGreaterThanOrEqual(parts.signerGap.y - 2);
    expect(greenInk.y + greenInk.height).toBeLessThanOrEqual(parts.nameLine.y + 2);
    expect(red.height).toBeGreaterThanOrEqual(84);
    expect(red.height).toBeLessThanOrEqual(87);
    expect(Math.abs(greenInk.x - (red.x + red.width))).toBeLessThan(3);
    expect(countIn(page, greenInk, isGreen)).toBeGreaterThan(50);

    // Removed, the certificate falls back to the computer default; every change is in the audit log.
    await A.call('signing.setImage', { kind: 'signature', certificateSha256: leader.sha256, png: null });
    expect((await A.call('signing.readImage', { kind: 'signature', certificateSha256: leader.sha256 })).source).toBe('setting');
    await A.call('signing.setImage', { kind: 'signature', png: null });
    await A.call('signing.setImage', { kind: 'seal', png: null });
    expect((await A.call('signing.readImage', { kind: 'signature', certificateSha256: leader.sha256 })).source).toBe('default');
    const after = await A.call('signing.getSettings', {});
    expect(after.images).toEqual({ signature: null, seal: null, certificates: [] });
    const db = new Database(A.core.databaseFile, { readonly: true });
    const audit = db.prepare("SELECT action, details FROM audit_log WHERE action IN ('signing.image', 'signing.sealDiameter') ORDER BY seq").all() as { action: string; details: string }[];
    db.close();
    expect(audit.map((row) => [row.action, (JSON.parse(row.details) as { kind?: string; certificate?: string | null }).kind ?? null])).toEqual([
      ['signing.image', 'signature'],
      ['signing.image', 'signature'],
      ['signing.image', 'seal'],
      ['signing.sealDiameter', null],
      ['signing.image', 'signature'],
      ['signing.image', 'signature'],
      ['signing.image', 'seal'],
    ]);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ certificate: leader.sha256, holder: 'Nguyễn Văn An', png: createHash('sha256').update(green).digest('hex') });
    await A.call('signing.setSealDiameter', { mm: 36 });
  }, 120_000);

  it('places number, date, signature and seal by the document\'s own layout: a page turned by /Rotate 90, landscape, four pages with the signer on page 4', async () => {
    await A.call('signing.setModule', { module: manifest.module });
    await A.call('signing.setTsa', { url: null });
    const tokens = await A.call('signing.listTokens', {});
    const slotOf = (label: string) => tokens.find((token) => token.label === label)!.slot;
    const [leader, agency] = [testCertificate(manifest, 'leader'), testCertificate(manifest, 'agency')];
    const dir = await tempDir();
    const variants: [string, Decree30Options][] = [
      ['rotated', { rotate: 90 }],
      ['landscape', { size: [841.89, 595.28] }],
      ['four-pages', { pages: 4 }],
    ];
    for (const [name, options] of variants) {
      const [bytes, layout] = await decision(dir, name, options);
      const id = await draftWithPdf(A, `Quyết định ${name}`, bytes);
      // The preview before anything is signed: every box found in the text, the stamp beside the signer's block.
      const preview = await A.call('documents.signingPlacement', { id });
      expect(Object.values(preview.boxes).map((box) => box.source), name).toEqual(['text', 'text', 'text']);
      expect(preview.boxes.leader.box.page).toBe(layout.signerPage);
      expect(preview.stamp!.seal.page).toBe(layout.signerPage);
      expect(preview.stamp!.seal.x + preview.stamp!.seal.width).toBeLessThan(preview.boxes.leader.box.x + preview.boxes.leader.box.width / 2);

      await A.call('documents.submitForSigning', { id });
      await A.call('documents.signAsLeader', { id, slot: slotOf('LEADER'), certificateId: leader.id, pin: leader.token.userPin });
      await A.call('documents.numberAndSignAsAgency', { id, slot: slotOf('AGENCY'), certificateId: agency.id, pin: agency.token.userPin });
      const detail = await A.call('documents.get', { id });
      const file = path.join(dir, `${name}-issued.pdf`);
      await writeFile(file, await A.file(await A.call('attachments.open', { attachmentId: detail.attachments[0]!.id, purpose: 'save' })));
      expect(pdfsig(file).match(/Signature Validation: Signature is Valid\./g), name).toHaveLength(2);
      const first = await renderPage(file, 1, path.join(dir, `${name}-page1`));
      expectNumberInHeader(pageWords(file, 1), layout, true, detail.metadata.codeNumber!);
      const signerPage = layout.signerPage === 1 ? first : await renderPage(file, layout.signerPage, path.join(dir, `${name}-signer`));
      expectSignerBlock(signerPage, pageWords(file, layout.signerPage), layout);
      if (layout.signerPage !== 1) expect(boundsOf(first, isBlue) ?? boundsOf(first, isRed), `${name}: nothing drawn over page 1's body`).toBeNull();
    }
  }, 180_000);

  it('a PDF without a Decree 30 header: refused until the clerk places the boxes, remembered for the next document of its type', async () => {
    const first = await draftWithPdf(A, 'Công văn không có tiêu đề', sample, 'Công văn');
    const proposed = await A.call('documents.signingPlacement', { id: first });
    // "So: 01/CV-DEMO" is a "Số:" label; there is no date line and no signer's block.
    expect(Object.fromEntries(Object.entries(proposed.boxes).map(([kind, box]) => [kind, box.source]))).toEqual({ number: 'text', date: 'missing', leader: 'missing' });
    // The proposals lie on the page, where Decree 30 usually puts them, for the clerk to move.
    expect(proposed.boxes.leader.box).toMatchObject({ page: 1 });
    expect(proposed.boxes.leader.box.y + proposed.boxes.leader.box.height).toBeLessThan(842);
    expect(await failureOf(A.call('documents.submitForSigning', { id: first }))).toMatchObject({ code: 'invalid_input', fields: { placement: 'date,leader' } });
    const date = { page: 1, x: 320, y: 120, width: 220, height: 18 };
    const leader = { page: 1, x: 330, y: 640, width: 210, height: 80 };
    expect(await failureOf(A.call('documents.submitForSigning', { id: first, placement: { date, leader: { ...leader, y: 800 } } }))).toMatchObject({
      code: 'invalid_input',
      fields: { placement: 'leader', leader: expect.stringMatching(/not wholly on page 1, which is 595 × 842 pt/) },
    });
    expect(await failureOf(A.call('documents.submitForSigning', { id: first, placement: { date, leader: { ...leader, page: 2 } } }))).toMatchObject({ code: 'invalid_input', fields: { leader: expect.stringMatching(/the document has 1 page/) } });
    expect((await A.call('documents.submitForSigning', { id: first, placement: { date, leader } })).signingState).toBe('awaiting_leader');
    const placed = await A.call('documents.signingPlacement', { id: first });
    expect(placed.boxes.leader).toEqual({ box: leader, source: 'field' });
    expect(placed.boxes.date.box).toMatchObject({ x: expect.closeTo(320, 3), y: expect.closeTo(120, 3) });

    // The next document of the same type and page size starts where the clerk put them.
    const second = await draftWithPdf(A, 'Công văn thứ hai', sample, 'Công văn');
    const remembered = await A.call('documents.signingPlacement', { id: second });
    expect(remembered.boxes.leader).toEqual({ box: leader, source: 'template' });
    expect(remembered.boxes.date).toEqual({ box: date, source: 'template' });
    // A box being moved is previewed with the stamp it would get: the seal on its left third.
    const moved = await A.call('documents.signingPlacement', { id: second, leader: { ...leader, x: 300, y: 500 } });
    expect(moved.boxes.leader.source).toBe('clerk');
    expect(moved.stamp!.seal.x + moved.stamp!.seal.width).toBeGreaterThan(300);
    expect(moved.stamp!.seal.x + moved.stamp!.seal.width).toBeLessThan(300 + 105);
    expect((await A.call('documents.submitForSigning', { id: second })).signingState).toBe('awaiting_leader');
    // A PDF that already carries the issuing fields (an issued one attached again) is no draft.
    const submitted = (await A.call('documents.get', { id: first })).attachments[0]!;
    const reissue = await draftWithPdf(A, 'Công văn đính kèm bản đã trình', new Uint8Array(await A.file(await A.call('attachments.open', { attachmentId: submitted.id, purpose: 'save' }))), 'Công văn');
    expect(await failureOf(A.call('documents.submitForSigning', { id: reissue }))).toMatchObject({ code: 'invalid_input', fields: { attachments: expect.stringMatching(/already has a form field named "Số"/) } });
    // Another type is another template.
    const other = await draftWithPdf(A, 'Tờ trình không có tiêu đề', sample, 'Tờ trình');
    expect((await A.call('documents.signingPlacement', { id: other })).boxes.leader.source).toBe('missing');
  }, 60_000);
});
