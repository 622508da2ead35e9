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
import { fieldName } from '../electron/core/signing/pdf/acro-form.js';
import { PdfStream, type PdfValue } from '../electron/core/signing/pdf/objects.js';
import { PdfReader } from '../electron/core/signing/pdf/pdf-reader.js';
import { readSignatures } from '../electron/core/signing/pdf/signatures.js';
import { SIGNATURE_TIMESTAMP_TOKEN_OID, signatureValue } from '../electron/core/signing/timestamp/rfc3161.js';
import { startAgency, type TestAgency } from './agency-harness.js';
import { startLocalTsa, type LocalTsa } from './local-tsa.js';
import { countPixels, isBlue, isGreen, isRed, renderFirstPage } from './page-pixels.js';
import { makeTestTokens, testCertificate, type Manifest } from './tokens.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
let axis: TemporaryAxis;
let A: TestAgency;
let B: TestAgency;
let manifest: Manifest;
let pdf: Uint8Array<ArrayBuffer>;
let tsa: LocalTsa;
let tsaDir: string | undefined;

beforeAll(async () => {
  manifest = await makeTestTokens();
  axis = await startTemporaryAxis();
  A = await startAgency(axis.server.url, axis.agencies[0]!, { signerEnv: { SOFTHSM2_CONF: manifest.conf } });
  B = await startAgency(axis.server.url, axis.agencies[1]!);
  pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
  tsaDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-flow-tsa-'));
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

function formValues(file: string): Record<string, string> {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=acroform', file], { encoding: 'utf8' })) as { acroform: { fields: { fullname: string; value: unknown }[] } };
  // qpdf marks text strings "u:" (Unicode) in its JSON.
  return Object.fromEntries(json.acroform.fields.map((field) => [field.fullname.replace(/^u:/, ''), String(field.value).replace(/^u:/, '')]));
}

async function draftWithPdf(agency: TestAgency, subject: string) {
  const draft = await agency.call('drafts.create', { subject, summary: '' });
  await agency.call('drafts.update', { id: draft.id, fields: { codeNotation: 'QĐ-UBND', typeName: 'Quyết định', signerFullName: 'Nguyễn Văn An', place: 'Hà Nội' } });
  await agency.call('attachments.add', { documentId: draft.id, name: 'quyet-dinh.pdf', contentType: 'application/pdf', bytes: pdf });
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
    await A.call('attachments.add', { documentId: id, name: 'phu-luc.pdf', contentType: 'application/pdf', bytes: pdf });
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
    const issuedBytes = (await A.call('attachments.read', { attachmentId: original.id })).bytes;
    await writeFile(file, issuedBytes);
    const report = pdfsig(file);
    expect(report.match(/Signature #\d/g)).toEqual(['Signature #1', 'Signature #2']);
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    const [, second] = report.split('Signature #2');
    expect(second).toContain('Total document signed');
    expect(report.split('Signature #2')[0]).not.toContain('Total document signed');
    const [day, month, year] = [issued.metadata.promulgationDate!.slice(8), issued.metadata.promulgationDate!.slice(5, 7), issued.metadata.promulgationDate!.slice(0, 4)];
    expect(formValues(file)).toMatchObject({ 'Số': '01/QĐ-UBND', 'Ngày': `Hà Nội, ngày ${day} tháng ${month} năm ${year}` });

    // The visible signatures: the leader's blue image, the agency's red seal (36 mm = 102 pt, centred
    // on the left third of the leader's rect [330 90 540 170]) and its text in the embedded font.
    const results = fileURLToPath(new URL('../test-results/signing/', import.meta.url));
    await mkdir(results, { recursive: true });
    const page = await renderFirstPage(file, path.join(results, 'issued-page1'));
    expect(countPixels(page, [330, 90, 540, 170], isBlue)).toBeGreaterThan(100);
    expect(countPixels(page, [314, 79, 416, 181], isRed)).toBeGreaterThan(300);
    expect(countPixels(page, [0, 300, 595, 842], isRed)).toBe(0);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(agency.holderOrganization!);
    expect(text).toContain('vanthu@nghean.gov.vn');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \+07:00/);
    expect(text).toContain('01/QĐ-UBND');

    // The PDF attachment: the agency's text-only signature at the top right of page 1.
    const appendixFile = path.join(dir, 'phu-luc.pdf');
    await writeFile(appendixFile, (await A.call('attachments.read', { attachmentId: appendix!.id })).bytes);
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
    const receivedBytes = (await B.call('attachments.read', { attachmentId: pdfAttachment.id })).bytes;
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
    await writeFile(file, (await A.call('attachments.read', { attachmentId: before.attachments[0]!.id })).bytes);
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
    expect(Buffer.from(own.png).equals(Buffer.from(green))).toBe(true);
    expect(await A.call('signing.readImage', { kind: 'signature', certificateSha256: 'ab'.repeat(32) })).toMatchObject({ source: 'setting', info: { sha256: createHash('sha256').update(magenta).digest('hex') } });
    expect((await A.call('signing.readImage', { kind: 'seal' })).source).toBe('setting');

    // Refused: not a PNG (the contract), too many pixels (the core reads IHDR before decoding), a certificate on the seal.
    expect(await failureOf(A.call('signing.setImage', { kind: 'signature', png: pdf }))).toMatchObject({ code: 'invalid_input', fields: { png: expect.stringMatching(/PNG/) } });
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
    await writeFile(file, (await A.call('attachments.read', { attachmentId: (await A.call('documents.get', { id })).attachments[0]!.id })).bytes);
    expect(pdfsig(file).match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);

    // The very pixels of the leader's certificate image, not the computer default nor assets/.
    expect((await appearanceImageRgb(file, 'LeaderSignature')).equals(rgbOf(green))).toBe(true);
    expect((await appearanceImageRgb(file, 'AgencySignature')).equals(rgbOf(seal))).toBe(true);
    const page = await renderFirstPage(file, path.join(dir, 'own-image-page1'));
    expect(countPixels(page, [330, 90, 540, 170], isGreen)).toBeGreaterThan(50);
    expect(countPixels(page, [330, 90, 540, 170], isBlue)).toBe(0);
    // A 30 mm seal (85 pt) centred on the left third of [330 90 540 170]: x 322–407, y 87–173.
    expect(countPixels(page, [322, 87, 407, 173], isRed)).toBeGreaterThan(100);
    expect(countPixels(page, [410, 90, 540, 170], isRed)).toBe(0);

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
});
