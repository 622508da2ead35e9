/**
 * What leaves the agency and what stays in it, through the real core, sync engine and reference
 * axis: the number of an unsigned document sent under the AllowUnsignedSending policy comes from
 * the outgoing register (and is never typed); the package carries ToPlaces and the type codes;
 * received header fields are kept; the internal note of "Giao xử lý" stays home while the text
 * chosen for the sender travels; accepting a document whose signatures are not valid needs the
 * verdict confirmed, and the audit log records it.
 */
import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import type { DocumentDetail } from '../shared/api/documents.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { writePackageFile } from '../electron/core/exchange/edxml/package-writer.js';
import { startAgency, UNSIGNED_SENDING, type TestAgency } from './agency-harness.js';
import { sampleDocumentPackage } from './edxml-fixtures.js';

let axis: TemporaryAxis;
/** P sends unsigned documents under the policy; B receives and handles them. */
let P: TestAgency;
let B: TestAgency;
let pdf: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  [P, B] = await Promise.all([startAgency(axis.server.url, axis.agencies[0]!, { policy: UNSIGNED_SENDING }), startAgency(axis.server.url, axis.agencies[1]!)]);
  pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
});
afterAll(async () => {
  await Promise.all([P, B].map((agency) => agency?.close()));
  await axis?.dispose();
});

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { body: { code: string; fields?: Record<string, string> } }) => error.body);

async function unsignedDraft(subject: string): Promise<number> {
  const { id } = await P.call('drafts.create', { subject, summary: '' });
  await P.call('drafts.update', {
    id,
    fields: { codeNotation: 'UBND-VX', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', place: 'Nghệ An', toPlaces: ['Như trên;', 'Lưu: VT.'] },
  });
  await P.call('attachments.add', { documentId: id, name: 'cong-van.pdf', contentType: 'application/pdf', bytes: pdf });
  return id;
}

async function received(subject: string): Promise<DocumentDetail> {
  const { rows } = await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 });
  return B.call('documents.get', { id: rows.find((row) => row.subject === subject)!.id });
}

