import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestPostgres } from '../../../test/postgres.js';
import { VIETNAM_DAYS_OFF } from '../../../shared/domain/vietnam-days-off.js';
import { recordAudit, verifyAuditChain } from '../audit.js';
import { listCalendarDays } from '../calendar-days.js';
import { documentsToRead, documentsToReadAgain, readFilesAgain, recordFilesRead, searchContent } from '../content-search.js';
import { queueOcrJob, takeOcrJob } from '../ocr-jobs.js';
import { readableDocumentIds } from '../document-access.js';
import { readHubDocuments } from '../hub-documents.js';
import { HUB_MIGRATIONS, HubDatabaseFromFutureError, LATEST_HUB_SCHEMA, hubSchemaVersion, migrateHub } from './index.js';

const postgres = useTestPostgres();

async function tables(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
  return rows.map((row) => row.name);
}

describe('hub migrations', () => {
  it('are numbered in tens, in order', () => {
    const versions = HUB_MIGRATIONS.map((m) => m.version);
    expect(versions.every((v) => v % 10 === 0)).toBe(true);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('build the whole schema from an empty database, once', async () => {
    const { pool } = await postgres().freshDatabase();
    expect(await hubSchemaVersion(pool)).toBe(0);
    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect(await tables(pool)).toEqual(
      [
        'agencies',
        'attachment_versions',
        'attachments',
        'audit_log',
        'calendar_days',
        'change_audience',
        'change_feed_state',
        'changes',
        'commands',
        'daily_digests',
        'deadline_extensions',
        'deadline_reminders',
        'document_conflicts',
        'document_grants',
        'document_revisions',
        'document_texts',
        'documents',
        'hub_schema_migrations',
        'hub_settings',
        'imported_audit_log',
        'inbound_packages',
        'ocr_jobs',
        'outbox',
        'pending_requests',
        'quarantine',
        'recipient_statuses',
        'register_counters',
        'register_entries',
        'register_readers',
        'registers',
        'restricted_reads',
        'sessions',
        'sign_in_challenges',
        'sign_in_failures',
        'status_events',
        'sync_state',
        'units',
        'user_certificates',
        'user_roles',
        'users',
        'work_items',
        'workflow_steps',
      ].sort(),
    );
    await migrateHub(pool);
    expect((await pool.query('SELECT version FROM hub_schema_migrations ORDER BY version')).rows.map((row) => row.version)).toEqual(HUB_MIGRATIONS.map((m) => m.version));
    const { rows } = await pool.query("SELECT value FROM hub_settings WHERE key = 'hub_id'");
    expect(rows[0].value).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('010 → 020 keeps the units, users and roles, which can then hold sessions and certificates', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 10);
    expect(await hubSchemaVersion(pool)).toBe(10);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id, password_hash) VALUES ('an', 'Nguyễn Văn An', 1, 'scrypt$x')");
    await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'leader'), (1, 'admin')");
    const hubId = (await pool.query("SELECT value FROM hub_settings WHERE key = 'hub_id'")).rows[0].value;

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await pool.query('SELECT username, display_name, password_hash FROM users')).rows).toEqual([{ username: 'an', display_name: 'Nguyễn Văn An', password_hash: 'scrypt$x' }]);
    expect((await pool.query('SELECT role FROM user_roles ORDER BY role')).rows.map((row) => row.role)).toEqual(['admin', 'leader']);
    expect((await pool.query("SELECT value FROM hub_settings WHERE key = 'hub_id'")).rows[0].value).toBe(hubId);
    await pool.query("INSERT INTO sessions (token_hash, user_id, method, expires_at, address, user_agent) VALUES (sha256('t'), 1, 'password', now() + interval '1 day', '127.0.0.1', 'test')");
    await expect(pool.query("INSERT INTO sessions (token_hash, user_id, method, expires_at, address, user_agent) VALUES ('short', 1, 'password', now(), '', '')")).rejects.toThrow(/check constraint/);
  });

  it('020 → 040 keeps sessions and users; a revoke is then announced, and a change committed with its audience is numbered', async () => {
    const { pool, config } = await postgres().freshDatabase();
    await migrateHub(pool, 20);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('an', 'An', 1)");
    const session = (await pool.query("INSERT INTO sessions (token_hash, user_id, method, expires_at, address, user_agent) VALUES (sha256('t'), 1, 'password', now() + interval '1 day', '127.0.0.1', 'test') RETURNING id")).rows[0].id;

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await pool.query('SELECT username FROM users')).rows).toEqual([{ username: 'an' }]);
    const listener = await postgres().pool(config);
    const client = await listener.connect();
    const heard: string[] = [];
    client.on('notification', (message) => heard.push(`${message.channel} ${message.payload}`));
    await client.query('LISTEN vanthu_session_ended; LISTEN vanthu_changes');
    await pool.query("UPDATE sessions SET revoked_at = now(), revoked_by = 'admin' WHERE id = $1", [session]);
    await pool.query("UPDATE sessions SET revoked_by = 'again' WHERE id = $1", [session]);
    // Three changes in one transaction: numbered in order, announced once.
    await pool.query(
      "WITH c AS (INSERT INTO changes (kind, subject, payload) SELECT 'test.change', 'unit:1', '{}' FROM generate_series(1, 3) RETURNING id) INSERT INTO change_audience (change_id, unit_id) SELECT id, 1 FROM c",
    );
    await expect.poll(() => heard).toEqual([`vanthu_session_ended ${session}`, 'vanthu_changes ']);
    expect((await pool.query('SELECT id, seq FROM changes ORDER BY id')).rows).toEqual([1, 2, 3].map((n) => ({ id: String(n), seq: String(n) })));
    client.release();
  });

  it('020 → 030 keeps accounts and the audit chain, and adds the default registers and the exchange tables', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 20);
    expect(await hubSchemaVersion(pool)).toBe(20);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('an', 'Nguyễn Văn An', 1)");
    await recordAudit(pool, { actor: 'cli', action: 'user.created', subject: 'user:1' });

    await migrateHub(pool, 30);
    expect(await hubSchemaVersion(pool)).toBe(30);
    expect((await pool.query('SELECT username FROM users')).rows).toEqual([{ username: 'an' }]);
    expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: 1 });
    expect((await pool.query('SELECT code, direction, is_default, active FROM registers ORDER BY id')).rows).toEqual([
      { code: 'incoming', direction: 'in', is_default: true, active: true },
      { code: 'outgoing', direction: 'out', is_default: true, active: true },
    ]);
    // The database itself keeps one default per direction and each number of a register's year once.
    await expect(pool.query("INSERT INTO registers (code, name, direction, is_default) VALUES ('x', 'X', 'in', true)")).rejects.toThrow(/registers_one_default/);
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'a', 'arrived', now(), now()), ('incoming', 'b', 'arrived', now(), now())");
    await pool.query('INSERT INTO register_entries (register_id, year, number, document_id, registered_at) VALUES (1, 2026, 1, 1, now())');
    await expect(pool.query('INSERT INTO register_entries (register_id, year, number, document_id, registered_at) VALUES (1, 2026, 1, 2, now())')).rejects.toThrow(/register_entries_pkey/);
    await expect(pool.query('INSERT INTO register_entries (register_id, year, number, document_id, registered_at) VALUES (1, 2026, 2, 1, now())')).rejects.toThrow(/register_entries_document_id_key/);
    await expect(pool.query("INSERT INTO outbox (message_type, package_sha256, recipients, purpose, state, created_at, updated_at) VALUES ('edoc', 'x', '[]', 'document', 'queued', now(), now())")).rejects.toThrow(/check constraint/);
  });

  it('030 → 050 keeps the documents, registers and outbox, and adds what receiving keeps beside them', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 30);
    expect(await hubSchemaVersion(pool)).toBe(30);
    await pool.query("INSERT INTO documents (direction, subject, state, sender_id, edxml_document_id, created_at, updated_at) VALUES ('incoming', 'a', 'arrived', 's', 'd-1', now(), now())");
    await pool.query('INSERT INTO register_entries (register_id, year, number, document_id, registered_at) VALUES (1, 2026, 1, 1, now())');
    await pool.query("INSERT INTO outbox (document_id, message_type, package_sha256, recipients, purpose, state, created_at, updated_at) VALUES (1, 'status', repeat('a', 64), '[\"s\"]', 'status:01', 'queued', now(), now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await pool.query('SELECT subject, sender_id FROM documents')).rows).toEqual([{ subject: 'a', sender_id: 's' }]);
    expect((await pool.query('SELECT number FROM register_entries')).rows).toEqual([{ number: 1 }]);
    expect((await pool.query('SELECT recipients FROM outbox')).rows).toEqual([{ recipients: ['s'] }]);
    // The new tables hang on the documents kept, and keep the desktop's rules.
    await pool.query("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (1, 1, 'a.pdf', 'application/pdf', 9, repeat('b', 64), now())");
    await expect(pool.query("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (1, 1, 'b.pdf', 'application/pdf', 9, repeat('c', 64), now())")).rejects.toThrow(/attachments_document_id_position_key/);
    await expect(pool.query("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (2, 1, 'x.pdf', 'application/pdf', 9, repeat('c', 64), now())")).rejects.toThrow(/foreign key/);
    await pool.query("INSERT INTO pending_requests (document_id, kind, requester_id, reason, received_at) VALUES (1, 'takeback', 's', 'by mistake', now())");
    await expect(pool.query("INSERT INTO pending_requests (document_id, kind, requester_id, reason, received_at) VALUES (1, 'revoke', 's', 'again', now())")).rejects.toThrow(/pending_requests_pkey/);
    await expect(pool.query("INSERT INTO quarantine (axis_doc_id, message_type, reason_code, reason, state, created_at, updated_at) VALUES ('q', 'edoc', 'other', 'x', 'lost', now(), now())")).rejects.toThrow(/check constraint/);
    await pool.query("INSERT INTO agencies (id, name, name_key, search_text, updated_at) VALUES ('000.00.12.H41', 'Sở Nội vụ', 'so noi vu', 'so noi vu 000.00.12.h41', now())");
    expect((await pool.query("SELECT id FROM agencies WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', 'noi:* & so:*')")).rows).toEqual([{ id: '000.00.12.H41' }]);
    await pool.query(`INSERT INTO sync_state (key, value) VALUES ('directory.version', '7')`);
    expect((await pool.query('SELECT value FROM sync_state')).rows).toEqual([{ value: 7 }]);
  });

  it('030 → 060 keeps the documents and makes their header fields searchable without accents', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 30);
    await pool.query(
      `INSERT INTO documents (direction, subject, code_number, code_notation, state, created_at, updated_at) VALUES
       ('incoming', 'Quyết định về việc kiện toàn Tổ công tác', '45', 'QĐ-UBND', 'arrived', now(), now()),
       ('outgoing', 'Báo cáo tình hình đê điều', NULL, NULL, 'sent', now(), now())`,
    );

    await migrateHub(pool, 60);
    expect(await hubSchemaVersion(pool)).toBe(60);
    expect((await pool.query('SELECT subject FROM documents ORDER BY id')).rows.map((row) => row.subject)).toEqual(['Quyết định về việc kiện toàn Tổ công tác', 'Báo cáo tình hình đê điều']);
    // The search of today's code asks the access rule of a later migration too.
    await migrateHub(pool);
    const search = (query: string) => searchContent(pool, { query, beforeId: null, limit: 10, onlyIds: null }).then((page) => page.rows.map((row) => row.documentId));
    expect(await search('quyet dinh')).toEqual([1]);
    expect(await search('45/QD-UBND')).toEqual([1]);
    expect(await search('de dieu')).toEqual([2]);
    // A document deleted takes its words with it.
    await pool.query('DELETE FROM documents WHERE id = 2');
    expect((await pool.query('SELECT document_id FROM document_texts')).rows).toEqual([{ document_id: 1 }]);
  });

  it('060 → 090 keeps the audit chain, and the imported chain it adds is append-only', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 60);
    await recordAudit(pool, { actor: 'cli', action: 'unit.create', subject: 'unit:1' });
    await migrateHub(pool, 90);
    expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: 1 });
    const hash = 'a'.repeat(64);
    await pool.query("INSERT INTO imported_audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (1, '2026-01-02T03:04:05.000Z', 'clerk', 'document.send', 'document:1', '{}', $1, $2)", ['0'.repeat(64), hash]);
    await expect(pool.query("UPDATE imported_audit_log SET actor = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM imported_audit_log')).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE imported_audit_log')).rejects.toThrow(/append-only/);
    expect((await pool.query('SELECT hash FROM imported_audit_log')).rows).toEqual([{ hash }]);
  });

  it('060 → 100 keeps the words indexed by header, and those documents wait for their files to be read', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 30);
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'Kế hoạch phòng chống lụt bão', 'arrived', now(), now())");
    await migrateHub(pool, 60);
    await migrateHub(pool, 100);
    expect((await searchContent(pool, { query: 'lut bao', beforeId: null, limit: 10, onlyIds: null })).rows.map((row) => row.documentId)).toEqual([1]);
    expect((await documentsToRead(pool, 0, 10)).map((document) => document.documentId)).toEqual([1]);
    await recordFilesRead(pool, 1, 'Trang một', null);
    expect(await documentsToRead(pool, 0, 10)).toEqual([]);
  });

  it('100 → 120 keeps documents, replacements and register entries; the lists read them through the new indexes', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 100);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('cv', 'Chuyên viên', 1)");
    await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'specialist')");
    await pool.query("INSERT INTO registers (code, name, direction, restricted) VALUES ('mat', 'Sổ mật', 'in', true)");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'a', 'done', now(), now()), ('incoming', 'b', 'arrived', now(), now())");
    await pool.query('UPDATE documents SET replaces_id = 1 WHERE id = 2');
    await pool.query('INSERT INTO register_entries (register_id, year, number, document_id, registered_at) VALUES (3, 2026, 1, 1, now())');
    await pool.query('INSERT INTO register_readers (register_id, user_id) VALUES (3, 1)');

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    // Both links of a page, read in one call: the earlier document each replaces and the later one that replaced it.
    const [replaced, replacing] = await readHubDocuments(pool, [1, 2]);
    expect([replaced!.replaces, replaced!.replacedBy]).toEqual([null, expect.objectContaining({ id: 2, subject: 'b' })]);
    expect([replacing!.replaces, replacing!.replacedBy]).toEqual([expect.objectContaining({ id: 1, subject: 'a' }), null]);
    // The restricted register's named reader finds its document by the register's walk.
    expect(await readableDocumentIds(pool, 1, { before: null, limit: 10 })).toEqual([1]);
    await pool.query('SET enable_seqscan = off');
    const plan = async (sql: string) => JSON.stringify((await pool.query(`EXPLAIN (FORMAT JSON) ${sql}`)).rows);
    expect(await plan('SELECT id FROM documents WHERE replaces_id = 1')).toContain('documents_by_replaced');
    expect(await plan('SELECT document_id FROM register_entries WHERE register_id = 3 ORDER BY document_id DESC LIMIT 5')).toContain('register_entries_by_register');
  });

  it('120 → 140 keeps the documents, which have no workflow yet; a work item held by both a unit and a person, or a decision asked of a unit, is refused', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 120);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('ld', 'Lãnh đạo', 1)");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'a', 'accepted', now(), now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    const [doc] = await readHubDocuments(pool, [1]);
    expect(doc).toMatchObject({ id: 1, subject: 'a', workflow: { presentedAt: null, items: [], steps: [] } });
    const item = (role: string, unit: number | null, user: number | null) =>
      pool.query('INSERT INTO work_items (document_id, role, unit_id, user_id, assigned_by, created_at) VALUES (1, $1, $2, $3, 1, now())', [role, unit, user]);
    await expect(item('lead', 1, 1)).rejects.toThrow(/check constraint/);
    await expect(item('decide', 1, null)).rejects.toThrow(/check constraint/);
    await item('lead', 1, null);
  });

  it('140 → 150 keeps users and documents, starts the calendar from the shipped table, and gives a reminder once', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 140);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('an', 'An', 1)");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'a', 'arrived', now(), now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await listCalendarDays(pool)).map((day) => day.date)).toEqual(VIETNAM_DAYS_OFF.map((day) => day.date));
    // The table only holds days that differ from their week.
    await expect(pool.query("INSERT INTO calendar_days (day, kind, note) VALUES ('2027-02-13', 'day_off', 'Saturday')")).rejects.toThrow(/check constraint/);
    await expect(pool.query("INSERT INTO calendar_days (day, kind, note) VALUES ('2027-02-15', 'make_up_day', 'Monday')")).rejects.toThrow(/check constraint/);
    await expect(pool.query("INSERT INTO calendar_days (day, kind, note) VALUES ('2027-02-15', 'day_off', '')")).rejects.toThrow(/check constraint/);
    await expect(pool.query("INSERT INTO deadline_reminders (item_id, document_id, kind, user_id, deadline, day, working_days_late) VALUES (7, 1, 'overdue', 1, '2026-03-02', '2026-03-03', 1)")).rejects.toThrow(/foreign key/);
    await pool.query("INSERT INTO work_items (document_id, role, user_id, assigned_by, deadline, created_at) VALUES (1, 'lead', 1, 1, '2026-03-02', now())");
    const reminder = "INSERT INTO deadline_reminders (item_id, document_id, kind, user_id, deadline, day, working_days_late) VALUES (1, 1, 'overdue', 1, '2026-03-02', $1, 1) ON CONFLICT DO NOTHING";
    expect((await pool.query(reminder, ['2026-03-03'])).rowCount).toBe(1);
    expect((await pool.query(reminder, ['2026-03-04'])).rowCount).toBe(0);
    await pool.query('DELETE FROM documents');
    expect((await pool.query('SELECT count(*)::integer AS n FROM deadline_reminders')).rows[0].n).toBe(0);
  });

  it('150 → 160 keeps work items and their steps; one extension waits per item, and a step of an extension is taken', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 150);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('an', 'An', 1)");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'a', 'assigned', now(), now())");
    await pool.query("INSERT INTO work_items (document_id, role, user_id, assigned_by, deadline, created_at) VALUES (1, 'lead', 1, 1, '2026-03-02', now())");
    await pool.query("INSERT INTO workflow_steps (document_id, item_id, kind, actor_id, at) VALUES (1, 1, 'assigned', 1, now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await pool.query("SELECT kind, to_char(w.deadline, 'YYYY-MM-DD') AS deadline FROM workflow_steps JOIN work_items w ON w.id = item_id")).rows).toEqual([{ kind: 'assigned', deadline: '2026-03-02' }]);
    await pool.query("INSERT INTO workflow_steps (document_id, item_id, kind, actor_id, at) VALUES (1, 1, 'extension_asked', 1, now())");
    await expect(pool.query("INSERT INTO workflow_steps (document_id, item_id, kind, actor_id, at) VALUES (1, 1, 'postponed', 1, now())")).rejects.toThrow(/check constraint/);
    const ask = (proposed: string) => pool.query("INSERT INTO deadline_extensions (item_id, asked_by, reason, from_deadline, proposed, asked_at) VALUES (1, 1, 'Chờ số liệu', '2026-03-02', $1, now())", [proposed]);
    await expect(ask('2026-03-02')).rejects.toThrow(/check constraint/);
    await ask('2026-03-09');
    await expect(ask('2026-03-10')).rejects.toThrow(/deadline_extensions_one_asked/);
    // Approved without the deadline it set, or decided by nobody: refused.
    await expect(pool.query("UPDATE deadline_extensions SET state = 'approved', decided_by = 1, decided_at = now()")).rejects.toThrow(/check constraint/);
    await expect(pool.query("UPDATE deadline_extensions SET state = 'refused', decided_at = now()")).rejects.toThrow(/check constraint/);
    await pool.query("UPDATE deadline_extensions SET state = 'refused', decided_by = 1, decided_at = now()");
    await ask('2026-03-10');
    await pool.query('DELETE FROM documents');
    expect((await pool.query('SELECT count(*)::integer AS n FROM deadline_extensions')).rows[0].n).toBe(0);
  });

  it('180 → 190 keeps users; one digest per person and day, gone with the person', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 180);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('an', 'An', 1)");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    const digest = (day: string) => pool.query('INSERT INTO daily_digests (user_id, day, open_count, overdue, due_today, due_soon, awaiting) VALUES (1, $1, 2, 1, 0, 1, 0) ON CONFLICT DO NOTHING', [day]);
    expect((await digest('2026-03-03')).rowCount).toBe(1);
    expect((await digest('2026-03-03')).rowCount).toBe(0);
    expect((await digest('2026-03-04')).rowCount).toBe(1);
    await expect(pool.query("INSERT INTO daily_digests (user_id, day, open_count, overdue, due_today, due_soon, awaiting) VALUES (1, '2026-03-05', 1, -1, 0, 0, 0)")).rejects.toThrow(/check constraint/);
    await pool.query('DELETE FROM users');
    expect((await pool.query('SELECT count(*)::integer AS n FROM daily_digests')).rows[0].n).toBe(0);
  });

  it('200 → 210 keeps registers and their counters; adds the default internal register beside the default outgoing one, and copies go one per unit', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 200);
    await pool.query("INSERT INTO register_counters (register_id, year, last_number) SELECT id, 2026, 7 FROM registers WHERE code = 'outgoing'");
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('outgoing', 'a', 'sent', now(), now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await pool.query('SELECT code, name, direction, internal, is_default FROM registers ORDER BY id')).rows).toEqual([
      { code: 'incoming', name: 'Sổ đăng ký văn bản đến', direction: 'in', internal: false, is_default: true },
      { code: 'outgoing', name: 'Sổ đăng ký văn bản đi', direction: 'out', internal: false, is_default: true },
      { code: 'internal', name: 'Sổ văn bản nội bộ', direction: 'out', internal: true, is_default: true },
    ]);
    expect((await pool.query('SELECT last_number FROM register_counters')).rows).toEqual([{ last_number: 7 }]);
    // Still one default of each kind; an internal register of arrivals makes no sense.
    await expect(pool.query("INSERT INTO registers (code, name, direction, is_default) VALUES ('out2', 'Sổ đi 2', 'out', true)")).rejects.toThrow(/duplicate key/);
    await expect(pool.query("INSERT INTO registers (code, name, direction, internal, is_default) VALUES ('int2', 'Sổ nội bộ 2', 'out', true, true)")).rejects.toThrow(/duplicate key/);
    await expect(pool.query("INSERT INTO registers (code, name, direction, internal) VALUES ('in2', 'Sổ đến nội bộ', 'in', true)")).rejects.toThrow(/check constraint/);
    const copy = () =>
      pool.query("INSERT INTO documents (direction, subject, state, origin, internal, internal_source_id, internal_unit_id, created_at, updated_at) VALUES ('incoming', 'a', 'accepted', 'internal', true, 1, 1, now(), now())");
    await copy();
    await expect(copy()).rejects.toThrow(/duplicate key/);
    await expect(pool.query("INSERT INTO documents (direction, subject, state, internal_source_id, internal_unit_id, created_at, updated_at) VALUES ('incoming', 'b', 'accepted', 1, 1, now(), now())")).rejects.toThrow(/check constraint/);
  });

  it('210 → 220 keeps the directory; the search index takes each part of a code as a word', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 210);
    await pool.query("INSERT INTO agencies (id, name, name_key, search_text, updated_at) VALUES ('000.00.12.H41', 'Sở Nội vụ', 'so noi vu', 'so noi vu 000.00.12.h41', now())");
    const words = "to_tsvector('simple', regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g'))";
    const find = async (query: string) => (await pool.query(`SELECT id FROM agencies WHERE ${words} @@ to_tsquery('simple', $1)`, [query])).rows;
    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect(await find('00:* & 12:*')).toEqual([{ id: '000.00.12.H41' }]);
    expect(await find('noi:* & h41:*')).toEqual([{ id: '000.00.12.H41' }]);
    expect((await pool.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'agencies_search'")).rows[0].indexdef).toContain('regexp_replace(search_text');
  });

  it('220 → 230 keeps drafts and their timelines; a draft then names the leader it waits for, and submissions are steps', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 220);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('an', 'An', 1), ('binh', 'Bình', 1)");
    await pool.query("INSERT INTO documents (direction, subject, state, signing_state, created_at, updated_at) VALUES ('draft', 'a', 'editing', 'awaiting_leader', now(), now())");
    await pool.query("INSERT INTO workflow_steps (document_id, kind, actor_id, text, statuses, at) VALUES (1, 'comment', 2, 'Ý kiến', '{}', now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await pool.query('SELECT signing_state, signing_leader_id FROM documents')).rows).toEqual([{ signing_state: 'awaiting_leader', signing_leader_id: null }]);
    await pool.query('UPDATE documents SET signing_leader_id = 1');
    await pool.query("INSERT INTO workflow_steps (document_id, kind, actor_id, text, statuses, at) VALUES (1, 'submitted', 2, '', '{}', now()), (1, 'draft_returned', 1, 'Sửa lại', '{}', now())");
    await expect(pool.query("INSERT INTO workflow_steps (document_id, kind, actor_id, text, statuses, at) VALUES (1, 'signed', 1, '', '{}', now())")).rejects.toThrow(/check constraint/);
    // A leader deleted leaves the draft waiting for nobody rather than blocking his deletion.
    await pool.query('DELETE FROM workflow_steps WHERE actor_id = 1');
    await pool.query('DELETE FROM users WHERE id = 1');
    expect((await pool.query('SELECT signing_leader_id FROM documents')).rows).toEqual([{ signing_leader_id: null }]);
  });

  it('230 → 250 keeps the words read; a document read again is found wherever it stands, and a scanned file is queued once', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 230);
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'Báo cáo quét', 'arrived', now(), now())");
    await recordFilesRead(pool, 1, 'Trang một của bản quét', null);
    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await searchContent(pool, { query: 'ban quet', beforeId: null, limit: 10, onlyIds: null })).rows.map((row) => row.documentId)).toEqual([1]);
    expect(await documentsToReadAgain(pool, 10)).toEqual([]);
    await readFilesAgain(pool, 1);
    expect((await documentsToReadAgain(pool, 10)).map((document) => document.documentId)).toEqual([1]);
    await queueOcrJob(pool, 'a'.repeat(64), 3);
    await queueOcrJob(pool, 'a'.repeat(64), 3);
    expect(await takeOcrJob(pool)).toEqual({ sha256: 'a'.repeat(64), pagesTotal: 3, pagesDone: 0, attempt: 1 });
    expect(await takeOcrJob(pool)).toBeNull();
    await expect(pool.query("UPDATE ocr_jobs SET state = 'lost'")).rejects.toThrow(/check constraint/);
  });

  it('250 → 260 keeps work and drafts; one who sees few reads the draft answering the arrival his unit leads; his held work is indexed', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 250);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng'), ('KT', 'Phòng Kinh tế')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('ld', 'Lãnh đạo', 1), ('cv', 'Chuyên viên', 2), ('cv2', 'Chuyên viên khác', 1)");
    await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'leader'), (2, 'specialist'), (3, 'specialist')");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'đến', 'assigned', now(), now()), ('draft', 'dự thảo trả lời', 'editing', now(), now())");
    await pool.query('UPDATE documents SET answers_id = 1 WHERE id = 2');
    await pool.query("INSERT INTO work_items (document_id, role, unit_id, user_id, assigned_by, created_at, state) VALUES (1, 'lead', 2, null, 1, now(), 'done'), (1, 'inform', null, 3, 1, now(), 'open')");

    await migrateHub(pool, 260);
    // The unit leading the arrival's work (done or not) reads the draft; one told for information does not.
    const sees = async (user: number) => (await pool.query('SELECT document_id FROM readable_documents($1) ORDER BY 1', [user])).rows.map((row) => row.document_id);
    expect([await sees(2), await sees(3)]).toEqual([[2], []]);
    await pool.query('SET enable_seqscan = off');
    const plan = async (sql: string) => JSON.stringify((await pool.query(`EXPLAIN (FORMAT JSON) ${sql}`)).rows);
    expect(await plan("SELECT document_id FROM work_items WHERE role IN ('lead', 'cooperate') AND user_id = 2")).toContain('work_items_held_by_user');
    expect(await plan("SELECT document_id FROM work_items WHERE role IN ('lead', 'cooperate') AND unit_id = ANY ('{2}'::integer[])")).toContain('work_items_held_by_unit');
  });

  it('260 → 280 marks the work whose arrival a document answers, whichever is written first, even by two transactions at once', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 260);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng'), ('KT', 'Phòng Kinh tế')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('ld', 'Lãnh đạo', 1), ('cv', 'Chuyên viên', 2)");
    await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'leader'), (2, 'specialist')");
    const arrival = async () =>
      (await pool.query<{ id: number }>("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'đến', 'assigned', now(), now()) RETURNING id")).rows[0]!.id;
    const reply = (db: pg.Pool | pg.PoolClient, to: number) =>
      db.query<{ id: number }>("INSERT INTO documents (direction, subject, state, created_at, updated_at, answers_id) VALUES ('draft', 'trả lời', 'editing', now(), now(), $1) RETURNING id", [to]);
    const work = (db: pg.Pool | pg.PoolClient, on: number) =>
      db.query("INSERT INTO work_items (document_id, role, unit_id, assigned_by, created_at) VALUES ($1, 'lead', 2, 1, now())", [on]);
    const answered = async (on: number) => (await pool.query<{ answered: boolean }>('SELECT answered FROM work_items WHERE document_id = $1', [on])).rows.map((row) => row.answered);

    // Written before the migration: marked by it.
    const before = await arrival();
    await work(pool, before);
    const beforeReply = (await reply(pool, before)).rows[0]!.id;
    await pool.query("INSERT INTO work_items (document_id, role, unit_id, assigned_by, created_at) VALUES ($1, 'lead', 1, 1, now())", [await arrival()]);
    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect(await answered(before)).toEqual([true]);
    expect((await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM work_items WHERE NOT answered')).rows[0]!.n).toBe(1);

    // The work first, then the reply; the reply first, then the work.
    const workFirst = await arrival();
    await work(pool, workFirst);
    expect(await answered(workFirst)).toEqual([false]);
    const workFirstReply = (await reply(pool, workFirst)).rows[0]!.id;
    expect(await answered(workFirst)).toEqual([true]);
    const replyFirst = await arrival();
    const replyFirstReply = (await reply(pool, replyFirst)).rows[0]!.id;
    await work(pool, replyFirst);
    expect(await answered(replyFirst)).toEqual([true]);

    // Two transactions at once, either written first: the second waits for the first's commit and sees it.
    const racing: number[] = [];
    for (const replyFirst of [false, true]) {
      const on = await arrival();
      const write = async (db: pg.PoolClient, isReply: boolean) => {
        if (isReply) racing.push((await reply(db, on)).rows[0]!.id);
        else await work(db, on);
      };
      const [a, b] = [await pool.connect(), await pool.connect()];
      try {
        await a.query('BEGIN');
        await write(a, replyFirst);
        await b.query('BEGIN');
        const second = write(b, !replyFirst);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await a.query('COMMIT');
        await second;
        await b.query('COMMIT');
      } finally {
        a.release();
        b.release();
      }
      expect([replyFirst, await answered(on)]).toEqual([replyFirst, [true]]);
    }

    // The specialist's unit leads every one of these arrivals: his list finds each reply through the new indexes.
    const replies = [beforeReply, workFirstReply, replyFirstReply, ...racing];
    expect(racing).toHaveLength(2);
    expect((await readableDocumentIds(pool, 2, { before: null, limit: 50 })).filter((id) => replies.includes(id)).sort((x, y) => x - y)).toEqual([...replies].sort((x, y) => x - y));
    await pool.query('SET enable_seqscan = off');
    const plan = JSON.stringify((await pool.query("EXPLAIN (FORMAT JSON) SELECT document_id FROM work_items WHERE answered AND role IN ('lead', 'cooperate') AND unit_id = ANY ('{2}'::integer[])")).rows);
    expect(plan).toContain('work_items_answered_by_unit');
  });

  it('160 → 180 keeps the audit chain and sessions; a restricted read is kept once per session and document, and goes with its session', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 160);
    await recordAudit(pool, { actor: 'cli', action: 'unit.create', subject: 'unit:1' });
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('an', 'An', 1)");
    const { rows } = await pool.query<{ id: string }>("INSERT INTO sessions (token_hash, user_id, method, expires_at, address, user_agent) VALUES ($1, 1, 'password', now() + interval '1 day', '10.0.0.1', 'x') RETURNING id", [Buffer.alloc(32)]);
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'a', 'registered', now(), now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: 1 });
    const read = () => pool.query('INSERT INTO restricted_reads (session_id, document_id, at) VALUES ($1, 1, now())', [rows[0]!.id]);
    await read();
    await expect(read()).rejects.toThrow(/duplicate key/);
    await pool.query('DELETE FROM sessions');
    expect((await pool.query('SELECT count(*)::integer AS n FROM restricted_reads')).rows[0].n).toBe(0);
  });

  it('190 → 200 keeps documents, their grants and work; a draft answering an arrival is then read by its co-operating unit, not by one told for information', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 190);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng'), ('KT', 'Phòng Kế toán'), ('TH', 'Phòng Tổng hợp')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('an', 'An', 1), ('binh', 'Bình', 2), ('cuong', 'Cường', 3)");
    await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'specialist'), (2, 'specialist'), (3, 'specialist')");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'a', 'assigned', now(), now()), ('draft', 'b', 'editing', now(), now())");
    await pool.query('INSERT INTO document_grants (document_id, user_id) VALUES (1, 1), (2, 1)');
    await pool.query("INSERT INTO work_items (document_id, role, user_id, unit_id, assigned_by, created_at) VALUES (1, 'lead', 1, NULL, 1, now()), (1, 'cooperate', NULL, 2, 1, now()), (1, 'inform', NULL, 3, 1, now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    const sees = async (user: number) => (await pool.query('SELECT document_id FROM readable_documents($1) ORDER BY 1', [user])).rows.map((row) => row.document_id);
    expect([await sees(1), await sees(2), await sees(3)]).toEqual([[1, 2], [], []]);
    await pool.query('UPDATE documents SET answers_id = 1 WHERE id = 2');
    expect([await sees(1), await sees(2), await sees(3)]).toEqual([[1, 2], [2], []]);
    await pool.query("INSERT INTO workflow_steps (document_id, kind, actor_id, text, at) VALUES (2, 'comment', 2, 'Thống nhất', now())");
    await expect(pool.query('UPDATE documents SET answers_id = 99 WHERE id = 2')).rejects.toThrow(/foreign key/);
  });

  it('060 → 070 keeps registers and documents, which clerks then see and a specialist does not until one is given to him', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 60);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id) VALUES ('vanthu', 'Văn thư', 1), ('chuyenvien', 'Chuyên viên', 1)");
    await pool.query("INSERT INTO user_roles (user_id, role) VALUES (1, 'clerk'), (2, 'specialist')");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', 'a', 'arrived', now(), now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await pool.query('SELECT code, restricted FROM registers ORDER BY id')).rows).toEqual([
      { code: 'incoming', restricted: false },
      { code: 'outgoing', restricted: false },
      { code: 'internal', restricted: false },
    ]);
    const sees = async (user: number) => (await pool.query('SELECT document_id FROM readable_documents($1)', [user])).rows.map((row) => row.document_id);
    expect([await sees(1), await sees(2)]).toEqual([[1], []]);
    await pool.query('INSERT INTO document_grants (document_id, user_id) VALUES (1, 2)');
    expect(await sees(2)).toEqual([1]);
    await expect(pool.query('INSERT INTO document_grants (document_id, user_id) VALUES (1, 2)')).rejects.toThrow(/document_grants_one_per_user/);
    await expect(pool.query('INSERT INTO document_grants (document_id, unit_id, user_id) VALUES (1, 1, 2)')).rejects.toThrow(/check constraint/);
  });

  it('060 → 080 keeps the documents (made before desks, by nobody); a second row of one command id or one client key, and an outcome of no known state, are refused', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 60);
    await pool.query("INSERT INTO units (code, name) VALUES ('VP', 'Văn phòng')");
    await pool.query("INSERT INTO users (username, display_name, unit_id, password_hash) VALUES ('vanthu', 'Văn thư', 1, 'scrypt$x')");
    await pool.query("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('draft', 'Dự thảo cũ', 'editing', now(), now())");

    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    expect((await pool.query('SELECT subject, created_by, client_key FROM documents')).rows).toEqual([{ subject: 'Dự thảo cũ', created_by: null, client_key: null }]);
    const command = ['0192f5e2-7b1c-7cc1-8a3e-4f2b9c1d2e3f', 1, 'draft.save', 'a'.repeat(64)];
    await pool.query('INSERT INTO commands (id, user_id, kind, payload_sha256, applied_at) VALUES ($1, $2, $3, $4, now())', command);
    await expect(pool.query('INSERT INTO commands (id, user_id, kind, payload_sha256, applied_at) VALUES ($1, $2, $3, $4, now())', command)).rejects.toThrow(/duplicate key/);
    await expect(pool.query(`UPDATE commands SET outcome = '{"state": "maybe"}'`)).rejects.toThrow(/check constraint/);
    const key = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
    await pool.query("INSERT INTO documents (direction, subject, state, created_by, client_key, created_at, updated_at) VALUES ('draft', 'Mới', 'editing', 1, $1, now(), now())", [key]);
    await expect(pool.query("INSERT INTO documents (direction, subject, state, client_key, created_at, updated_at) VALUES ('draft', 'Lần hai', 'editing', $1, now(), now())", [key])).rejects.toThrow(/duplicate key/);
  });

  it('280 → 290 keeps a queued status package in the blob store, and keeps a new one in its row', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool, 280);
    await pool.query("INSERT INTO outbox (message_type, package_sha256, recipients, purpose, state, created_at, updated_at) VALUES ('status', repeat('a', 64), '[]', 'status:01', 'queued', now(), now())");
    await migrateHub(pool);
    expect(await hubSchemaVersion(pool)).toBe(LATEST_HUB_SCHEMA);
    await pool.query("INSERT INTO outbox (message_type, package_sha256, package_bytes, recipients, purpose, state, created_at, updated_at) VALUES ('status', repeat('b', 64), $1, '[]', 'status:01', 'queued', now(), now())", [
      Buffer.from('<edXML/>'),
    ]);
    const { rows } = await pool.query<{ sha: string; bytes: Buffer | null }>('SELECT left(package_sha256, 1) AS sha, package_bytes AS bytes FROM outbox ORDER BY id');
    expect(rows.map((row) => [row.sha, row.bytes?.toString('utf8') ?? null])).toEqual([
      ['a', null],
      ['b', '<edXML/>'],
    ]);
  });

  it('two hubs starting at once migrate once, neither fails', async () => {
    const { config } = await postgres().freshDatabase();
    const pools = await Promise.all([1, 2, 3].map(() => postgres().pool(config)));
    await Promise.all(pools.map((pool) => migrateHub(pool)));
    expect(await hubSchemaVersion(pools[0]!)).toBe(LATEST_HUB_SCHEMA);
    expect((await pools[0]!.query('SELECT count(*)::int AS n FROM hub_settings')).rows[0].n).toBe(1);
  });

  it('refuses a database set up by a newer hub, changing nothing', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool);
    await pool.query("INSERT INTO hub_schema_migrations (version, name) VALUES (9990, 'from the future')");
    await expect(migrateHub(pool)).rejects.toThrow(HubDatabaseFromFutureError);
    await expect(migrateHub(pool)).rejects.toThrow(/newer VanThu hub \(schema 9990/);
  });

  it('keeps the audit log append-only', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool);
    await pool.query(`INSERT INTO audit_log (at, actor, action, details, prev_hash, hash) VALUES (now(), 'x', 'y', '{}', repeat('0', 64), repeat('1', 64))`);
    await expect(pool.query("UPDATE audit_log SET actor = 'z'")).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });
});
