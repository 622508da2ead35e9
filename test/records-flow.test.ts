/**
 * Records management on the real core, real SoftHSM2 tokens and the reference axis: a document
 * signed and sent by A is received by B, whose clerk makes certified copies (sao y, trích sao,
 * sao lục) signed by B's agency token, numbered in the copies register and accepted by VanThu's
 * verifier and by pdfsig; files the document into a dossier of the year's list, closes it,
 * prints its table of contents, and hands it over: the package is read back and checked against
 * the archive metadata rules, and the receipt is recorded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { readSignatures } from '../electron/core/pdf/signatures.js';
import { pageGeometry } from '../electron/core/signing/pdf/page-geometry.js';
import { SAMPLE_PDF_BOXES } from './decree30-pdf.js';
import { verifyPdf } from '../electron/core/verification/index.js';
import { startAgency, type TestAgency } from './agency-harness.js';
import { checkArchivePackage, unzip } from './archive-package-check.js';
import { startCrlServer, type CrlServer } from './pdf-corpus/crl-server.js';
import { startLocalTsa, type LocalTsa } from './local-tsa.js';
import { makeTestTokens, testCertificate, type Manifest } from './tokens.js';
import { useTempDirs } from './temp-dir.js';
import { pemOrDer, httpRevocationChecker } from '../electron/core/verification/revocation.js';

const tempDir = useTempDirs();
let axis: TemporaryAxis;
let crl: CrlServer;
let tsa: LocalTsa;
let A: TestAgency;
let B: TestAgency;
let manifest: Manifest;
let receivedId: number;

function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    // pdfsig exits non-zero when the (test) CA is not trusted; the report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

function token(agency: TestAgency) {
  return async () => {
    const tokens = await agency.call('signing.listTokens', {});
    const certificate = testCertificate(manifest, 'agency');
    return { slot: tokens.find((t) => t.label === 'AGENCY')!.slot, certificateId: certificate.id, pin: certificate.token.userPin };
  };
}

beforeAll(async () => {
  crl = await startCrlServer();
  manifest = await makeTestTokens({ crlUrl: crl.url });
  crl.crl = new Uint8Array(await readFile(manifest.crl));
  axis = await startTemporaryAxis();
  A = await startAgency(axis.server.url, axis.agencies[0]!, { signerEnv: { SOFTHSM2_CONF: manifest.conf } });
  B = await startAgency(axis.server.url, axis.agencies[1]!, { signerEnv: { SOFTHSM2_CONF: manifest.conf } });
  await B.call('trustAnchors.add', { bytes: new Uint8Array(await readFile(manifest.caCertificate)) });
  // The archival form's document time-stamps come from a local `openssl ts` TSA, trusted by B.
  tsa = await startLocalTsa(await mkdtemp(path.join(os.tmpdir(), 'vanthu-records-tsa-')));
  await B.call('trustAnchors.add', { bytes: new Uint8Array(execFileSync('openssl', ['x509', '-in', tsa.caFile, '-outform', 'DER'])) });
  const pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
  const draft = await A.call('drafts.create', { subject: 'Kế hoạch phòng chống thiên tai năm 2026', summary: '' });
  await A.call('drafts.update', { id: draft.id, fields: { codeNotation: 'KH-UBND', typeName: 'Kế hoạch', signerFullName: 'Nguyễn Văn An', signerPosition: 'Phó Chủ tịch', place: 'Nghệ An' } });
  await A.call('attachments.add', { documentId: draft.id, name: 'ke-hoach.pdf', contentType: 'application/pdf', bytes: pdf });
  const tokens = await A.call('signing.listTokens', {});
  const leader = testCertificate(manifest, 'leader');
  const agency = testCertificate(manifest, 'agency');
  await A.call('documents.submitForSigning', { id: draft.id, placement: SAMPLE_PDF_BOXES });
  await A.call('documents.signAsLeader', { id: draft.id, slot: tokens.find((t) => t.label === 'LEADER')!.slot, certificateId: leader.id, pin: leader.token.userPin });
  await A.call('documents.numberAndSignAsAgency', { id: draft.id, slot: tokens.find((t) => t.label === 'AGENCY')!.slot, certificateId: agency.id, pin: agency.token.userPin });
  await A.call('documents.send', { id: draft.id, recipients: [B.code] });
  await A.sync();
  await B.sync();
  const { rows } = await B.call('documents.list', { box: 'inbox', limit: 10, offset: 0 });
  receivedId = rows.find((row) => row.subject.startsWith('Kế hoạch phòng chống'))!.id;
}, 120_000);

afterAll(async () => {
  await A?.close();
  await B?.close();
  await axis?.dispose();
  await crl?.close();
  await tsa?.close();
});

describe('certified copies', () => {
  it('makes a SAO Y signed by the agency at the top right of page 1, valid for pdfsig and VanThu, number 01/SY', async () => {
    const copy = await B.call('copies.create', { documentId: receivedId, kind: 'SY', note: 'Gửi Phòng Tài chính', ...(await token(B)()) });
    expect(copy).toMatchObject({ kind: 'SY', number: 1, notation: '01/SY', pages: null, agencyName: 'UBND tỉnh Nghệ An', fileName: 'SAO Y - ke-hoach.pdf' });
    const file = path.join(await tempDir(), 'sao-y.pdf');
    await writeFile(file, await B.file(await B.call('copies.read', { id: copy.id })));

    // The sender's two signatures stay, and the copy's is added after them.
    const report = pdfsig(file);
    expect(report.match(/Signature is Valid/g)).toHaveLength(3);
    expect(report).toContain('Signature Field Name: CopySignature');
    const signatures = await readSignatures(file);
    expect(signatures.map((signature) => signature.fieldName)).toEqual(['LeaderSignature', 'AgencySignature', 'CopySignature']);
    // The signature's text (form of copy, agency, time) at the top right of page 1, as pdftotext reads the page.
    const { width: right, height: top } = await pageGeometry(file, 1);
    const words = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-bbox', file, '-'], { encoding: 'utf8' });
    const word = (text: string) => {
      const match = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)"[^>]*>${text}</word>`).exec(words);
      return match ? { x: Number(match[1]), y: Number(match[2]) } : null;
    };
    expect(word('SAO')).not.toBeNull();
    expect(word('SAO')!.x).toBeGreaterThan(right / 2);
    expect(word('SAO')!.y).toBeLessThan(top * 0.15);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });
    const lines = text.split('\n').map((line) => line.trim());
    const [form, agency, time] = [lines.indexOf('SAO Y'), lines.indexOf('UBND tỉnh Nghệ An'), lines.findIndex((line) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/.test(line))];
    expect(form).toBeGreaterThanOrEqual(0);
    expect([agency, time].every((index) => index > form)).toBe(true);
    expect(time).toBeGreaterThan(agency);

    const verdict = await verifyPdf(file, { name: 'sao-y.pdf', trustAnchors: [pemOrDer(new Uint8Array(await readFile(manifest.caCertificate)))], revocation: httpRevocationChecker() });
    expect(verdict.indication).toBe('TOTAL_PASSED');
    expect(verdict.signatures).toHaveLength(3);
  });

  it('numbers trích sao and sao lục in the same yearly sequence, a sao lục from a sao y only', async () => {
    const signer = await token(B)();
    const extract = await B.call('copies.create', { documentId: receivedId, kind: 'TrS', pages: '1', note: '', ...signer });
    expect(extract).toMatchObject({ number: 2, notation: '02/TrS', pages: '1' });
    const extractFile = path.join(await tempDir(), 'trich-sao.pdf');
    await writeFile(extractFile, await B.file(await B.call('copies.read', { id: extract.id })));
    // A new PDF of the page: only the copy's signature, valid.
    expect(pdfsig(extractFile).match(/Signature is Valid/g)).toHaveLength(1);

    await expect(B.call('copies.create', { documentId: receivedId, kind: 'SL', sourceCopyId: extract.id, note: '', ...signer })).rejects.toMatchObject({ body: { code: 'invalid_input', fields: { sourceCopyId: 'a sao y of this document' } } });
    await expect(B.call('copies.create', { documentId: receivedId, kind: 'TrS', pages: '2-9', note: '', ...signer })).rejects.toMatchObject({ body: { code: 'invalid_input' } });
    const [sy] = await B.call('copies.list', { documentId: receivedId });
    const second = await B.call('copies.create', { documentId: receivedId, kind: 'SL', sourceCopyId: sy!.id, note: '', ...signer });
    expect(second).toMatchObject({ number: 3, notation: '03/SL', sourceCopyId: sy!.id });
    expect((await B.call('copies.list', { documentId: receivedId })).map((copy) => copy.notation)).toEqual(['01/SY', '02/TrS', '03/SL']);
    const book = await B.call('copies.export', { year: sy!.year, format: 'xlsx' });
    expect(book.fileName).toBe(`so-ban-sao-${sy!.year}.xlsx`);
  });

  it('refuses a wrong PIN with the token error and takes no number', async () => {
    const signer = await token(B)();
    await expect(B.call('copies.create', { documentId: receivedId, kind: 'SY', note: '', ...signer, pin: '0000' })).rejects.toMatchObject({ body: { code: 'invalid_input', fields: { token: 'wrong_pin' } } });
    const next = await B.call('copies.create', { documentId: receivedId, kind: 'SY', note: '', ...signer });
    expect(next.number).toBe(4);
  });
});

describe('dossiers and handover', () => {
  it('lists the year, suggests the dossier by type, files, closes, prints the table of contents, hands over a package that passes the archive rules, records the receipt', async () => {
    const year = new Date().getFullYear();
    const common = { year, heading: 'I. CÔNG TÁC PHÒNG CHỐNG THIÊN TAI', keeper: 'Trần Thị Bình', unit: '', description: '' };
    await B.call('dossiers.create', { ...common, code: '01.VP', title: 'Hồ sơ hội nghị tổng kết', retentionYears: 10, typeNames: ['Báo cáo'] });
    const plan = await B.call('dossiers.create', { ...common, code: '02.VP', title: 'Kế hoạch phòng chống thiên tai', retentionYears: 20, typeNames: ['Kế hoạch'] });
    await expect(B.call('dossiers.create', { ...common, code: '02.VP', title: 'Trùng mã', retentionYears: null, typeNames: [] })).rejects.toMatchObject({ body: { code: 'conflict' } });

    const filing = await B.call('dossiers.forDocument', { documentId: receivedId });
    expect(filing.filed).toEqual([]);
    expect(filing.suggestions[0]!.code).toBe('02.VP');
    const filed = await B.call('dossiers.file', { dossierId: plan.id, documentId: receivedId });
    expect(filed.filed.map((dossier) => dossier.code)).toEqual(['02.VP']);

    const { rows } = await B.call('dossiers.contents', { id: plan.id });
    expect(rows).toEqual([expect.objectContaining({ ordinal: 1, documentId: receivedId, typeAndSubject: 'Kế hoạch: Kế hoạch phòng chống thiên tai năm 2026', pages: 1 })]);
    expect(rows[0]!.numberNotation).toMatch(/^\d{2}\/KH-UBND$/);
    expect((await B.call('dossiers.exportContents', { id: plan.id, format: 'pdf' })).contentType).toBe('application/pdf');

    await expect(B.call('handover.export', { dossiers: [plan.id], ...(await token(B)()) })).rejects.toMatchObject({ body: { code: 'conflict' } });
    const closed = await B.call('dossiers.close', { id: plan.id });
    expect(closed).toMatchObject({ state: 'closed', handoverRequired: true, retentionEnds: `${year + 20}-12-31` });
    expect(closed.handoverDue).toMatch(new RegExp(`^${year + 1}-`));
    await expect(B.call('dossiers.file', { dossierId: plan.id, documentId: receivedId })).rejects.toMatchObject({ body: { code: 'conflict' } });
    expect((await B.call('dossiers.awaitingHandover', {})).map((dossier) => dossier.code)).toEqual(['02.VP']);

    // Without a time-stamp server the signatures cannot be made long-term: refused, nothing exported or recorded.
    await expect(B.call('handover.export', { dossiers: [plan.id], ...(await token(B)()) })).rejects.toMatchObject({ body: { code: 'conflict', fields: { archivalForm: 'no_time_stamp_server' } } });
    expect(await B.call('handover.list', {})).toEqual([]);
    expect((await B.call('dossiers.awaitingHandover', {})).map((dossier) => dossier.code)).toEqual(['02.VP']);
    await B.call('signing.setTsa', { url: tsa.url });
    const stamped = tsa.requests;

    const { handover, file } = await B.call('handover.export', { dossiers: [plan.id], ...(await token(B)()) });
    expect(handover.verdicts).toEqual([{ dossierCode: '02.VP', fileName: expect.stringMatching(/\.02\.VP\.0000001\.pdf$/), indication: 'TOTAL_PASSED', subIndication: null }]);
    const packageBytes = await B.file(file);
    const report = await checkArchivePackage(packageBytes);
    expect(report.problems).toEqual([]);
    expect(report.dossiers).toHaveLength(1);
    const [dossier] = report.dossiers;
    expect(dossier!.metadata).toMatchObject({ fileCode: `${B.code}.${year}.02.VP`, title: 'Kế hoạch phòng chống thiên tai', maintenance: '05', totalDoc: '1', numberOfPage: '1', confidenceLevel: '01' });
    expect(dossier!.documents[0]!.metadata).toMatchObject({ docCode: `${B.code}.${year}.02.VP.0000001`, typeName: '10', codeNotation: 'KH-UBND', organName: expect.any(String), subject: 'Kế hoạch phòng chống thiên tai năm 2026' });

    // The files in the package are the document's signed PDF, still valid; the list is signed by the agency.
    const dir = await tempDir();
    const documentFile = path.join(dir, 'document.pdf');
    await writeFile(documentFile, report.entries.get(dossier!.documents[0]!.files[0]!)!);
    expect(pdfsig(documentFile).match(/Signature is Valid/g)).toHaveLength(2);
    // In archival form (PAdES B-LTA): both signatures judged at the document time-stamp the handover added.
    const archived = await verifyPdf(documentFile, { name: 'document.pdf', trustAnchors: [pemOrDer(new Uint8Array(await readFile(manifest.caCertificate))), pemOrDer(new Uint8Array(await readFile(tsa.caFile)))], revocation: httpRevocationChecker() });
    expect(archived.indication).toBe('TOTAL_PASSED');
    expect(archived.signatures.map((signature) => signature.level)).toEqual(['B-LTA', 'B-LTA']);
    expect((await readSignatures(documentFile)).map((signature) => signature.fieldName)).toEqual(['LeaderSignature', 'AgencySignature', expect.any(String)]);
    expect(tsa.requests).toBeGreaterThan(stamped);
    // The stored original is unchanged: only the package holds the extended bytes.
    const [original] = await B.call('documents.get', { id: receivedId }).then((detail) => detail.attachments);
    expect((await readFile(documentFile)).length).toBeGreaterThan(original!.size);
    const listFile = path.join(dir, 'list.pdf');
    await writeFile(listFile, report.entries.get('MUC_LUC_HO_SO_NOP_LUU.pdf')!);
    expect(pdfsig(listFile)).toContain('Signature Field Name: HandoverListSignature');
    expect(pdfsig(listFile).match(/Signature is Valid/g)).toHaveLength(1);
    expect(execFileSync('pdftotext', [listFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(dossier!.objId);

    const received = await B.call('handover.recordReceipt', { id: handover.id, receivedOn: `${year}-12-06`, receivedBy: 'Lưu trữ cơ quan — Lê Văn C', note: '' });
    expect(received).toMatchObject({ receivedBy: 'Lưu trữ cơ quan — Lê Văn C', dossierIds: [plan.id] });
    expect((await B.call('dossiers.list', { year })).find((entry) => entry.id === plan.id)).toMatchObject({ state: 'handed_over', handoverDueSoon: false });
    expect(await B.call('dossiers.awaitingHandover', {})).toEqual([]);
    await expect(B.call('handover.recordReceipt', { id: handover.id, receivedOn: `${year}-12-06`, receivedBy: 'x', note: '' })).rejects.toMatchObject({ body: { code: 'conflict' } });
    expect(await B.file(await B.call('handover.read', { id: handover.id }))).toEqual(packageBytes);
  });

  it('the package check finds a changed file, a broken date and a missing field', async () => {
    const [handover] = await B.call('handover.list', {});
    const bytes = await B.file(await B.call('handover.read', { id: handover!.id }));
    const entries = await unzip(bytes);
    const yazl = (await import('yazl')).default;
    const tampered = async (change: (name: string, data: Buffer) => Buffer) => {
      const zip = new yazl.ZipFile();
      for (const [name, data] of entries) zip.addBuffer(change(name, data), name);
      zip.end();
      const chunks: Buffer[] = [];
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
      return (await checkArchivePackage(Buffer.concat(chunks))).problems;
    };
    expect(await tampered((name, data) => (name.endsWith('0000001.pdf') ? Buffer.concat([data, Buffer.from('\n')]) : data))).toEqual(
      expect.arrayContaining([expect.stringMatching(/0000001\.pdf: SHA-256 differs from METS/)]),
    );
    const ead = (name: string) => name.endsWith('metadata/descriptive/EAD.xml');
    const problems = await tampered((name, data) => (ead(name) ? Buffer.from(data.toString('utf8').replace(/<startDate>(\d\d)\/(\d\d)\/(\d{4})</, '<startDate>$3-$2-$1<').replace(/<maintenance>05</, '<maintenance>5<')) : data));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/EAD\.xml: startDate: DD\/MM\/YYYY/), expect.stringMatching(/EAD\.xml: maintenance: /)]));
    expect(await tampered((name, data) => (ead(name) ? Buffer.from(data.toString('utf8').replace(/\s*<title>[^<]*<\/title>/, '')) : data))).toEqual(
      expect.arrayContaining([expect.stringMatching(/EAD\.xml: title: /)]),
    );
  });
});
