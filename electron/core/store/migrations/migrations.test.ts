import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { openDatabase } from '../database.js';
import { searchAgencies } from '../agencies.js';
import { searchDocuments } from '../document-search.js';
import { agencyMatchQuery, agencySearchText } from '../agency-search-text.js';
import { countWaitingIncoming, inboxCounts, listDocuments } from '../documents.js';
import { getVerification, saveVerification, unverifiedIncoming } from '../verifications.js';
import { DatabaseFromFutureError, LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, schemaVersion, type Migration } from './index.js';
import { WAITING_INCOMING_WHERE } from '../documents.js';
import { readPlacementTemplate, rememberPlacement } from '../placement-templates.js';
import { listQuarantine, quarantinePackage } from '../quarantine.js';
import { migration170 } from './170-clerk-desk.js';
import { migration190 } from './190-records.js';
import { recordCopy } from '../certified-copies.js';
import { createDossier, fileDocument } from '../dossiers.js';
import { migration210 } from './210-hub-replica.js';
import { migration220 } from './220-replica-lists.js';
import { migration230 } from './230-hub-files.js';
import { migration260 } from './260-hub-notices.js';
import { migration270 } from './270-arrival-work.js';
import { migration280 } from './280-status-packages-in-outbox.js';
import { migration290 } from './290-document-index-once.js';
import { insertReceivedDocument } from '../document-transitions.js';
import { dueOutbox, enqueueOutbox } from '../outbox.js';
import { referencedBlobs } from '../referenced-blobs.js';
import { openArrival, recordArrivalReminder, saveArrivalWork } from '../arrival-work.js';
import { countUnreadNotices, listNotices, markNoticesRead } from '../hub-notices.js';
import { evictableFiles, isDocumentPinned, missingPinnedFiles, recordFileUse, replicaAttachments, setDocumentPinned } from '../hub-files.js';
import { applyFeedPage, readHubLink, readReplicaDocument, saveHubSignIn } from '../hub-replica.js';

const tempDir = useTempDirs();

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );
}

/** A new database file at the version before `migration`, open without migrating further. */
async function atVersionBefore(migration: Migration): Promise<{ file: string; raw: Database.Database }> {
  const file = path.join(await tempDir(), 'vanthu.sqlite');
  const raw = new Database(file);
  migrate(raw, MIGRATIONS[MIGRATIONS.indexOf(migration) - 1]!.version);
  return { file, raw };
}

