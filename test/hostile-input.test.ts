/**
 * Hostile packages at the receiver: each is delivered by the real reference axis to
 * agency B, followed in the same round by an ordinary package. The reference axis refuses
 * non-edXML and forged senders at upload, but the national axis passes bytes through, so these
 * packages are put straight into the axis's store, as a less careful axis would deliver them.
 * Each test asserts the quarantine reason and that nothing else changed: the ordinary package
 * after it arrived, the agencies are the same, the audit chain is still valid with only the two
 * expected entries added, no file was written outside the blob store and no blob was left that
 * no row names (nothing half-stored).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import yazl from 'yazl';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { signPdf } from '../electron/core/signing/pdf/sign-pdf.js';
import { verifyAuditChain } from '../electron/core/store/audit-log.js';
import { openDatabase } from '../electron/core/store/database.js';
import { referencedBlobs } from '../electron/core/store/referenced-blobs.js';
import { buildDocumentPackage } from '../shared/edxml/builder.js';
import type { DocumentPackage } from '../shared/edxml/model.js';
import type { QuarantineReason } from '../shared/api/quarantine-reasons.js';
import { startAgency, type TestAgency } from './agency-harness.js';
import { collectText, sampleDocumentPackage, testBytes } from './edxml-fixtures.js';
import { appendBlankPage } from './pdf-corpus/tamper.js';
import { makeTestPki } from './pdf-corpus/test-pki.js';

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

let axis: TemporaryAxis;
let A: TestAgency;
let B: TestAgency;
let C: TestAgency;
let pdf: Uint8Array;
let serial = 0;
let deliveries = 0;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  const agencies = await Promise.all(axis.agencies.map((credential) => startAgency(axis.server.url, credential)));
  [A, B, C] = [agencies[0]!, agencies[1]!, agencies[2]!];
  pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
});
afterAll(async () => {
  await Promise.all([A, B, C].map((agency) => agency?.close()));
  await axis?.dispose();
});

/** A document package from `from` to B, with the given attachments (name → bytes). */
function documentPackage(from: string, subject: string, files: [name: string, bytes: Uint8Array][]): { pkg: DocumentPackage; bodies: Uint8Array[] } {
  const pkg = sampleDocumentPackage(files.map((_, index) => String(index + 1)));
  serial++;
  pkg.header = { ...pkg.header, from: { ...pkg.header.from, organId: from }, to: [{ ...pkg.header.to[0]!, organId: B.code }], documentId: `${from},2026/11/20,${serial}/UBND-VP`, subject, responseFor: [] };
  pkg.traces = [{ organId: from, timestamp: '2026/11/20 08:00:00' }];
  files.forEach(([name], index) => {
    pkg.attachments[index]!.attachmentName = name;
    pkg.references[index]!.attachmentName = name;
  });
  return { pkg, bodies: files.map(([, bytes]) => bytes) };
}

async function packageXml(from: string, subject: string, files: [name: string, bytes: Uint8Array][] = [['Công văn.pdf', pdf]]): Promise<string> {
  const { pkg, bodies } = documentPackage(from, subject, files);
  return collectText(buildDocumentPackage(pkg, (id) => [bodies[Number(id) - 1]!]));
}

