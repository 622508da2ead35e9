/**
 * Three agencies and one axis, through the real core and sync engine: sending, receiving,
 * statuses both ways, take-back, replace, zip-wrapped attachments, and an axis that goes away.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createAxisServer } from '../axis/app.js';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import type { ApiEvent } from '../shared/api/contract.js';
import type { DocumentDetail } from '../shared/api/documents.js';
import { writeValue } from '../electron/core/store/key-value.js';
import { openDatabase } from '../electron/core/store/database.js';
import { ZIP_ATTACHMENTS_SETTING } from '../electron/core/service/exchange-handlers.js';
import { startAgency, type TestAgency } from './agency-harness.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { writePackageFile } from '../electron/core/exchange/edxml/package-writer.js';
import { sampleDocumentPackage } from './edxml-fixtures.js';
import type { DocumentPackage } from '../shared/edxml/model.js';

/** A package as another system would send it from A: the fixture's header with A, B and the given id. */
function documentPackage(to: string, documentId: string, subject: string): DocumentPackage {
  const pkg = sampleDocumentPackage(['1']);
  pkg.header = { ...pkg.header, from: { ...pkg.header.from, organId: '000.00.00.H41' }, to: [{ ...pkg.header.to[0]!, organId: to }], documentId, subject, responseFor: [] };
  pkg.traces = [{ organId: '000.00.00.H41', timestamp: '2026/11/20 08:00:00' }];
  return pkg;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let axis: TemporaryAxis;
let A: TestAgency;
let B: TestAgency;
let C: TestAgency;
let pdf: Uint8Array<ArrayBuffer>;
let appendix: Uint8Array<ArrayBuffer>;
let serial = 0;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  const agencies = await Promise.all(axis.agencies.map((credential) => startAgency(axis.server.url, credential)));
  [A, B, C] = [agencies[0]!, agencies[1]!, agencies[2]!];
  pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
  appendix = new TextEncoder().encode('%PDF-1.4\n% phụ lục kèm theo\n%%EOF\n');
});
afterAll(async () => {
  await Promise.all([A, B, C].map((agency) => agency?.close()));
  await axis?.dispose();
});

