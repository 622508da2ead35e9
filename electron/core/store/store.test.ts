import { createReadStream } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { applyDirectoryRows, searchAgencies, type DirectoryRow } from './agencies.js';
import { appendAudit, verifyAuditChain } from './audit-log.js';
import { BlobCorruptedError, BlobStore } from './blob-store.js';
import { openDatabase, writeTransaction } from './database.js';
import { addAttachment, createDraft, getDocument, listDocuments } from './documents.js';
import { applyRecipientStatus, insertRecipients } from './status-events.js';

const tempDir = useTempDirs();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function freshDb() {
  return openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
}

const agency = (id: string, name: string, extra: Partial<DirectoryRow> = {}): DirectoryRow => ({
  id,
  name,
  codeQd20: null,
  parentId: null,
  email: null,
  version: 1,
  deleted: false,
  ...extra,
});

describe('blob store', () => {
  it('stores bytes under their SHA-256, once, and reads them back verified', async () => {
    const store = new BlobStore(path.join(await tempDir(), 'blobs'));
    await store.init();
    const bytes = new TextEncoder().encode('%PDF-1.7 test');
    const first = await store.putBytes(bytes);
    const second = await store.putStream(Readable.from([Buffer.from('%PDF-1.7 '), Buffer.from('test')]));
    expect(first).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(second).toEqual(first);
    expect(Buffer.from(await store.read(first.sha256)).equals(Buffer.from(bytes))).toBe(true);
    expect(path.basename(store.pathOf(first.sha256))).toBe(first.sha256);
  });

  it('reports a file damaged on disk instead of serving it', async () => {
    const store = new BlobStore(path.join(await tempDir(), 'blobs'));
    await store.init();
    const { sha256 } = await store.putBytes(new Uint8Array([1, 2, 3]));
    await writeFile(store.pathOf(sha256), new Uint8Array([1, 2, 4]));
    await expect(store.read(sha256)).rejects.toBeInstanceOf(BlobCorruptedError);
  });

  it('rejects a source that fails before the temp file is open, without an uncaught error, and leaves no temp file', async () => {
    const store = new BlobStore(path.join(await tempDir(), 'blobs'));
    await store.init();
    const failingAtOnce = new Readable({ read() {} });
    process.nextTick(() => failingAtOnce.destroy(new Error('the source failed at once')));
    await expect(store.stageStream(failingAtOnce)).rejects.toThrow('the source failed at once');
    // The way restore reads a backup's blob: a missing file fails on its open, before any read.
    await expect(store.stageStream(createReadStream(path.join(store.root, 'missing')))).rejects.toThrow(/ENOENT/);
    expect(await readdir(path.join(store.root, 'tmp'))).toEqual([]);
  });

  it('rejects names that are not SHA-256 (no path tricks)', async () => {
    const store = new BlobStore(path.join(await tempDir(), 'blobs'));
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});

describe('audit log', () => {
  it('chains rows and detects an edited row', async () => {
    const db = await freshDb();
    writeTransaction(db, () => {
      appendAudit(db, { actor: 'clerk', action: 'a' });
      appendAudit(db, { actor: 'clerk', action: 'b', details: { n: 1 } });
      appendAudit(db, { actor: 'clerk', action: 'c' });
    });
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });

    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);

    // Someone with the file and a SQLite shell drops the guard and edits history:
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details = '{\"n\":2}' WHERE seq = 2").run();
    expect(verifyAuditChain(db)).toEqual({ ok: false, brokenAtSeq: 2, rows: 2 });
    db.close();
  });

  it('must be written inside the transaction of the change', async () => {
    const db = await freshDb();
    expect(() => appendAudit(db, { actor: 'clerk', action: 'loose' })).toThrow(/inside the write transaction/);
    db.close();
  });
});

describe('agency directory', () => {
  it('finds agencies by accent-less name prefixes and by either code', async () => {
    const db = await freshDb();
    writeTransaction(db, () =>
      applyDirectoryRows(db, [
        agency('000.00.00.H41', 'Ủy ban nhân dân tỉnh Nghệ An', { codeQd20: 'H41' }),
        agency('000.00.01.H41', 'Sở Y tế tỉnh Nghệ An', { parentId: '000.00.00.H41' }),
        agency('000.00.00.G22', 'Văn phòng Chính phủ', { codeQd20: 'G22' }),
        agency('000.00.00.H26', 'Ủy ban nhân dân thành phố Đà Nẵng'),
      ]),
    );
    expect(searchAgencies(db, 'nghe an', 10, 0).total).toBe(2);
    expect(searchAgencies(db, 'so y te', 10, 0).rows.map((a) => a.id)).toEqual(['000.00.01.H41']);
    expect(searchAgencies(db, 'da nang', 10, 0).rows.map((a) => a.id)).toEqual(['000.00.00.H26']);
    expect(searchAgencies(db, 'VĂN PHÒNG chính', 10, 0).rows.map((a) => a.id)).toEqual(['000.00.00.G22']);
    expect(searchAgencies(db, '000.00.00.G22', 10, 0).rows.map((a) => a.id)).toEqual(['000.00.00.G22']);
    expect(searchAgencies(db, 'g22', 10, 0).rows.map((a) => a.id)).toEqual(['000.00.00.G22']);
    expect(searchAgencies(db, '', 2, 0)).toMatchObject({ total: 4 });
    expect(searchAgencies(db, '"); DROP TABLE agencies; --', 10, 0).total).toBe(0);
    db.close();
  });

  it('applies renames and deletions from later directory versions', async () => {
    const db = await freshDb();
    writeTransaction(db, () => applyDirectoryRows(db, [agency('A.01', 'Phòng Tư pháp'), agency('A.02', 'Phòng Nội vụ')]));
    writeTransaction(db, () =>
      applyDirectoryRows(db, [agency('A.01', 'Phòng Tư pháp huyện Hưng Nguyên', { version: 2 }), agency('A.02', 'Phòng Nội vụ', { deleted: true, version: 2 })]),
    );
    expect(searchAgencies(db, 'noi vu', 10, 0).total).toBe(0);
    expect(searchAgencies(db, 'hung nguyen', 10, 0).rows.map((a) => a.name)).toEqual(['Phòng Tư pháp huyện Hưng Nguyên']);
    expect(searchAgencies(db, 'tu phap', 10, 0).total).toBe(1);
    expect(searchAgencies(db, '', 10, 0).total).toBe(1);
    db.close();
  });
});