/** Puts a package in the axis's store for B, as sent by `sender` (the agency the axis authenticated). */
async function deliver(bytes: string | Uint8Array, sender = A.code): Promise<void> {
  const docId = randomUUID();
  const filePath = path.join('packages', `${docId}.xml`);
  await writeFile(path.join(axis.dataDir, filePath), bytes);
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  const createdTime = new Date(Date.UTC(2026, 10, 20) + ++deliveries * 1000).toISOString();
  axis.server.store.insertPackage({ docId, messageType: 'edoc', sender, sha256: sha(bytes), size, createdTime, filePath }, [B.code]);
}

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  // A folder another test file removes while this walks the shared temp folder held nothing of ours.
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`) : Promise.resolve([`${prefix}${entry.name}`]))),
  );
  return nested.flat().sort();
}

interface Snapshot {
  subjects: string[];
  attachments: string[];
  agencies: unknown[];
  /** `action subject` of every audit entry. */
  audit: string[];
  auditValid: boolean;
  /** Blob files that no row names: what a half-stored package would leave. */
  unreferencedBlobs: string[];
  /** Every file of the data folder but the blobs, the database and what lives in temp folders. */
  otherFiles: string[];
  /** The blob store's temp files: a package's decoded attachments, refused or not, must not stay. */
  blobTempFiles: string[];
}

async function snapshot(agency: TestAgency): Promise<Snapshot> {
  const db = openDatabase(agency.core.databaseFile, { migrate: false });
  try {
    const column = (sql: string) => (db.prepare(sql).all() as { v: string }[]).map((row) => row.v);
    const referenced = new Set(
      column(`SELECT package_sha256 AS v FROM documents UNION SELECT sha256 FROM attachments UNION SELECT sha256 FROM attachment_versions
              UNION SELECT package_sha256 FROM outbox UNION SELECT package_sha256 FROM quarantine`),
    );
    const files = await filesUnder(agency.dataDir);
    return {
      subjects: column('SELECT subject AS v FROM documents ORDER BY id'),
      attachments: column("SELECT name || ' ' || sha256 AS v FROM attachments ORDER BY id"),
      agencies: db.prepare('SELECT * FROM agencies ORDER BY id').all(),
      audit: column("SELECT action || ' ' || coalesce(subject, '') AS v FROM audit_log ORDER BY seq"),
      auditValid: verifyAuditChain(db).ok,
      unreferencedBlobs: files.filter((file) => /^blobs\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(file) && !referenced.has(path.basename(file))),
      otherFiles: files.filter((file) => !file.startsWith('blobs/') && !file.startsWith('vanthu.sqlite') && !file.includes('/tmp/')),
      blobTempFiles: files.filter((file) => file.startsWith('blobs/tmp/')),
    };
  } finally {
    db.close();
  }
}

function outboxOf(agency: TestAgency, documentId: number): number[] {
  const db = openDatabase(agency.core.databaseFile, { migrate: false });
  try {
    return (db.prepare('SELECT id FROM outbox WHERE document_id = ?').all(documentId) as { id: number }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

/**
 * Delivers `hostile`, then an ordinary package, syncs B once, and checks that the hostile one is
 * in quarantine with the reason code `reason` and a detail matching `detail`, and that only the
 * ordinary one changed anything.
 */
async function expectQuarantined(hostile: string | Uint8Array, reason: QuarantineReason, detail: RegExp, sender = A.code): Promise<void> {
  const before = await snapshot(B);
  const quarantinedBefore = (await B.call('quarantine.list', {})).map((item) => item.id);
  const next = `Công văn tiếp theo ${randomUUID()}`;
  await deliver(hostile, sender);
  await deliver(await packageXml(A.code, next));
  await B.sync();

  const added = (await B.call('quarantine.list', {})).filter((item) => !quarantinedBefore.includes(item.id));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ state: 'open', senderId: sender || null, messageType: 'edoc' });
  expect(added[0]!.reason).toBe(reason);
  expect(added[0]!.detail).toMatch(detail);

  const after = await snapshot(B);
  expect(after.subjects).toEqual([...before.subjects, next]);
  expect(after.attachments).toEqual([...before.attachments, `Công văn.pdf ${sha(pdf)}`]);
  expect(after.agencies).toEqual(before.agencies);
  // The ordinary document is also verified and its status 01 sent, in the background: only
  // entries about it may come besides the quarantine's one.
  const arrived = (await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 })).rows.find((row) => row.subject === next)!;
  const addedAudit = after.audit.slice(before.audit.length);
  expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
  const about = [`document:${arrived.id}`, ...outboxOf(B, arrived.id).map((id) => `outbox:${id}`)];
  expect(addedAudit.filter((entry) => !about.includes(entry.split(' ')[1]!)).map((entry) => entry.split(' ')[0])).toEqual(['package.quarantined']);
  expect(addedAudit).toContain(`document.received document:${arrived.id}`);
  expect(after.auditValid).toBe(true);
  expect(after.unreferencedBlobs).toEqual(before.unreferencedBlobs);
  expect(after.otherFiles).toEqual(before.otherFiles);
  expect(after.blobTempFiles).toEqual([]);
}

const HUGE = 8 * 1024 * 1024;

describe('hostile packages at the receiver', () => {
  it('billion laughs (a DOCTYPE with internal entities): doctype_or_entity', async () => {
    const entities = Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join('');
    const xml = (await packageXml(A.code, 'Billion laughs')).replace('<Subject>', '<Subject>&lol9;');
    await expectQuarantined(`<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY lol0 "lol">${entities}]>${xml}`, 'doctype_or_entity', /DOCTYPE is not allowed/);
  });

  it('an external entity (SYSTEM file:///etc/passwd): doctype_or_entity, the file never read', async () => {
    const xml = (await packageXml(A.code, 'XXE')).replace('<Subject>', '<Subject>&xxe;');
    await expectQuarantined(`<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${xml}`, 'doctype_or_entity', /DOCTYPE is not allowed/);
    expect((await B.call('quarantine.list', {})).some((item) => item.detail.includes('root:'))).toBe(false);
  });

  it(`a header field of ${HUGE / 1024 / 1024} MB: too_large`, async () => {
    const xml = (await packageXml(A.code, 'Huge')).replace('<Content>', `<Content>${'Đ'.repeat(HUGE)}`);
    await expectQuarantined(xml, 'too_large', /too long|longer than/);
  });

  it('100,000 levels of nesting: too_deep', async () => {
    const depth = 100_000;
    const xml = (await packageXml(A.code, 'Deep')).replace('<Content>', `<Content>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`);
    await expectQuarantined(xml, 'too_deep', /nested too deeply/);
  });

  it('invalid base64 in an attachment: bad_base64, after a good attachment that is not kept', async () => {
    const first = testBytes(5000, 701, '%PDF-1.4\n');
    const xml = await packageXml(A.code, 'Bad base64', [
      ['a.pdf', first],
      ['b.pdf', testBytes(3000, 702, '%PDF-1.4\n')],
    ]);
    const at = xml.lastIndexOf('</ContentTransferEncoded>') - 10;
    await expectQuarantined(`${xml.slice(0, at)}!*%${xml.slice(at)}`, 'bad_base64', /base64|outside the alphabet/i);
  });

  it('a list row without a sender, for a package claiming to come from the Government Office: sender_missing (fails closed, never stored)', async () => {
    const subject = 'Văn phòng Chính phủ (giả mạo)';
    await expectQuarantined(await packageXml('000.00.00.G22', subject), 'sender_missing', /did not say which agency sent this package.*000\.00\.00\.G22/, '');
    const inbox = (await B.call('documents.list', { box: 'inbox', limit: 500, offset: 0 })).rows;
    expect(inbox.some((row) => row.subject === subject)).toBe(false);
    // Acknowledged as refused, so the axis stops listing it and the sender's trace shows the refusal.
    expect(axis.server.store.listReceived({ receiver: B.code, messageType: 'edoc' })).toEqual([]);
  });

  it('a sender that is not the authenticated agency (From says C, the axis authenticated A): forged sender', async () => {
    await expectQuarantined(await packageXml(C.code, 'Forged From'), 'sender_mismatch', new RegExp(`says it comes from ${C.code.replaceAll('.', '\\.')}, but the axis delivered it from ${A.code.replaceAll('.', '\\.')}`));
  });
});

/**
 * A zip of one entry, as VNPT's library wraps each attachment: stored (uncompressed), or deflated
 * (what a zip bomb is: 100 MB of one byte take ~100 KB).
 */
async function zipOf(name: string, content: Uint8Array, compress = false): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(content), name, { compress });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

describe('attachments whose declared digest or size does not match', () => {
  // edXML carries no digest or size of an attachment (docs/formats.md#edxml: ContentId, AttachmentName,
  // Description, ContentType); what does is the zip wrapper, with the CRC-32 and sizes of its entry.
  it('a zip wrapper whose content does not match its CRC-32: bad_attachment, the good attachment before it not kept', async () => {
    const wrapped = testBytes(4000, 801, '%PDF-1.4\n');
    const zip = await zipOf('b.pdf', wrapped);
    const dataStart = 30 + 'b.pdf'.length;
    zip[dataStart + 100] = zip[dataStart + 100]! ^ 0xff;
    const xml = await packageXml(A.code, 'CRC mismatch', [
      ['a.pdf', testBytes(5000, 802, '%PDF-1.4\n')],
      ['b.pdf', zip],
    ]);
    await expectQuarantined(xml, 'bad_attachment', /damaged zip.*CRC-32/);
  });

  it('a zip wrapper whose declared size is larger than its content: bad_attachment', async () => {
    const zip = await zipOf('b.pdf', testBytes(4000, 803, '%PDF-1.4\n'));
    const central = zip.indexOf(CENTRAL_HEADER);
    zip.writeUInt32LE(5000, central + 24);
    zip.writeUInt32LE(5000, 22);
    await expectQuarantined(await packageXml(A.code, 'Size mismatch', [['b.pdf', zip]]), 'bad_attachment', /damaged zip/);
  });
});

describe('zip bombs', () => {
  it('a package of ~1 MB whose three zip-wrapped attachments each unzip to 100 MB: unzipped_too_large, nothing unzipped to the disk', async () => {
    const bomb = await zipOf('Công văn.pdf', Buffer.alloc(100 * 1024 * 1024, 0x20), true);
    const xml = await packageXml(A.code, 'Bom nén', [
      ['Công văn.pdf', bomb],
      ['Phụ lục 1.pdf', bomb],
      ['Phụ lục 2.pdf', bomb],
    ]);
    expect(Buffer.byteLength(xml)).toBeLessThan(2 * 1024 * 1024);
    await expectQuarantined(xml, 'unzipped_too_large', /unzips to more than 16\.0 MB.*zip bomb/);
  });
});

describe('attachment names', () => {
  it('path traversal, absolute paths, control characters and Windows device names are stored sanitised, never as a path', async () => {
    const names = ['../../x.pdf', '/etc/passwd', 'C:\\Windows\\system32\\evil.pdf', 'a\tb\u007fc\u0085.pdf', 'CON', 'prn.pdf', 'AUX.txt', 'NUL', 'com1.pdf', 'LPT1', 'bad.pdf. . ', '..'];
    const subject = 'Tên tệp nguy hiểm';
    const files = names.map((name, index): [string, Uint8Array] => [name, testBytes(200, 900 + index, '%PDF-1.4\n')]);
    const before = await snapshot(B);
    await deliver(await packageXml(A.code, subject, files));
    await B.sync();
    const arrived = (await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 })).rows.find((row) => row.subject === subject)!;
    const detail = await B.call('documents.get', { id: arrived.id });
    expect(detail.attachments.map((attachment) => attachment.name)).toEqual([
      'x.pdf',
      'passwd',
      'evil.pdf',
      'abc.pdf',
      '_CON',
      '_prn.pdf',
      '_AUX.txt',
      '_NUL',
      '_com1.pdf',
      '_LPT1',
      'bad.pdf',
      'attachment-12.pdf',
    ]);
    expect(detail.attachments.map((attachment) => attachment.sha256)).toEqual(files.map(([, bytes]) => sha(bytes)));
    const after = await snapshot(B);
    expect(after.otherFiles).toEqual(before.otherFiles);
    expect(after.unreferencedBlobs).toEqual([]);
    expect(await filesUnder(path.dirname(B.dataDir)).then((all) => all.filter((file) => /(^|\/)(x\.pdf|evil\.pdf|passwd)$/.test(file)))).toEqual([]);
  });
});

describe('content types', () => {
  it('follow the stored bytes, not the label: a zip-wrapped PDF labelled application/zip, a PDF labelled text/html, HTML labelled application/pdf', async () => {
    const subject = 'Nhãn loại tệp sai';
    const html = new TextEncoder().encode('<html><body><script>alert(document.cookie)</script></body></html>');
    const { pkg, bodies } = documentPackage(A.code, subject, [
      ['Quyết định.pdf', await zipOf('Quyết định.pdf', pdf)],
      ['Công văn.pdf', pdf],
      ['Phụ lục.pdf', html],
    ]);
    ['application/zip', 'text/html', 'application/pdf'].forEach((contentType, index) => {
      pkg.attachments[index]!.contentType = contentType;
      pkg.references[index]!.contentType = contentType;
    });
    await deliver(await collectText(buildDocumentPackage(pkg, (id) => [bodies[Number(id) - 1]!])));
    await B.sync();
    const arrived = (await B.call('documents.list', { box: 'inbox', limit: 500, offset: 0 })).rows.find((row) => row.subject === subject)!;
    const detail = await B.call('documents.get', { id: arrived.id });
    expect(detail.attachments.map((attachment) => [attachment.name, attachment.contentType, attachment.sha256])).toEqual([
      ['Quyết định.pdf', 'application/pdf', sha(pdf)],
      ['Công văn.pdf', 'application/pdf', sha(pdf)],
      ['Phụ lục.pdf', 'application/octet-stream', sha(html)],
    ]);
  });
});

describe('a PDF whose signature does not cover it', () => {
  // Not a package fault: the package is sound and the document arrives. The verifier
  // judges the PDF in the background and the clerk sees TOTAL_FAILED / FORMAT_FAILURE.
  it('arrives, is not quarantined, and is verified TOTAL_FAILED / FORMAT_FAILURE (a page added after the signature)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-hostile-pdf-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const pki = makeTestPki(dir);
    const signed = path.join(dir, 'signed.pdf');
    await signPdf(fileURLToPath(new URL('../assets/sample.pdf', import.meta.url)), signed, { fieldName: 'Chữ ký', rect: [0, 0, 0, 0], m: new Date(), ...pki.agency });
    await appendBlankPage(signed);
    const subject = 'Văn bản bị sửa sau khi ký';
    const quarantinedBefore = (await B.call('quarantine.list', {})).length;

    await deliver(await packageXml(A.code, subject, [['quyet-dinh.pdf', new Uint8Array(await readFile(signed))]]));
    await B.sync();
    expect(await B.call('quarantine.list', {})).toHaveLength(quarantinedBefore);
    const arrived = (await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 })).rows.find((row) => row.subject === subject)!;
    const started = Date.now();
    let verification = await B.call('documents.verification', { id: arrived.id });
    while (!verification && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      verification = await B.call('documents.verification', { id: arrived.id });
    }
    expect(verification).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(verification!.files[0]!.signatures[0]).toMatchObject({ coversWholeDocument: false, indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });
});

describe('the same document delivered twice', () => {
  it('is stored once: the second delivery (another axis id, same sender and DocumentId) is acknowledged as a duplicate', async () => {
    const subject = 'Công văn gửi hai lần';
    const xml = await packageXml(A.code, subject);
    const before = await snapshot(B);
    const quarantinedBefore = (await B.call('quarantine.list', {})).length;
    await deliver(xml);
    // A resend by another system: the same package with a comment, so the axis sees other bytes.
    await deliver(`${xml}<!-- resent -->`);
    await B.sync();

    const after = await snapshot(B);
    expect(after.subjects).toEqual([...before.subjects, subject]);
    expect(await B.call('quarantine.list', {})).toHaveLength(quarantinedBefore);
    expect(after.audit.slice(before.audit.length).filter((entry) => entry.startsWith('document.received'))).toHaveLength(1);
    expect(axis.server.store.listReceived({ receiver: B.code, messageType: 'edoc' })).toEqual([]);
  });
});

describe('another version under a known (sender, DocumentId)', () => {
  /** A package from A to B under `documentId`, with `subject` and one PDF. */
  async function version(documentId: string, subject: string, file: Uint8Array, trailer = ''): Promise<string> {
    const { pkg, bodies } = documentPackage(A.code, subject, [['Công văn.pdf', file]]);
    pkg.header.documentId = documentId;
    return `${await collectText(buildDocumentPackage(pkg, (id) => [bodies[Number(id) - 1]!]))}${trailer}`;
  }
  const statusPackagesFor = (documentId: number) => {
    const db = openDatabase(B.core.databaseFile, { migrate: false });
    try {
      return (db.prepare("SELECT purpose FROM outbox WHERE document_id = ? AND purpose LIKE 'status:%'").all(documentId) as { purpose: string }[]).map((row) => row.purpose);
    } finally {
      db.close();
    }
  };

  it('is kept as a conflict beside the original (acknowledged done, no second 01), the same content again is a duplicate, and the clerk keeps or takes each, audited', async () => {
    const documentId = `${A.code},2026/11/21,77/UBND-VP`;
    const original = testBytes(3000, 1101, '%PDF-1.4\n');
    const corrected = testBytes(3100, 1102, '%PDF-1.4\n');
    await deliver(await version(documentId, 'Kế hoạch kiểm tra', original));
    await B.sync();
    const inbox = async () => (await B.call('documents.list', { box: 'inbox', limit: 500, offset: 0 })).rows.filter((row) => row.subject.startsWith('Kế hoạch kiểm tra'));
    const [stored] = await inbox();
    expect(statusPackagesFor(stored!.id)).toEqual(['status:01']);

    await deliver(await version(documentId, 'Kế hoạch kiểm tra (đính chính)', corrected));
    await B.sync();
    expect((await inbox()).map((row) => [row.id, row.subject, row.hasConflict])).toEqual([[stored!.id, 'Kế hoạch kiểm tra', true]]);
    let detail = await B.call('documents.get', { id: stored!.id });
    expect(detail.attachments.map((file) => file.sha256)).toEqual([sha(original)]);
    expect(detail.conflicts).toHaveLength(1);
    expect(detail.conflicts[0]).toMatchObject({ metadata: { subject: 'Kế hoạch kiểm tra (đính chính)' }, attachments: [{ name: 'Công văn.pdf', sha256: sha(corrected), contentType: 'application/pdf' }] });
    expect(statusPackagesFor(stored!.id)).toEqual(['status:01']);
    const conflictAxisId = detail.conflicts[0]!.axisDocId;
    expect(axis.server.store.getDelivery(conflictAxisId, B.code)).toMatchObject({ status: 'done' });
    expect(await B.call('quarantine.list', {})).toEqual((await B.call('quarantine.list', {})).filter((item) => item.axisDocId !== conflictAxisId));

    // The corrected version sent once more (other bytes, same content): a duplicate, not a second conflict.
    await deliver(await version(documentId, 'Kế hoạch kiểm tra (đính chính)', corrected, '<!-- resent -->'));
    await B.sync();
    expect((await B.call('documents.get', { id: stored!.id })).conflicts).toHaveLength(1);

    detail = await B.call('documents.resolveConflict', { id: stored!.id, conflictId: detail.conflicts[0]!.id, keep: 'original' });
    expect(detail).toMatchObject({ subject: 'Kế hoạch kiểm tra', hasConflict: false, conflicts: [] });

    // A third version: this time the clerk takes it; the one it replaces is kept as a revision (and backed up).
    const third = testBytes(3200, 1103, '%PDF-1.4\n');
    await deliver(await version(documentId, 'Kế hoạch kiểm tra (bản cuối)', third));
    await B.sync();
    const pending = (await B.call('documents.get', { id: stored!.id })).conflicts;
    expect(pending.map((conflict) => conflict.metadata.subject)).toEqual(['Kế hoạch kiểm tra (bản cuối)']);
    detail = await B.call('documents.resolveConflict', { id: stored!.id, conflictId: pending[0]!.id, keep: 'new' });
    expect(detail).toMatchObject({ id: stored!.id, subject: 'Kế hoạch kiểm tra (bản cuối)', state: 'arrived', conflicts: [] });
    expect(detail.attachments.map((file) => file.sha256)).toEqual([sha(third)]);
    await expect(B.call('documents.resolveConflict', { id: stored!.id, conflictId: pending[0]!.id, keep: 'original' })).rejects.toThrow(/conflict .*decided already/);

    const db = openDatabase(B.core.databaseFile, { migrate: false });
    try {
      const revisions = db.prepare('SELECT previous FROM document_revisions WHERE document_id = ?').all(stored!.id) as { previous: string }[];
      expect(revisions.map((row) => JSON.parse(row.previous) as { metadata: { subject: string }; attachments: { sha256: string }[] })).toMatchObject([
        { metadata: { subject: 'Kế hoạch kiểm tra' }, attachments: [{ sha256: sha(original) }] },
      ]);
      expect(referencedBlobs(db)).toEqual(expect.arrayContaining([sha(original), sha(corrected), sha(third)]));
      const audit = (db.prepare("SELECT action FROM audit_log WHERE subject = ? AND action LIKE 'document.conflict%' ORDER BY seq").all(`document:${stored!.id}`) as { action: string }[]).map((row) => row.action);
      expect(audit).toEqual(['document.conflict', 'document.conflict.keep', 'document.conflict', 'document.conflict.take']);
      expect(verifyAuditChain(db).ok).toBe(true);
    } finally {
      db.close();
    }
    expect(statusPackagesFor(stored!.id)).toEqual(['status:01']);
  });
});