function auditOf(agency: TestAgency, action: string): { subject: string; details: Record<string, unknown> }[] {
  const db = new Database(agency.core.databaseFile, { readonly: true });
  try {
    return (db.prepare('SELECT subject, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { subject: string; details: string }[]).map((row) => ({ subject: row.subject, details: JSON.parse(row.details) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

describe('sending', () => {
  it('never takes a typed number', async () => {
    const id = await unsignedDraft('Công văn có số gõ tay');
    expect(await failureOf(P.call('drafts.update', { id, fields: { codeNumber: '99' } as never }))).toMatchObject({ code: 'invalid_input' });
    expect((await P.call('documents.get', { id })).codeNumber).toBe('');
  });

  it('numbers an unsigned document from the outgoing register when the policy lets it leave, and writes ToPlaces and the type codes', async () => {
    const first = await unsignedDraft('Công văn không ký số thứ nhất');
    const second = await unsignedDraft('Công văn không ký số thứ hai');
    const sentFirst = await P.call('documents.send', { id: first, recipients: [B.code] });
    const sentSecond = await P.call('documents.send', { id: second, recipients: [B.code] });
    expect([sentFirst.codeNumber, sentSecond.codeNumber]).toEqual(['01', '02']);
    expect(sentFirst.edxmlDocumentId).toMatch(/,01\/UBND-VX$/);
    expect(auditOf(P, 'document.number').map((row) => row.details)).toEqual([
      { register: 'outgoing', number: '01', unsigned: true, policy: 'AllowUnsignedSending' },
      { register: 'outgoing', number: '02', unsigned: true, policy: 'AllowUnsignedSending' },
    ]);
    const [register] = (await P.call('registers.list', {})).filter((r) => r.code === 'outgoing');
    const book = await P.call('registers.entries', { register: register!.id, year: register!.years[0]!, limit: 10, offset: 0 });
    expect(book.rows.map((row) => [row.number, row.documentId])).toEqual([
      [1, first],
      [2, second],
    ]);

    const db = new Database(P.core.databaseFile, { readonly: true });
    const packageSha = (db.prepare('SELECT package_sha256 FROM documents WHERE id = ?').get(first) as { package_sha256: string }).package_sha256;
    db.close();
    const xml = await readFile(path.join(P.dataDir, 'blobs', packageSha.slice(0, 2), packageSha), 'utf8');
    expect(xml).toContain('<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">');
    expect(xml).toMatch(/<ToPlaces>\s*<Place>Như trên;<\/Place>\s*<Place>Lưu: VT\.<\/Place>\s*<\/ToPlaces>/);
    expect(xml).toMatch(/<DocumentType>\s*<Type>1<\/Type>\s*<TypeDetail>18<\/TypeDetail>\s*<TypeName>Công văn<\/TypeName>/);

    await P.sync();
    await B.sync();
    expect((await received('Công văn không ký số thứ nhất')).metadata).toMatchObject({ codeNumber: '01', toPlaces: ['Như trên;', 'Lưu: VT.'] });
  });
});

describe('receiving', () => {
  it('keeps every header field the sender wrote: ToPlaces, pages, copies, scope, typist, appendixes, type codes, answers, contacts', async () => {
    const pkg = sampleDocumentPackage(['1']);
    const subject = 'Quyết định có đủ các trường của gói tin';
    pkg.header = { ...pkg.header, from: { ...pkg.header.from, organId: P.code }, to: [{ ...pkg.header.to[0]!, organId: B.code }], documentId: `${P.code},2026/03/12,05/QĐ-UBND`, subject };
    pkg.traces = [{ organId: P.code, timestamp: '2026/03/12 09:15:30' }];
    const file = path.join(P.dataDir, 'full-header.edxml');
    await writePackageFile(file, pkg, new Map([['1', new URL('../assets/sample.pdf', import.meta.url).pathname]]), { zipAttachments: false });
    await createVxpClient({ baseUrl: axis.server.url, systemId: P.code, secret: axis.agencies[0]!.secret }).send(file, 'edoc', [B.code]);
    await B.sync();

    const detail = await received(subject);
    expect(detail.metadata.toPlaces).toEqual(['Như Điều 3;', 'Văn phòng Chính phủ (để b/c);', 'Lưu: VT, NC.']);
    expect(detail.headerFields).toEqual({
      typeCode: 1,
      typeDetail: 0,
      sphereOfPromulgation: 'Liên thông văn bản quốc gia',
      typerNotation: 'TVC',
      promulgationAmount: 12,
      pageAmount: 3,
      direction: true,
      appendixes: ['Phụ lục I: Danh mục nhiệm vụ', 'Phụ lục II: Tiến độ'],
      to: [{ organId: B.code, organName: 'Văn phòng Chính phủ' }],
      responseFor: pkg.header.responseFor,
      steeringType: 1,
      sender: { organizationInCharge: 'UBND tỉnh Nghệ An', organAdd: 'Số 1 Hoàng Hoa Thám, Ba Đình, Hà Nội', email: 'vanthu@example.gov.vn', telephone: '024 3823 1234', fax: '024 3823 5678', website: 'https://example.gov.vn' },
    });
  });
});

describe('handling', () => {
  it('asks for the verdict to be confirmed before accepting an unsigned document, and records the decision', async () => {
    const detail = await received('Công văn không ký số thứ nhất');
    await B.call('documents.verify', { id: detail.id });
    expect(await failureOf(B.call('documents.respond', { id: detail.id, status: '03', description: '' }))).toMatchObject({ code: 'conflict', fields: { verification: 'UNSIGNED' } });
    expect(await failureOf(B.call('documents.respond', { id: detail.id, status: '03', description: '', acceptVerdict: 'INDETERMINATE' }))).toMatchObject({ code: 'conflict', fields: { verification: 'UNSIGNED' } });
    expect((await B.call('documents.get', { id: detail.id })).state).toBe('arrived');

    const accepted = await B.call('documents.respond', { id: detail.id, status: '03', description: '', acceptVerdict: 'UNSIGNED' });
    expect(accepted).toMatchObject({ state: 'accepted', arrivalNumber: 1 });
    expect(auditOf(B, 'document.status.03').at(-1)).toMatchObject({ subject: `document:${detail.id}`, details: { verification: { indication: 'UNSIGNED', subIndication: null, confirmed: true } } });
  });

  it('keeps the internal note of "Giao xử lý" in the agency and sends only the text chosen for the sender', async () => {
    const detail = await received('Công văn không ký số thứ nhất');
    const note = 'Giao Phòng Tổng hợp chủ trì, hạn 3 ngày; anh Cường theo dõi';
    const assigned = await B.call('documents.respond', { id: detail.id, status: '04', description: 'Đã giao đơn vị chuyên môn xử lý', internalNote: note });
    expect(assigned.timeline.find((entry) => entry.statusCode === '04')).toMatchObject({ direction: 'out', description: 'Đã giao đơn vị chuyên môn xử lý', internalNote: note });

    const db = new Database(B.core.databaseFile, { readonly: true });
    // A status package travels in its outbox row.
    const statusXml = (db.prepare("SELECT package_bytes FROM outbox WHERE document_id = ? AND purpose = 'status:04'").get(detail.id) as { package_bytes: Buffer }).package_bytes.toString('utf8');
    db.close();
    expect(statusXml).toContain('<Description>Đã giao đơn vị chuyên môn xử lý</Description>');
    expect(statusXml).not.toContain('Phòng Tổng hợp');

    await B.sync();
    await P.sync();
    const { rows } = await P.call('documents.list', { box: 'sent', limit: 100, offset: 0 });
    const atSender = await P.call('documents.get', { id: rows.find((row) => row.subject === 'Công văn không ký số thứ nhất')!.id });
    const fromB = atSender.timeline.find((entry) => entry.statusCode === '04')!;
    expect(fromB).toMatchObject({ direction: 'in', description: 'Đã giao đơn vị chuyên môn xử lý', internalNote: null });
    expect(JSON.stringify(atSender)).not.toContain('Phòng Tổng hợp');
  });
});
