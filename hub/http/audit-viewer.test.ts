import { describe, expect, it } from 'vitest';
import { deskUserAgent, type AuditChainVerdict, type AuditPage } from '../../shared/hub/audit-log.js';
import type { CommandOutcome } from '../../shared/hub/commands.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from '../../test/hub.js';
import { uuidv7 } from '../../test/uuid7.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();
const AT = '2026-12-01T02:00:00.000Z';
const DESK = 'MAY-VANTHU-01';

/** A request as a desk makes it: with its computer's name in the user agent. */
async function fromDesk<T>(test: TestHub, method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await test.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'user-agent': deskUserAgent(DESK) }, remoteAddress: '10.0.0.7', ...(body === undefined ? {} : { payload: body as object }) });
  return { status: response.statusCode, body: (response.body ? JSON.parse(response.body) : null) as T };
}

async function restrictedDocument(test: TestHub, readerId: number): Promise<{ id: number; sha256: string }> {
  const store = postgresExchangeStore(test.pool);
  const { rows } = await test.pool.query<{ id: number; code: string }>("INSERT INTO registers (code, name, direction, restricted) VALUES ('mat', 'Sổ văn bản mật', 'in', true) RETURNING id, code");
  await test.pool.query('INSERT INTO register_readers (register_id, user_id) VALUES ($1, $2)', [rows[0]!.id, readerId]);
  const blob = await test.blobs.put(Buffer.from('%PDF-1.7 văn bản mật'));
  const id = await store.write(async (tx) => {
    const documentId = await tx.insertReceived({ subject: 'Công văn mật', senderId: '000.00.00.G01', senderName: 'Bộ X', edxmlDocumentId: 'doc-mat', receivedAt: AT }, AT);
    await tx.insertAttachments(documentId, [{ name: 'mat.pdf', contentType: 'application/pdf', sha256: blob.sha256, size: 10 }], AT);
    await tx.enterInRegister(documentId, rows[0]!, new Date(AT));
    return documentId;
  });
  return { id, sha256: blob.sha256 };
}

describe('the audit viewer at the hub', () => {
  it('audits a restricted read once per session and names the desk of each row; the admin pages and filters the log; others are refused, and that is logged', async () => {
    const test = await hub();
    await test.addUser('quantri', ['admin']);
    const reader = await test.addUser('cv-mat', ['specialist']);
    await test.addUser('vanthu', ['clerk']);
    const admin = await test.signIn('quantri', TEST_PASSWORD);
    const readerToken = await test.signIn('cv-mat', TEST_PASSWORD);
    const clerk = await test.signIn('vanthu', TEST_PASSWORD);
    const doc = await restrictedDocument(test, reader.id);

    // The reader opens it three times and downloads its file: one row. The clerk is refused it.
    for (let n = 0; n < 3; n++) expect((await fromDesk(test, 'GET', `/api/documents/${doc.id}`, readerToken)).status).toBe(200);
    expect((await test.app.inject({ method: 'GET', url: `/api/documents/${doc.id}/attachments/${doc.sha256}`, headers: { authorization: `Bearer ${readerToken}` } })).statusCode).toBe(200);
    expect((await fromDesk(test, 'GET', `/api/documents/${doc.id}`, clerk)).status).toBe(404);
    // A command from the clerk's desk: its row names that desk.
    const saved = await fromDesk<CommandOutcome>(test, 'POST', '/api/commands', clerk, { id: uuidv7(), kind: 'draft.save', payload: { documentId: null, clientKey: crypto.randomUUID(), fields: { subject: 'Dự thảo báo cáo' } } });
    expect(saved.body).toMatchObject({ state: 'applied' });

    const audit = (query: string, token = admin) => test.call<AuditPage>('GET', `/api/admin/audit?${query}`, { token });
    const restricted = await audit('restrictedOnly=true');
    expect(restricted.body.rows).toMatchObject([
      { actor: 'cv-mat', actorName: 'cv-mat', action: 'document.read', document: { id: doc.id, subject: 'Công văn mật' }, details: { register: 'mat', document: true }, desk: { name: DESK, address: '10.0.0.7' } },
    ]);
    // A new session of the reader is a new desk's read: audited again, by the file this time.
    const again = await test.signIn('cv-mat', TEST_PASSWORD);
    expect((await test.app.inject({ method: 'GET', url: `/api/documents/${doc.id}/attachments/${doc.sha256}`, headers: { authorization: `Bearer ${again}` } })).statusCode).toBe(200);
    expect((await audit('restrictedOnly=true')).body.rows.map((row) => row.details)).toMatchObject([{ file: doc.sha256 }, { document: true }]);

    expect((await audit(`kind=documents&actor=VANTHU`)).body.rows).toMatchObject([{ action: 'draft.create', actor: 'vanthu', desk: { name: DESK, address: '10.0.0.7' } }]);
    expect((await audit(`kind=denied&document=${doc.id}`)).body.rows).toMatchObject([{ actor: 'vanthu', details: { reason: 'document_not_readable' }, desk: { name: DESK } }]);
    expect((await audit('kind=signIn&actor=cv-mat')).body.rows.map((row) => row.action)).toEqual(['sign_in', 'sign_in']);
    // Days in Vietnam's time: today has every row, a day long past none.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const all = (await audit(`from=${today}&to=${today}&limit=500`)).body;
    expect(all.rows.length).toBeGreaterThan(8);
    expect(all.nextBefore).toBeNull();
    expect((await audit('from=2020-01-01&to=2020-12-31')).body).toEqual({ rows: [], nextBefore: null });

    // Pages by seq, newest first, with nothing lost or repeated between them.
    const seen: number[] = [];
    for (let before: number | null | undefined; before !== null; ) {
      const page = (await audit(`limit=3${before ? `&before=${before}` : ''}`)).body;
      seen.push(...page.rows.map((row) => row.seq));
      before = page.nextBefore;
    }
    expect(seen).toEqual(all.rows.map((row) => row.seq));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));

    expect((await audit('kind=everything')).status).toBe(400);
    expect((await audit('from=01/12/2026')).status).toBe(400);
    // Decided at the hub: the clerk is refused the log and its chain, and the refusals are in it.
    expect((await audit('', clerk)).status).toBe(403);
    expect((await test.call('GET', '/api/admin/audit/chain', { token: clerk })).status).toBe(403);
    expect((await audit('kind=denied&actor=vanthu')).body.rows.slice(0, 2)).toMatchObject([
      { details: { reason: 'needs_role_admin', route: '/api/admin/audit/chain' }, desk: { session: expect.any(String) } },
      { details: { reason: 'needs_role_admin', route: '/api/admin/audit' } },
    ]);
  });

  it('tells the admin the chain is whole, and where it breaks once a row is edited', async () => {
    const test = await hub();
    await test.addUser('quantri', ['admin']);
    const admin = await test.signIn('quantri', TEST_PASSWORD);
    const chain = () => test.call<AuditChainVerdict>('GET', '/api/admin/audit/chain', { token: admin });
    const whole = await chain();
    expect(whole.body).toMatchObject({ ok: true });
    const { rows } = await test.pool.query<{ seq: string }>("SELECT seq FROM audit_log WHERE action = 'sign_in' ORDER BY seq DESC LIMIT 1");
    const seq = Number(rows[0]!.seq);
    // As the database's superuser could: switch the guard off and edit history.
    await test.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await test.pool.query("UPDATE audit_log SET actor = 'someone else' WHERE seq = $1", [seq]);
    expect((await chain()).body).toMatchObject({ ok: false, brokenAtSeq: seq });
  });
});