describe('drafts and attachments', () => {
  it('persist across reopening the file, with an audit row for each change', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vanthu.sqlite');
    const blobs = new BlobStore(path.join(dir, 'blobs'));
    await blobs.init();
    const pdf = await readFile(new URL('../../../assets/sample.pdf', import.meta.url));
    let db = openDatabase(file);
    const id = createDraft(db, { subject: 'Về việc triển khai văn bản điện tử', summary: '' }, 'clerk');
    const blob = await blobs.putBytes(pdf);
    const attachment = addAttachment(db, { documentId: id, name: 'Công văn.pdf', contentType: 'application/pdf', ...blob }, 'clerk');
    expect(attachment?.sha256).toBe(sha(pdf));
    expect(addAttachment(db, { documentId: 9999, name: 'x.pdf', contentType: 'application/pdf', ...blob }, 'clerk')).toBeNull();
    db.close();

    db = openDatabase(file);
    expect(listDocuments(db, 'drafts', 10, 0).rows.map((d) => [d.subject, d.attachmentCount])).toEqual([['Về việc triển khai văn bản điện tử', 1]]);
    const detail = getDocument(db, id)!;
    expect(detail.attachments.map((a) => a.name)).toEqual(['Công văn.pdf']);
    expect(sha(await blobs.read(detail.attachments[0]!.sha256))).toBe(sha(pdf));
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 2 });
    db.close();
  });
});

describe('recipient statuses', () => {
  it('keep the later status and its reason when an earlier one is fetched after it', async () => {
    const db = await freshDb();
    const id = createDraft(db, { subject: 'Về việc báo cáo tháng', summary: '' }, 'clerk');
    const row = () => db.prepare('SELECT state, status_code AS code, description FROM recipient_statuses WHERE document_id = ?').get(id);
    writeTransaction(db, () => insertRecipients(db, id, ['000.00.00.H41'], 'sent', '2026-11-29T08:00:00Z'));

    expect(applyRecipientStatus(db, id, '000.00.00.H41', '02', 'Không thuộc thẩm quyền', '2026-11-29T08:02:00Z')).toBe(true);
    expect(applyRecipientStatus(db, id, '000.00.00.H41', '01', null, '2026-11-29T08:03:00Z')).toBe(true);
    expect(row()).toEqual({ state: 'returned', code: '02', description: 'Không thuộc thẩm quyền' });

    // Forward moves still replace code and reason; unknown codes are still kept verbatim.
    expect(applyRecipientStatus(db, id, '000.00.00.H41', '13', 'Gửi nhầm', '2026-11-29T08:04:00Z')).toBe(true);
    expect(row()).toEqual({ state: 'takeback_requested', code: '13', description: 'Gửi nhầm' });
    applyRecipientStatus(db, id, '000.00.00.H41', '99', 'mã lạ', '2026-11-29T08:05:00Z');
    expect(row()).toEqual({ state: 'takeback_requested', code: '99', description: 'mã lạ' });
    expect(applyRecipientStatus(db, id, '000.00.00.H99', '01', null, '2026-11-29T08:06:00Z')).toBe(false);
    db.close();
  });
});

describe('a reply received', () => {
  it('links to the document sent from here that its ResponseFor names, and to nothing when none was', async () => {
    const db = await freshDb();
    const sent = createDraft(db, { subject: 'V/v đề nghị báo cáo', summary: '' }, 'clerk');
    db.prepare("UPDATE documents SET direction = 'outgoing', code_number = '01', code_notation = 'UBND-VP', edxml_document_id = 'H41,2026/12/06,01/UBND-VP' WHERE id = ?").run(sent);
    const reply = createDraft(db, { subject: 'V/v báo cáo', summary: '' }, 'clerk');
    const answering = (documentId: string) =>
      db.prepare("UPDATE documents SET direction = 'incoming', header_fields = ? WHERE id = ?").run(JSON.stringify({ responseFor: [{ organId: 'H41', code: '01/UBND-VP', promulgationDate: '2026/12/06', documentId }] }), reply);
    answering('H41,2026/12/06,01/UBND-VP');
    expect(getDocument(db, reply)!.answers).toEqual({ id: sent, subject: 'V/v đề nghị báo cáo', codeNumber: '01', codeNotation: 'UBND-VP' });
    answering('H41,2026/12/06,02/UBND-VP');
    expect(getDocument(db, reply)!.answers).toBeNull();
    expect(getDocument(db, sent)!.answers).toBeNull();
    db.close();
  });
});