describe('migrations', () => {
  it('are numbered in tens, in order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions.every((v) => v % 10 === 0)).toBe(true);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('build the whole schema from an empty file', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(
      [
        'agencies',
        'agencies_fts',
        'arrival_reminders',
        'arrival_work',
        'attachment_versions',
        'attachments',
        'audit_log',
        'certified_copies',
        'blob_texts',
        'content_fts',
        'document_conflicts',
        'document_revisions',
        'document_verifications',
        'documents',
        'recipient_groups',
        'recipient_group_members',
        'saved_searches',
        'intake_items',
        'documents_fts',
        'dossier_documents',
        'dossiers',
        'handovers',
        'hub_commands',
        'hub_documents',
        'hub_file_cache',
        'hub_link',
        'hub_notices',
        'hub_pinned_documents',
        'hub_units',
        'hub_users',
        'inbound_packages',
        'outbox',
        'pending_requests',
        'placement_templates',
        'quarantine',
        'recipient_statuses',
        'register_counters',
        'registers',
        'settings',
        'status_events',
        'sync_state',
      ].sort(),
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('010 → 020 indexes the agencies already stored at version 10', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 10);
    expect(schemaVersion(raw)).toBe(10);
    raw
      .prepare("INSERT INTO agencies (id, code_qd20, name, updated_at) VALUES ('000.00.00.H41', 'H41', 'Ủy ban nhân dân tỉnh Nghệ An', '2026-01-01T00:00:00Z')")
      .run();
    raw.close();

    const db = new Database(file);
    migrate(db, 20);
    expect(schemaVersion(db)).toBe(20);
    // The index as 020 left it (the search of today reads later columns too).
    const found = db.prepare('SELECT agencies.id FROM agencies_fts JOIN agencies ON agencies.seq = agencies_fts.rowid WHERE agencies_fts MATCH ?').pluck().all(agencyMatchQuery('uy ban nghe an'));
    expect(found).toEqual(['000.00.00.H41']);
    db.close();
  });

  it('020 → 030 keeps drafts, attachments and outbox rows, and lists urgent documents first', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 20);
    const at = '2026-01-01T00:00:00.000Z';
    raw.prepare("INSERT INTO documents (id, direction, subject, state, priority, created_at, updated_at) VALUES (1, 'draft', 'Thường', 'editing', 0, ?, ?)").run(at, at);
    raw.prepare("INSERT INTO documents (id, direction, subject, state, priority, created_at, updated_at) VALUES (2, 'draft', 'Hỏa tốc', 'editing', 3, ?, ?)").run(at, '2025-01-01T00:00:00.000Z');
    raw.prepare("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (1, 1, 'a.pdf', 'application/pdf', 3, ?, ?)").run('a'.repeat(64), at);
    raw.prepare("INSERT INTO outbox (document_id, message_type, package_sha256, recipients, state, created_at, updated_at) VALUES (1, 'edoc', ?, '[]', 'queued', ?, ?)").run('b'.repeat(64), at, at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const drafts = listDocuments(db, 'drafts', 10, 0);
    expect(drafts.rows.map((d) => [d.subject, d.attachmentCount, d.codeNumber, d.arrivalNumber])).toEqual([
      ['Hỏa tốc', 0, '', null],
      ['Thường', 1, '', null],
    ]);
    expect(db.prepare('SELECT purpose FROM outbox').get()).toEqual({ purpose: 'document' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('030 → 040 keeps drafts as unsigned, and records each attachment as its first version', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 30);
    const at = '2026-02-01T00:00:00.000Z';
    raw.prepare("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (1, 'draft', 'Tờ trình', 'editing', ?, ?)").run(at, at);
    raw.prepare("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (2, 'outgoing', 'Công văn', 'sent', ?, ?)").run(at, at);
    raw.prepare("INSERT INTO attachments (id, document_id, position, name, content_type, size, sha256, created_at) VALUES (7, 1, 1, 'a.pdf', 'application/pdf', 3, ?, ?)").run('a'.repeat(64), at);
    raw.prepare("INSERT INTO register_counters (register, year, last_number) VALUES ('incoming', 2026, 4)").run();
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT id, signing_state FROM documents ORDER BY id').all()).toEqual([
      { id: 1, signing_state: 'none' },
      { id: 2, signing_state: 'none' },
    ]);
    expect(db.prepare('SELECT attachment_id, version, sha256, size, step, created_at FROM attachment_versions').all()).toEqual([
      { attachment_id: 7, version: 1, sha256: 'a'.repeat(64), size: 3, step: 'original', created_at: at },
    ]);
    expect(db.prepare('SELECT last_number FROM register_counters').get()).toEqual({ last_number: 4 });
    expect(() => db.prepare("UPDATE documents SET signing_state = 'bogus' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('040 → 050 leaves incoming documents unverified (verified at the next start), then stores one verdict per document', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 40);
    const at = '2026-03-01T00:00:00.000Z';
    raw.prepare("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (1, 'incoming', 'Công văn đến', 'arrived', ?, ?)").run(at, at);
    raw.prepare("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (2, 'outgoing', 'Công văn đi', 'sent', ?, ?)").run(at, at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(unverifiedIncoming(db)).toEqual([1]);
    expect(listDocuments(db, 'inbox', 10, 0).rows[0]!.verification).toBeNull();
    const sender = { expectedName: 'UBND tỉnh Nghệ An', expectedCode: '000.00.00.H41', signedBy: null, matches: null };
    saveVerification(db, { documentId: 1, verifiedAt: at, indication: 'INDETERMINATE', subIndication: 'TRY_LATER', files: [], sender });
    saveVerification(db, { documentId: 1, verifiedAt: at, indication: 'UNSIGNED', subIndication: null, files: [], sender });
    expect(listDocuments(db, 'inbox', 10, 0).rows[0]!.verification).toEqual({ indication: 'UNSIGNED', subIndication: null });
    expect(getVerification(db, 1)).toMatchObject({ documentId: 1, indication: 'UNSIGNED', sender });
    expect(getVerification(db, 2)).toBeNull();
    expect(unverifiedIncoming(db)).toEqual([]);
    expect(() => db.prepare("INSERT INTO document_verifications VALUES (2, 'VALID', NULL, ?, '{}')").run(at)).toThrow(/CHECK/);
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM document_verifications').get()).toEqual({ n: 0 });
    db.close();
  });

  it('080 from an empty file: one default register per direction, keeping the counters of 030', async () => {
    const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
    expect(db.prepare('SELECT code, direction, is_default, active FROM registers ORDER BY id').all()).toEqual([
      { code: 'incoming', direction: 'in', is_default: 1, active: 1 },
      { code: 'outgoing', direction: 'out', is_default: 1, active: 1 },
    ]);
    expect(() => db.prepare("INSERT INTO registers (code, name, direction, is_default, created_at) VALUES ('x', 'x', 'in', 1, '')").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('→ 080 from the previous version puts numbered documents in the default registers, in their year', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 80) - 1]!.version;
    migrate(raw, previous);
    const insert = raw.prepare(
      `INSERT INTO documents (id, direction, subject, state, signing_state, arrival_number, code_number, promulgation_date, received_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Accepted at 18:00 UTC on 31 December 2025: 1 January 2026 in Vietnam, number 1 of 2026.
    insert.run(1, 'incoming', 'Đến, đã vào sổ', 'accepted', 'none', 1, '12', '2025-12-30', '2025-12-31T10:00:00.000Z', '2025-12-31T10:00:00.000Z', '2026-01-02T00:00:00.000Z');
    raw
      .prepare("INSERT INTO status_events (document_id, agency_id, direction, status_code, occurred_at) VALUES (1, '000.00.00.H41', 'out', '03', '2025-12-31T18:00:00.000Z')")
      .run();
    insert.run(2, 'incoming', 'Đến, chưa vào sổ', 'arrived', 'none', null, '13', null, '2026-01-05T00:00:00.000Z', '2026-01-05T00:00:00.000Z', '2026-01-05T00:00:00.000Z');
    insert.run(3, 'draft', 'Đi, đã lấy số', 'editing', 'numbered', null, '07', '2026-02-03', null, '2026-02-01T00:00:00.000Z', '2026-02-03T02:00:00.000Z');
    insert.run(4, 'outgoing', 'Đi, số gõ tay trước khi có ký số', 'sent', 'none', null, '99', '2026-02-04', null, '2026-02-01T00:00:00.000Z', '2026-02-04T00:00:00.000Z');
    raw.prepare("INSERT INTO register_counters (register, year, last_number) VALUES ('incoming', 2026, 1), ('outgoing', 2026, 7)").run();
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const registerOf = (code: string) => (db.prepare('SELECT id FROM registers WHERE code = ?').get(code) as { id: number }).id;
    expect(db.prepare('SELECT id, register_id, register_year, register_number, registered_at FROM documents ORDER BY id').all()).toEqual([
      { id: 1, register_id: registerOf('incoming'), register_year: 2026, register_number: 1, registered_at: '2025-12-31T18:00:00.000Z' },
      { id: 2, register_id: null, register_year: null, register_number: null, registered_at: null },
      { id: 3, register_id: registerOf('outgoing'), register_year: 2026, register_number: 7, registered_at: '2026-02-03T02:00:00.000Z' },
      { id: 4, register_id: null, register_year: null, register_number: null, registered_at: null },
    ]);
    expect(db.prepare('SELECT register, year, last_number FROM register_counters ORDER BY register').all()).toEqual([
      { register: 'incoming', year: 2026, last_number: 1 },
      { register: 'outgoing', year: 2026, last_number: 7 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('040 → 070 indexes the documents already stored, folded, with their attachment names, and keeps indexing new ones', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 40);
    const at = '2026-03-01T00:00:00.000Z';
    raw
      .prepare(
        "INSERT INTO documents (id, direction, subject, code_number, code_notation, sender_id, sender_name, state, created_at, updated_at) VALUES (1, 'incoming', 'Quyết định phê duyệt đề án', '12', 'QĐ-UBND', '000.00.00.H41', 'UBND tỉnh Nghệ An', 'arrived', ?, ?)",
      )
      .run(at, at);
    raw.prepare("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (2, 'draft', 'Tờ trình', 'editing', ?, ?)").run(at, at);
    raw.prepare("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (2, 1, 'Đề án chi tiết.pdf', 'application/pdf', 3, ?, ?)").run('a'.repeat(64), at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const found = (query: string) => searchDocuments(db, { query, filters: {}, cursor: null, limit: 10 }).rows.map((row) => row.id).sort();
    expect(found('quyet dinh phe duyet')).toEqual([1]);
    expect(found('12/QĐ-UBND')).toEqual([1]);
    expect(found('nghe an')).toEqual([1]);
    expect(found('de an')).toEqual([1, 2]);
    db.prepare("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (3, 'draft', 'Đề án mới', 'editing', ?, ?)").run(at, at);
    expect(found('de an')).toEqual([1, 2, 3]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('080 → 090 rebuilds the document index with the register of each document, and keeps it in step', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 80);
    const at = '2026-03-01T00:00:00.000Z';
    const insert = raw.prepare("INSERT INTO documents (id, direction, subject, state, register_id, register_year, register_number, registered_at, created_at, updated_at) VALUES (?, 'incoming', 'Giấy mời họp', 'accepted', ?, 2026, ?, ?, ?, ?)");
    insert.run(1, 1, 1, at, at, at);
    insert.run(2, null, null, null, at, at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const found = (registerId: number) => searchDocuments(db, { query: 'giay moi', filters: { registerId }, cursor: null, limit: 10 }).rows.map((row) => row.id);
    expect(found(1)).toEqual([1]);
    db.prepare('UPDATE documents SET register_id = 1, register_year = 2026, register_number = 2, registered_at = ? WHERE id = 2').run(at);
    expect(found(1)).toEqual([2, 1]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('090 → 100 indexes the waiting incoming documents, and the count reads that index only', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 90);
    const at = '2026-03-01T00:00:00.000Z';
    const insert = raw.prepare('INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(1, 'incoming', 'Giấy mời họp', 'arrived', at, at);
    insert.run(2, 'incoming', 'Kế hoạch', 'accepted', at, at);
    insert.run(3, 'incoming', 'Báo cáo', 'arrived', at, at);
    insert.run(4, 'outgoing', 'Công văn', 'sent', at, at);
    insert.run(5, 'incoming', 'Thông báo', 'returned', at, at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(countWaitingIncoming(db)).toBe(2);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM documents INDEXED BY documents_waiting WHERE ${WAITING_INCOMING_WHERE}`).all() as { detail: string }[]).map((row) => row.detail);
    expect(plan.join(' ')).toMatch(/USING COVERING INDEX documents_waiting/);
    db.prepare("UPDATE documents SET state = 'accepted' WHERE id = 1").run();
    db.prepare('INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (6, ?, ?, ?, ?, ?)').run('incoming', 'Quyết định', 'arrived', at, at);
    expect(countWaitingIncoming(db)).toBe(2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const fresh = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
    expect(fresh.prepare("SELECT sql FROM sqlite_master WHERE name = 'documents_waiting'").pluck().get()).toMatch(/WHERE direction = 'incoming' AND state = 'arrived'/);
    fresh.close();
  });

  it('100 → 110 gives quarantine rows a reason code from the words VanThu wrote, queues outbox rows waiting out a back-off, and keeps what was received', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 100);
    const at = '2026-04-01T00:00:00.000Z';
    const quarantine = raw.prepare("INSERT INTO quarantine (axis_doc_id, message_type, sender_id, reason, package_sha256, state, created_at, updated_at) VALUES (?, 'edoc', 'A', ?, NULL, 'open', ?, ?)");
    const reasons = [
      ['q1', 'a DOCTYPE is not allowed in an edXML package (at edXML)'],
      ['q2', 'The package says it comes from C, but the axis delivered it from A: a forged or misconfigured sender.'],
      ['q3', 'the attachment is a damaged zip: invalid central directory file header signature'],
      ['q4', 'A revoke from A concerns document X, which this agency never received.'],
      ['q5', 'elements are nested too deeply (at edXML/a)'],
      ['q6', 'Unexpected end of input'],
    ];
    for (const [id, reason] of reasons) quarantine.run(id, reason, at, at);
    const outbox = raw.prepare("INSERT INTO outbox (document_id, message_type, package_sha256, recipients, state, attempts, next_attempt_at, created_at, updated_at) VALUES (NULL, 'status', ?, '[]', ?, ?, ?, ?, ?)");
    outbox.run('a'.repeat(64), 'retry_wait', 9, '2026-04-01T00:15:00.000Z', at, at);
    outbox.run('b'.repeat(64), 'sent', 1, null, at, at);
    raw.prepare("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (1, 'incoming', 'Công văn', 'arrived', ?, ?)").run(at, at);
    raw.prepare("INSERT INTO inbound_packages (axis_doc_id, message_type, outcome, document_id, recorded_at, acknowledged_at) VALUES ('p1', 'edoc', 'document', 1, ?, ?)").run(at, at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT axis_doc_id, reason_code, reason FROM quarantine ORDER BY axis_doc_id').all()).toEqual([
      { axis_doc_id: 'q1', reason_code: 'doctype_or_entity', reason: reasons[0]![1] },
      { axis_doc_id: 'q2', reason_code: 'sender_mismatch', reason: reasons[1]![1] },
      { axis_doc_id: 'q3', reason_code: 'bad_attachment', reason: reasons[2]![1] },
      { axis_doc_id: 'q4', reason_code: 'unknown_document', reason: reasons[3]![1] },
      { axis_doc_id: 'q5', reason_code: 'too_deep', reason: reasons[4]![1] },
      { axis_doc_id: 'q6', reason_code: 'other', reason: reasons[5]![1] },
    ]);
    expect(listQuarantine(db).find((item) => item.axisDocId === 'q6')).toMatchObject({ reason: 'other', detail: 'Unexpected end of input' });
    expect(db.prepare('SELECT state, attempts, retry_step, next_attempt_at FROM outbox ORDER BY id').all()).toEqual([
      { state: 'queued', attempts: 9, retry_step: 0, next_attempt_at: null },
      { state: 'sent', attempts: 1, retry_step: 0, next_attempt_at: null },
    ]);
    // The record of what was received is the same, and takes conflicts now.
    expect(db.prepare('SELECT * FROM inbound_packages').all()).toEqual([{ axis_doc_id: 'p1', message_type: 'edoc', outcome: 'document', document_id: 1, recorded_at: at, acknowledged_at: at }]);
    db.prepare("INSERT INTO inbound_packages (axis_doc_id, message_type, outcome, document_id, recorded_at) VALUES ('p2', 'edoc', 'conflict', 1, ?)").run(at);
    expect(() => db.prepare("INSERT INTO inbound_packages (axis_doc_id, message_type, outcome, document_id, recorded_at) VALUES ('p3', 'edoc', 'bogus', 1, ?)").run(at)).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('110 from an empty file: quarantine rows keep a reason code', async () => {
    const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
    quarantinePackage(db, { axisDocId: 'x', messageType: 'edoc', senderId: null, reason: 'sender_missing', detail: 'no sender', packageSha256: null }, '2026-04-01T00:00:00.000Z');
    expect(listQuarantine(db)).toMatchObject([{ axisDocId: 'x', reason: 'sender_missing', detail: 'no sender', senderId: null }]);
    db.close();
  });

  it('110 → 130 keeps the drafts being signed and adds the placement templates, merged box by box', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 110);
    const at = '2026-03-01T00:00:00.000Z';
    raw.prepare("INSERT INTO documents (id, direction, subject, state, signing_state, created_at, updated_at) VALUES (1, 'draft', 'Quyết định', 'editing', 'awaiting_leader', ?, ?)").run(at, at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT signing_state FROM documents WHERE id = 1').pluck().get()).toBe('awaiting_leader');
    const key = 'quyết định|595x842|595x842';
    expect(readPlacementTemplate(db, key)).toBeNull();
    const leader = { page: -1, x: 330, y: 640, width: 210, height: 80 };
    rememberPlacement(db, key, { leader, date: { page: 1, x: 320, y: 120, width: 220, height: 18 } }, at);
    rememberPlacement(db, key, { date: { page: 1, x: 300, y: 110, width: 220, height: 18 } }, at);
    expect(readPlacementTemplate(db, key)).toEqual({ leader, date: { page: 1, x: 300, y: 110, width: 220, height: 18 } });
    expect(() => db.prepare("INSERT INTO placement_templates (template, boxes, updated_at) VALUES ('x', 'not json', ?)").run(at)).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('130 → 150 keeps every document as it was (no demo ones, no received header kept yet), and leaves demo ones out of the waiting count', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 130);
    const at = '2026-03-01T00:00:00.000Z';
    const insert = raw.prepare('INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(1, 'incoming', 'Giấy mời họp', 'arrived', at, at);
    insert.run(2, 'draft', 'Tờ trình', 'editing', at, at);
    insert.run(3, 'incoming', 'Báo cáo', 'arrived', at, at);
    raw.prepare("INSERT INTO status_events (document_id, agency_id, direction, status_code, description, occurred_at) VALUES (1, '000.00.00.H41', 'out', '01', NULL, ?)").run(at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT id, to_places, header_fields, demo, leader_comment FROM documents ORDER BY id').all()).toEqual([
      { id: 1, to_places: '[]', header_fields: null, demo: 0, leader_comment: null },
      { id: 2, to_places: '[]', header_fields: null, demo: 0, leader_comment: null },
      { id: 3, to_places: '[]', header_fields: null, demo: 0, leader_comment: null },
    ]);
    expect(db.prepare('SELECT internal_note FROM status_events').all()).toEqual([{ internal_note: null }]);
    expect(countWaitingIncoming(db)).toBe(2);
    db.prepare('UPDATE documents SET demo = 1 WHERE id = 3').run();
    expect(countWaitingIncoming(db)).toBe(1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM documents INDEXED BY documents_waiting WHERE ${WAITING_INCOMING_WHERE}`).all() as { detail: string }[]).map((row) => row.detail);
    expect(plan.join(' ')).toMatch(/USING COVERING INDEX documents_waiting \(demo=\?\)/);
    expect(() => db.prepare('UPDATE documents SET demo = 2 WHERE id = 1').run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('→ 170 from the version before: stored agencies rank by their name, groups can be kept, tab counts read an index', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    const previous = MIGRATIONS[MIGRATIONS.indexOf(migration170) - 1]!.version;
    migrate(raw, previous);
    const agency = raw.prepare('INSERT INTO agencies (id, parent_id, name, updated_at) VALUES (?, ?, ?, ?)');
    const index = raw.prepare('INSERT INTO agencies_fts (rowid, search_text) VALUES (?, ?)');
    for (const [id, parent, name] of [
      ['000.00.05.G06', '000.00.00.G06', 'Vụ Kế hoạch - Tài chính - Bộ Tài chính'],
      ['000.00.00.G06', null, 'Bộ Tài chính'],
    ] as const) {
      const seq = Number(agency.run(id, parent, name, '2026-01-01T00:00:00Z').lastInsertRowid);
      index.run(seq, agencySearchText({ id, code_qd20: null, name }));
    }
    raw.prepare("INSERT INTO documents (direction, subject, state, due_date, created_at, updated_at) VALUES ('incoming', 'Quá hạn', 'accepted', '2026-01-01', '2026-01-01', '2026-01-01')").run();
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT name_key FROM agencies ORDER BY seq').pluck().all()).toEqual(['vu ke hoach tai chinh bo tai chinh', 'bo tai chinh']);
    expect(searchAgencies(db, 'bo tai chinh', 10, 0).rows.map((row) => [row.name, row.parents])).toEqual([
      ['Bộ Tài chính', []],
      ['Vụ Kế hoạch - Tài chính - Bộ Tài chính', ['Bộ Tài chính']],
    ]);
    expect(inboxCounts(db, '2026-02-01')).toMatchObject({ inProgress: 1, overdue: 1 });
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT state, count(*) FROM documents WHERE direction = 'incoming' GROUP BY state").all() as { detail: string }[]).map((row) => row.detail);
    expect(plan.join(' ')).toMatch(/COVERING INDEX documents_by_state/);
    db.prepare("INSERT INTO recipient_groups (name, created_at, updated_at) VALUES ('UBND cấp huyện', 'x', 'x')").run();
    expect(() => db.prepare("INSERT INTO recipient_groups (name, created_at, updated_at) VALUES ('ubnd cấp huyện', 'x', 'x')").run()).toThrow(/UNIQUE/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('170 → 180 marks stored documents as axis arrivals and queues every stored PDF for reading, and indexes its words once read', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 170);
    const at = '2026-03-01T00:00:00.000Z';
    raw.prepare('INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)').run('incoming', 'Quyết định', 'accepted', at, at);
    const attach = raw.prepare('INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (1, ?, ?, ?, 10, ?, ?)');
    attach.run(1, 'qd.pdf', 'application/pdf', 'a'.repeat(64), at);
    attach.run(2, 'phu-luc.docx', 'application/octet-stream', 'b'.repeat(64), at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT origin FROM documents WHERE id = 1').pluck().get()).toBe('axis');
    expect(db.prepare('SELECT sha256, state FROM blob_texts').all()).toEqual([{ sha256: 'a'.repeat(64), state: 'queued' }]);
    db.prepare("UPDATE blob_texts SET state = 'done', body = 'Về việc tuyển dụng công chức' WHERE sha256 = ?").run('a'.repeat(64));
    expect(db.prepare("SELECT rowid FROM content_fts WHERE content_fts MATCH 'tuyen dung'").pluck().all()).toEqual([1]);
    db.prepare('DELETE FROM attachments WHERE position = 1').run();
    expect(db.prepare("SELECT rowid FROM content_fts WHERE content_fts MATCH 'tuyen'").pluck().all()).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('→ 190 from the version before keeps the documents and their counters, adds the records tables, and copy numbers continue the copies series', async () => {
    const { file, raw } = await atVersionBefore(migration190);
    const at = '2026-03-01T02:00:00.000Z';
    raw.prepare('INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)').run('incoming', 'Kế hoạch', 'accepted', at, at);
    raw.prepare("INSERT INTO register_counters (register, year, last_number) VALUES ('incoming', 2026, 7)").run();
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT subject FROM documents WHERE id = 1').pluck().get()).toBe('Kế hoạch');
    expect(db.prepare("SELECT last_number FROM register_counters WHERE register = 'incoming'").pluck().get()).toBe(7);
    const dossier = createDossier(db, { year: 2026, code: '01.VP', heading: '', title: 'Kế hoạch năm', retentionYears: 10, keeper: 'A', unit: '', typeNames: [], description: '' }, new Date(at))!;
    expect(fileDocument(db, dossier, 1, 'test', new Date(at))).toBe('filed');
    expect(fileDocument(db, dossier, 1, 'test', new Date(at))).toBe('already_filed');
    const copy = { documentId: 1, sourceCopyId: null, kind: 'SY' as const, pages: null, agencyName: 'A', signer: 'CN=A', fileName: 'a.pdf', sha256: 'a'.repeat(64), size: 1, note: '' };
    const numbers = db.transaction(() => [recordCopy(db, copy, 2026, new Date(at)), recordCopy(db, copy, 2026, new Date(at))])();
    expect(numbers.map((id) => db.prepare('SELECT number FROM certified_copies WHERE id = ?').pluck().get(id))).toEqual([1, 2]);
    // The schema holds the rules even against a writer that skips the store: a sao lục names its sao y.
    expect(() => db.prepare("INSERT INTO certified_copies (document_id, kind, year, number, agency_name, signer, file_name, sha256, size, created_at) VALUES (1, 'SL', 2026, 9, 'A', 'A', 'a', ?, 1, ?)").run('b'.repeat(64), at)).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('→ 210 from the version before keeps the documents and settings, and adds an empty hub link, replica and command queue', async () => {
    const { file, raw } = await atVersionBefore(migration210);
    const at = '2026-03-01T02:00:00.000Z';
    raw.prepare('INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)').run('incoming', 'Kế hoạch', 'accepted', at, at);
    raw.prepare("INSERT INTO settings (key, value) VALUES ('connection', ?)").run(JSON.stringify({ kind: 'axis', axisUrl: 'https://axis', agencyCode: 'A', agencyName: null }));
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT subject FROM documents WHERE id = 1').pluck().get()).toBe('Kế hoạch');
    expect(readHubLink(db)).toBeNull();
    saveHubSignIn(db, 'https://hub.example', { id: 7, username: 'vanthu', displayName: 'Văn thư', unitId: 1, roles: ['clerk'] }, new Date(at));
    applyFeedPage(db, [{ seq: 3, change: { type: 'document', id: 41, document: { id: 41, subject: 'Công văn' } } }], 3, 3);
    expect(readReplicaDocument(db, 41)).toEqual({ id: 41, subject: 'Công văn' });
    expect(readHubLink(db)).toMatchObject({ cursor: 3, signedIn: true, owner: { id: 7 } });
    // The schema holds its rules against a writer that skips the store: a refusal names its reason, one link row.
    expect(() => db.prepare("INSERT INTO hub_commands (id, user_id, kind, payload, state, created_at, answered_at) VALUES (?, 7, 'arrival.accept', '{}', 'refused', ?, ?)").run('0'.repeat(36), at, at)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO hub_link (id, hub_url) VALUES (2, 'x')").run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('→ 220 from the version before keeps the replica and the queue, and lists the replica by its JSON through the new index', async () => {
    const { file, raw } = await atVersionBefore(migration220);
    const at = '2026-03-01T02:00:00.000Z';
    raw.prepare("INSERT INTO hub_link (id, hub_url, user_id, user_json, signed_in_at) VALUES (1, 'https://hub.example', 7, ?, ?)").run(JSON.stringify({ id: 7, username: 'vanthu', displayName: 'Văn thư', unitId: 1, roles: ['clerk'] }), at);
    raw.prepare('INSERT INTO hub_documents (id, document, change_seq) VALUES (41, ?, 3)').run(JSON.stringify({ id: 41, direction: 'incoming', state: 'arrived', priority: 1, updatedAt: at, dueDate: null, pendingRequest: null, clientKey: null }));
    raw.prepare("INSERT INTO hub_commands (id, user_id, kind, payload, state, created_at, answered_at, refusal_reason, refusal_message) VALUES (?, 7, 'arrival.accept', '{\"documentId\":41}', 'refused', ?, ?, 'stale', 'x')").run('1'.repeat(36), at, at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT id, direction, state, priority, updated_at, due_date, has_request, client_key FROM hub_documents').all()).toEqual([
      { id: 41, direction: 'incoming', state: 'arrived', priority: 1, updated_at: at, due_date: null, has_request: 0, client_key: null },
    ]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT document FROM hub_documents WHERE direction = 'incoming' ORDER BY priority DESC, updated_at DESC, id DESC LIMIT 50").all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain('hub_documents_by_box');
    expect(db.prepare('SELECT dismissed_at FROM hub_commands').pluck().all()).toEqual([null]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('→ 230 from the version before keeps the replica and adds an empty file cache and no pins', async () => {
    const { file, raw } = await atVersionBefore(migration230);
    raw.prepare("INSERT INTO hub_link (id, hub_url, user_id, user_json, signed_in_at, feed_cursor) VALUES (1, 'https://hub.example', 7, ?, '2026-03-01T02:00:00.000Z', 3)").run(
      JSON.stringify({ id: 7, username: 'vanthu', displayName: 'Văn thư', unitId: 1, roles: ['clerk'] }),
    );
    const attachment = { id: 1, documentId: 41, name: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) };
    raw.prepare('INSERT INTO hub_documents (id, document, change_seq) VALUES (41, ?, 3)').run(JSON.stringify({ id: 41, attachments: [attachment] }));
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(replicaAttachments(db, 41)).toEqual([attachment]);
    expect(missingPinnedFiles(db)).toEqual([]);
    setDocumentPinned(db, 41, true, new Date());
    expect(missingPinnedFiles(db)).toEqual([{ documentId: 41, attachment }]);
    recordFileUse(db, attachment.sha256, 10, new Date());
    expect(missingPinnedFiles(db)).toEqual([]);
    expect(evictableFiles(db)).toEqual([]);
    // Another user's sign-in clears the replica and its pins: the file is now an orphan, to be evicted.
    saveHubSignIn(db, 'https://hub.example', { id: 8, username: 'khac', displayName: 'Khác', unitId: 1, roles: ['clerk'] }, new Date());
    expect(isDocumentPinned(db, 41)).toBe(false);
    expect(evictableFiles(db)).toMatchObject([{ sha256: attachment.sha256, orphan: true }]);
    expect(() => db.prepare("INSERT INTO hub_file_cache (sha256, size, fetched_at, last_used_at) VALUES ('ABC', 1, 'x', 'x')").run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('→ 260 from the version before keeps the replica and its cursor; notices are kept per person, read state and all, across another person\'s sign-in', async () => {
    const { file, raw } = await atVersionBefore(migration260);
    const owner = { id: 7, username: 'chuyenvien', displayName: 'Chuyên viên', unitId: 1, roles: ['specialist'] };
    raw.prepare("INSERT INTO hub_link (id, hub_url, user_id, user_json, signed_in_at, feed_cursor) VALUES (1, 'https://hub.example', 7, ?, '2026-03-01T02:00:00.000Z', 3)").run(JSON.stringify(owner));
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(readHubLink(db)).toMatchObject({ cursor: 3 });
    const digest = { day: '2026-03-03', open: 2, overdue: 1, dueToday: 0, dueSoon: 1, awaiting: 0 };
    const page = (seq: number) => [{ seq, change: { type: 'notice' as const, notice: { key: 'digest:7:2026-03-03', kind: 'digest' as const, day: '2026-03-03', payload: digest } } }];
    expect(applyFeedPage(db, page(4), 4, 4)).toEqual({ notices: ['digest:7:2026-03-03'], snapshot: false });
    expect(listNotices(db, 7, 10)).toEqual([{ key: 'digest:7:2026-03-03', kind: 'digest', day: '2026-03-03', payload: digest, read: false }]);
    expect(markNoticesRead(db, 7, null, new Date())).toMatchObject({ marked: 1, unread: 0 });
    // Another person signs in: the feed from the start, none of the first one's notices his.
    saveHubSignIn(db, 'https://hub.example', { ...owner, id: 8, roles: ['specialist'] }, new Date());
    expect(listNotices(db, 8, 10)).toEqual([]);
    // The first one back: the replayed notice is not new, and stays read.
    saveHubSignIn(db, 'https://hub.example', { ...owner, roles: ['specialist'] }, new Date());
    expect(applyFeedPage(db, page(4), 4, 4)).toEqual({ notices: [], snapshot: false });
    expect(countUnreadNotices(db, 7)).toBe(0);
    expect(() => db.prepare("INSERT INTO hub_notices (user_id, key, kind, day, payload, change_seq) VALUES (7, 'other:1', 'digest', '2026-03-03', '{}', 5)").run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('→ 270 from the version before keeps the arrivals, each open one with no deadline set (the default applies), and reminders are kept once', async () => {
    const { file, raw } = await atVersionBefore(migration270);
    raw
      .prepare("INSERT INTO documents (id, direction, subject, state, priority, arrival_number, registered_at, created_at, updated_at) VALUES (5, 'incoming', 'Công văn khẩn', 'accepted', 1, 12, ?, ?, ?)")
      .run('2026-11-20T02:00:00.000Z', '2026-11-20T01:00:00.000Z', '2026-11-20T02:00:00.000Z');
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(openArrival(db, 5)).toMatchObject({ subject: 'Công văn khẩn', arrival_number: 12, deadline: null, instruction: null });
    saveArrivalWork(db, 5, { deadline: '2026-11-26', instruction: 'Giao bộ phận một cửa' }, '2026-11-20T03:00:00.000Z');
    expect(openArrival(db, 5)).toMatchObject({ deadline: '2026-11-26', instruction: 'Giao bộ phận một cửa' });
    const reminder = { documentId: 5, kind: 'due_soon' as const, deadline: '2026-11-26', day: '2026-11-25' };
    expect(recordArrivalReminder(db, reminder, '2026-11-25T03:00:00.000Z')).toEqual(expect.any(Number));
    expect(recordArrivalReminder(db, reminder, '2026-11-25T04:00:00.000Z')).toBeNull();
    expect(() => saveArrivalWork(db, 5, { deadline: '26/11/2026', instruction: '' }, '2026-11-20T03:00:00.000Z')).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('→ 280 from the version before keeps a queued status package in the blob store, and keeps a new one in its row', async () => {
    const { file, raw } = await atVersionBefore(migration280);
    const at = '2026-12-01T00:00:00.000Z';
    raw.prepare("INSERT INTO outbox (document_id, message_type, package_sha256, recipients, purpose, state, created_at, updated_at) VALUES (NULL, 'status', ?, '[]', 'status:01', 'queued', ?, ?)").run('a'.repeat(64), at, at);
    expect(referencedBlobs(raw)).toEqual(['a'.repeat(64)]);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    enqueueOutbox(db, { documentId: null, messageType: 'status', packageSha256: 'b'.repeat(64), packageBytes: Buffer.from('<edXML/>'), recipients: [], purpose: 'status:01' }, at);
    expect(dueOutbox(db, at).map((row) => [row.package_sha256, row.package_bytes?.toString('utf8') ?? null])).toEqual([
      ['a'.repeat(64), null],
      ['b'.repeat(64), '<edXML/>'],
    ]);
    // The one before is still a file to keep (backups, the blob sweep); the new one is not.
    expect(referencedBlobs(db)).toEqual(['a'.repeat(64)]);
    db.close();
  });

  it('→ 290 from the version before keeps the stored documents found, and indexes a new arrival with its attachments', async () => {
    const { file, raw } = await atVersionBefore(migration290);
    const at = '2026-12-01T00:00:00.000Z';
    raw.prepare("INSERT INTO documents (id, direction, subject, state, created_at, updated_at) VALUES (1, 'incoming', 'Giấy mời họp', 'arrived', ?, ?)").run(at, at);
    raw.prepare("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (1, 1, 'giay-moi.pdf', 'application/pdf', 1, ?, ?)").run('a'.repeat(64), at);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const found = (query: string) => searchDocuments(db, { query, filters: {}, cursor: null, limit: 10 }).rows.map((row) => row.id);
    expect(found('giay-moi')).toEqual([1]);
    // Rows written the old way, one statement at a time, still keep the index in step.
    db.prepare("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (1, 2, 'phu-luc.pdf', 'application/pdf', 1, ?, ?)").run('b'.repeat(64), at);
    expect(found('phu-luc')).toEqual([1]);
    const id = insertReceivedDocument(db, { direction: 'incoming', state: 'arrived', subject: 'Kế hoạch năm', sender_id: 'G22', edxml_document_id: 'doc-2' }, [{ name: 'ke-hoach.pdf', contentType: 'application/pdf', sha256: 'c'.repeat(64), size: 1 }], at);
    expect(found('ke-hoach')).toEqual([id]);
    expect(db.prepare('SELECT id, index_deferred FROM documents ORDER BY id').all()).toEqual([
      { id: 1, index_deferred: 0 },
      { id, index_deferred: 0 },
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('is idempotent: opening an up-to-date file changes nothing', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', async () => {
    const file = path.join(await tempDir(), 'vanthu.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    raw.exec('CREATE TABLE from_the_future (x)');
    raw.close();

    expect(() => openDatabase(file)).toThrow(DatabaseFromFutureError);
    expect(() => openDatabase(file)).toThrow(/newer VanThu \(database schema \d+; this version knows up to \d+\)/);
    const after = new Database(file);
    expect(schemaVersion(after)).toBe(LATEST_SCHEMA_VERSION + 10);
    expect(tables(after)).toEqual(['from_the_future']);
    after.close();
  });
});