async function draft(agency: TestAgency, subject: string, files: Uint8Array<ArrayBuffer>[] = [pdf]): Promise<number> {
  const created = await agency.call('drafts.create', { subject, summary: `${subject} (tóm tắt)` });
  serial++;
  await agency.call('drafts.update', {
    id: created.id,
    fields: { codeNumber: String(serial).padStart(2, '0'), codeNotation: 'UBND-VX', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', signerPosition: 'Chủ tịch', priority: 0 },
  });
  for (const [index, bytes] of files.entries()) {
    await agency.call('attachments.add', { documentId: created.id, name: index === 0 ? 'Công văn.pdf' : `Phụ lục ${index}.pdf`, contentType: 'application/pdf', bytes });
  }
  return created.id;
}

async function inboxDocument(agency: TestAgency, subject: string): Promise<DocumentDetail> {
  const { rows } = await agency.call('documents.list', { box: 'inbox', limit: 100, offset: 0 });
  const matches = rows.filter((row) => row.subject === subject);
  expect(matches).toHaveLength(1);
  return agency.call('documents.get', { id: matches[0]!.id });
}

const recipient = (doc: DocumentDetail, code: string) => doc.recipients.find((r) => r.agencyId === code)!;

describe('exchange among three agencies', () => {
  it('A sends to B and C; B gets byte-identical attachments and accepts; C returns with a reason; A sees both', async () => {
    const id = await draft(A, 'V/v phối hợp triển khai', [pdf, appendix]);
    const sent = await A.call('documents.send', { id, recipients: [B.code, C.code] });
    expect(sent.state).toBe('queued');
    expect(sent.edxmlDocumentId).toMatch(new RegExp(`^${A.code.replaceAll('.', '\\.')},\\d{4}/\\d{2}/\\d{2},\\d+/UBND-VX$`));
    await A.sync();
    expect((await A.call('documents.get', { id })).state).toBe('sent');

    await B.sync();
    await C.sync();
    const atB = await inboxDocument(B, 'V/v phối hợp triển khai');
    expect(atB.state).toBe('arrived');
    expect(atB.senderId).toBe(A.code);
    expect(atB.edxmlDocumentId).toBe(sent.edxmlDocumentId);
    expect(atB.attachments.map((a) => a.sha256)).toEqual([sha(pdf), sha(appendix)]);
    const bytes = await B.file(await B.call('attachments.open', { attachmentId: atB.attachments[1]!.id, purpose: 'save' }));
    expect(sha(bytes)).toBe(sha(appendix));
    expect(B.events.some((e) => e.type === 'document.arrived' && e.id === atB.id)).toBe(true);

    await A.sync();
    expect(recipient(await A.call('documents.get', { id }), B.code).state).toBe('arrived');

    const accepted = await B.call('documents.respond', { id: atB.id, status: '03', description: '' });
    expect(accepted.state).toBe('accepted');
    expect(accepted.arrivalNumber).toBe(1);
    await B.sync();

    const atC = await inboxDocument(C, 'V/v phối hợp triển khai');
    await expect(C.call('documents.respond', { id: atC.id, status: '02', description: '' })).rejects.toThrow(/invalid_input/);
    await C.call('documents.respond', { id: atC.id, status: '02', description: 'Không thuộc thẩm quyền giải quyết' });
    await C.sync();

    await A.sync();
    const atA = await A.call('documents.get', { id });
    expect(recipient(atA, B.code)).toMatchObject({ state: 'accepted', statusCode: '03' });
    expect(recipient(atA, C.code)).toMatchObject({ state: 'returned', statusCode: '02', description: 'Không thuộc thẩm quyền giải quyết' });
    expect(atA.timeline.filter((e) => e.direction === 'in').map((e) => `${e.agencyId}:${e.statusCode}`).sort()).toEqual(
      [`${B.code}:01`, `${B.code}:03`, `${C.code}:01`, `${C.code}:02`].sort(),
    );
  });

  it('handling statuses only go forward', async () => {
    const id = await draft(A, 'V/v báo cáo định kỳ');
    await A.call('documents.send', { id, recipients: [B.code] });
    await A.sync();
    await B.sync();
    const atB = await inboxDocument(B, 'V/v báo cáo định kỳ');
    await expect(B.call('documents.respond', { id: atB.id, status: '05', description: '' })).rejects.toThrow(/conflict/);
    await B.call('documents.respond', { id: atB.id, status: '03', description: '' });
    await B.call('documents.respond', { id: atB.id, status: '05', description: '' });
    await expect(B.call('documents.respond', { id: atB.id, status: '04', description: '' })).rejects.toThrow(/conflict/);
    const done = await B.call('documents.respond', { id: atB.id, status: '06', description: 'Đã xử lý xong' });
    expect(done.state).toBe('done');
    expect(done.arrivalNumber).toBe(2);
  });

  it('B’s count of documents waiting for the clerk rises on arrival, falls on accept and on return, and a new subscriber hears it first', async () => {
    /** What a window or the tray hears when it subscribes now. */
    const heard = (agency: TestAgency) => {
      const events: ApiEvent[] = [];
      agency.core.subscribe((event) => events.push(event))();
      expect(events.map((e) => e.type)).toEqual(['inbox.waiting']);
      return (events[0] as Extract<ApiEvent, { type: 'inbox.waiting' }>).count;
    };
    const lastTold = (agency: TestAgency) => (agency.events.filter((e) => e.type === 'inbox.waiting').at(-1) as Extract<ApiEvent, { type: 'inbox.waiting' }>).count;
    const arrivedInInbox = async (agency: TestAgency) => (await agency.call('documents.list', { box: 'inbox', limit: 500, offset: 0 })).rows.filter((row) => row.state === 'arrived').length;

    const before = heard(B);
    expect(before).toBe(await arrivedInInbox(B));
    const subjects = ['V/v đếm văn bản chờ 1', 'V/v đếm văn bản chờ 2'];
    for (const subject of subjects) await A.call('documents.send', { id: await draft(A, subject), recipients: [B.code] });
    await A.sync();
    await B.sync();
    expect(lastTold(B)).toBe(before + 2);
    expect(heard(B)).toBe(await arrivedInInbox(B));

    const [first, second] = await Promise.all(subjects.map((subject) => inboxDocument(B, subject)));
    await B.call('documents.respond', { id: first!.id, status: '03', description: '' });
    expect(lastTold(B)).toBe(before + 1);
    // Moving an accepted document on (04, 05) leaves the count alone: nothing more is said.
    const told = B.events.length;
    await B.call('documents.respond', { id: first!.id, status: '05', description: '' });
    expect(B.events.slice(told).some((e) => e.type === 'inbox.waiting')).toBe(false);
    await B.call('documents.respond', { id: second!.id, status: '02', description: 'Gửi nhầm cơ quan' });
    expect(lastTold(B)).toBe(before);
    expect(heard(B)).toBe(await arrivedInInbox(B));
  });

  it('A takes a document back; B agrees; B’s copy is kept and marked revoked; A sees the agreement', async () => {
    const id = await draft(A, 'V/v lấy ý kiến dự thảo');
    await A.call('documents.send', { id, recipients: [B.code] });
    await A.sync();
    await B.sync();
    await A.call('documents.takeBack', { id, reason: 'Gửi nhầm nơi nhận' });
    await A.sync();
    await B.sync();
    const requested = await inboxDocument(B, 'V/v lấy ý kiến dự thảo');
    expect(requested.pendingRequest).toMatchObject({ kind: 'takeback', reason: 'Gửi nhầm nơi nhận' });

    const answered = await B.call('documents.answerRequest', { id: requested.id, agree: true, reason: '' });
    expect(answered).toMatchObject({ state: 'revoked', pendingRequest: null, revokeReason: 'Gửi nhầm nơi nhận' });
    expect(answered.attachments).toHaveLength(1);
    await B.sync();
    await A.sync();
    expect(recipient(await A.call('documents.get', { id }), B.code)).toMatchObject({ state: 'takeback_agreed', statusCode: '15' });
  });

  it('A replaces a document; B sees the new one linked to the one it replaces', async () => {
    const id = await draft(A, 'Kế hoạch tổ chức hội nghị');
    await A.call('documents.send', { id, recipients: [B.code] });
    await A.sync();
    await B.sync();
    const replacement = await draft(A, 'Kế hoạch tổ chức hội nghị (thay thế)');
    await A.call('documents.replace', { id, replacementDraftId: replacement, reason: 'Điều chỉnh thời gian tổ chức' });
    await A.sync();
    await B.sync();
    const newAtB = await inboxDocument(B, 'Kế hoạch tổ chức hội nghị (thay thế)');
    const oldAtB = await inboxDocument(B, 'Kế hoạch tổ chức hội nghị');
    expect(newAtB.replaces).toMatchObject({ id: oldAtB.id });
    expect(oldAtB.replacedBy).toMatchObject({ id: newAtB.id });
    expect(oldAtB.pendingRequest).toMatchObject({ kind: 'replace', replacementId: newAtB.id });
  });

  it('A corrects a sent document; B agrees and its copy is updated with the earlier version kept', async () => {
    const id = await draft(A, 'V/v tổ chức tập huấn nghiệp vụ văn thư');
    await A.call('documents.send', { id, recipients: [B.code] });
    await A.sync();
    await B.sync();
    const before = await inboxDocument(B, 'V/v tổ chức tập huấn nghiệp vụ văn thư');

    const corrected = await A.call('documents.update', {
      id,
      reason: 'Sửa thời gian và độ khẩn',
      fields: { subject: 'V/v tổ chức tập huấn nghiệp vụ văn thư (đính chính)', priority: 1 },
    });
    expect(corrected).toMatchObject({ subject: 'V/v tổ chức tập huấn nghiệp vụ văn thư (đính chính)', priority: 1, edxmlDocumentId: before.edxmlDocumentId });
    await A.sync();
    await B.sync();
    const requested = await B.call('documents.get', { id: before.id });
    expect(requested.pendingRequest).toMatchObject({ kind: 'update', reason: 'Sửa thời gian và độ khẩn' });
    expect(requested.subject).toBe('V/v tổ chức tập huấn nghiệp vụ văn thư');

    const applied = await B.call('documents.answerRequest', { id: before.id, agree: true, reason: '' });
    expect(applied).toMatchObject({ subject: 'V/v tổ chức tập huấn nghiệp vụ văn thư (đính chính)', priority: 1, pendingRequest: null, state: 'arrived' });
    expect(applied.attachments.map((a) => a.sha256)).toEqual(before.attachments.map((a) => a.sha256));
    for (const agency of [A, B]) {
      const db = openDatabase(path.join(agency.dataDir, 'vanthu.sqlite'), { migrate: false });
      const revisions = db.prepare('SELECT reason, previous FROM document_revisions').all() as { reason: string; previous: string }[];
      db.close();
      expect(revisions.map((r) => [r.reason, (JSON.parse(r.previous) as { metadata: { subject: string } }).metadata.subject])).toEqual([
        ['Sửa thời gian và độ khẩn', 'V/v tổ chức tập huấn nghiệp vụ văn thư'],
      ]);
    }
    await B.sync();
    await A.sync();
    expect(recipient(await A.call('documents.get', { id }), B.code)).toMatchObject({ state: 'arrived', statusCode: '15' });
  });

  it('a revoke that arrives before its document waits in quarantine; Retry applies it once the document is there', async () => {
    const documentId = `${A.code},2026/11/20,88/UBND-VP`;
    const pkg = (docType: number, subject: string) => {
      const base = documentPackage(B.code, documentId, subject);
      base.business = { ...base.business, docType: docType as 0 | 1, reason: docType === 1 ? 'Ban hành nhầm' : '', documentId: docType === 1 ? documentId : '' };
      return base;
    };
    const client = createVxpClient({ baseUrl: axis.server.url, systemId: A.code, secret: axis.agencies[0]!.secret });
    const send = async (name: string, docType: number, subject: string) => {
      const file = path.join(A.dataDir, name);
      await writePackageFile(file, pkg(docType, subject), new Map([['1', new URL('../assets/sample.pdf', import.meta.url).pathname]]), { zipAttachments: false });
      await client.send(file, 'edoc', [B.code]);
    };

    await send('revoke-first.edxml', 1, 'V/v thu hồi công văn số 88');
    await B.sync();
    const [held] = (await B.call('quarantine.list', {})).filter((item) => item.state === 'open' && item.reason === 'unknown_document' && /never received/.test(item.detail));
    expect(held).toBeDefined();

    await send('original.edxml', 0, 'Công văn số 88 về lịch công tác');
    await B.sync();
    const original = await inboxDocument(B, 'Công văn số 88 về lịch công tác');
    expect(original.pendingRequest).toBeNull();

    expect((await B.call('quarantine.retry', { id: held!.id })).state).toBe('retrying');
    await B.sync();
    expect((await B.call('quarantine.list', {})).some((item) => item.id === held!.id)).toBe(false);
    expect((await B.call('documents.get', { id: original.id })).pendingRequest).toMatchObject({ kind: 'revoke', reason: 'Ban hành nhầm' });
  });

  function setZipAttachments(agency: TestAgency, on: boolean): void {
    const db = openDatabase(path.join(agency.dataDir, 'vanthu.sqlite'));
    writeValue(db, 'settings', ZIP_ATTACHMENTS_SETTING, on);
    db.close();
  }

  it('a zip-wrapped attachment (as VNPT’s library sends it) arrives as the PDF', async () => {
    setZipAttachments(A, true);
    onTestFinished(() => setZipAttachments(A, false));
    const id = await draft(A, 'V/v gửi kèm tệp nén');
    await A.call('documents.send', { id, recipients: [C.code] });
    await A.sync();
    await C.sync();
    const atC = await inboxDocument(C, 'V/v gửi kèm tệp nén');
    expect(atC.attachments.map((a) => [a.name, a.sha256])).toEqual([['Công văn.pdf', sha(pdf)]]);
  });

  it('a package B cannot store goes to B’s quarantine with its reason, and A learns from the axis trace that B refused it', async () => {
    const damagedZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('not really a zip archive at all')]);
    const id = await draft(A, 'V/v gửi hồ sơ nén', [pdf, damagedZip]);
    await A.call('documents.send', { id, recipients: [B.code] });
    await A.sync();
    await B.sync();
    const quarantined = await B.call('quarantine.list', {});
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ senderId: A.code, state: 'open', messageType: 'edoc' });
    expect(quarantined[0]).toMatchObject({ reason: 'bad_attachment', detail: expect.stringMatching(/damaged zip/) });
    expect(B.events.some((e) => e.type === 'quarantine.changed')).toBe(true);
    expect((await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 })).rows.some((r) => r.subject === 'V/v gửi hồ sơ nén')).toBe(false);

    await A.sync();
    const atA = await A.call('documents.get', { id });
    expect(recipient(atA, B.code).description).toMatch(/^The receiving system refused the package: .*damaged zip/);

    const ignored = await B.call('quarantine.ignore', { id: quarantined[0]!.id });
    expect(ignored.state).toBe('ignored');
  });

  it('with the axis stopped, A queues three documents; when it returns they are delivered once each', async () => {
    const port = Number(new URL(axis.server.url).port);
    await axis.server.close();
    const subjects = ['Thông báo 1', 'Thông báo 2', 'Thông báo 3'];
    for (const subject of subjects) await A.call('documents.send', { id: await draft(A, subject), recipients: [B.code] });
    await A.sync();
    const status = await A.call('sync.getStatus', {});
    expect(status.phase).toBe('offline');
    expect(status.queueLength).toBeGreaterThanOrEqual(3);

    axis.server = await createAxisServer({ dataDir: axis.dataDir, port, adminSecret: axis.adminSecret });
    await A.sync();
    expect((await A.call('sync.getStatus', {})).queueLength).toBe(0);
    await B.sync();
    for (const subject of subjects) await inboxDocument(B, subject);
  });

  it('C accepts into the register it chooses: a secret register numbers from 1, the default one goes on, a closed one gives no number; the book lists both, and exporting is audited', async () => {
    for (const subject of ['Sổ mật: văn bản 1', 'Sổ thường: văn bản 1']) await A.call('documents.send', { id: await draft(A, subject), recipients: [C.code] });
    await A.sync();
    await C.sync();
    const secret = await C.call('registers.create', { code: 'mat-den', name: 'Sổ đăng ký văn bản mật đến', direction: 'in', scope: 'Văn bản mật' });
    expect(secret).toMatchObject({ code: 'mat-den', direction: 'in', isDefault: false, active: true, years: [] });
    await expect(C.call('registers.create', { code: 'mat-den', name: 'Trùng', direction: 'in', scope: '' })).rejects.toThrow(/conflict/);
    const registers = await C.call('registers.list', {});
    const incoming = registers.find((r) => r.code === 'incoming')!;
    const outgoing = registers.find((r) => r.code === 'outgoing')!;

    const first = await inboxDocument(C, 'Sổ mật: văn bản 1');
    await expect(C.call('documents.respond', { id: first.id, status: '03', description: '', register: outgoing.id })).rejects.toThrow(/invalid_input/);
    await expect(C.call('documents.respond', { id: first.id, status: '02', description: 'Sai nơi', register: secret.id })).rejects.toThrow(/invalid_input/);
    expect((await C.call('documents.respond', { id: first.id, status: '03', description: '', register: secret.id })).arrivalNumber).toBe(1);
    await expect(C.call('registers.setActive', { register: incoming.id, active: false })).rejects.toThrow(/conflict/);
    expect((await C.call('registers.setActive', { register: secret.id, active: false })).active).toBe(false);
    const year = (await C.call('registers.list', {})).find((r) => r.id === secret.id)!.years[0]!;
    const second = await inboxDocument(C, 'Sổ thường: văn bản 1');
    const before = (await C.call('registers.entries', { register: incoming.id, year, limit: 500, offset: 0 })).total;
    await expect(C.call('documents.respond', { id: second.id, status: '03', description: '', register: secret.id })).rejects.toThrow(/invalid_input/);
    expect((await C.call('documents.respond', { id: second.id, status: '03', description: '' })).arrivalNumber).toBe(before + 1);

    const book = await C.call('registers.entries', { register: secret.id, year, limit: 50, offset: 0 });
    expect(book.total).toBe(1);
    expect(book.rows[0]!.cells).toMatchObject({ arrivalNumber: '01', typeAndSubject: 'Công văn: Sổ mật: văn bản 1', numberNotation: expect.stringMatching(/\/UBND-VX$/) });
    const exported = await C.call('registers.export', { register: secret.id, year, format: 'pdf' });
    expect(exported.fileName).toBe(`so-mat-den-${year}.pdf`);
    expect((await C.file(exported)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const db = openDatabase(path.join(C.dataDir, 'vanthu.sqlite'), { migrate: false });
    expect(db.prepare("SELECT subject, details FROM audit_log WHERE action = 'export'").all()).toEqual([{ subject: 'register:mat-den', details: JSON.stringify({ year, format: 'pdf' }) }]);
    db.close();
  });
});
