import { describe, expect, it } from 'vitest';
import type { RegisterAccess } from '../../shared/hub/registers.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from '../../test/hub.js';
import { arriveAtHub } from '../../test/hub-desk.js';
import { inTransaction } from '../store/database.js';
import { grantDocument } from '../store/document-access.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();

async function agency() {
  const test = await hub();
  const unitB = await test.administration.createUnit('cli', { code: 'B', name: 'Phòng B', parentId: null });
  const users = {
    clerk: (await test.addUser('vanthu', ['clerk'])).id,
    leader: (await test.addUser('lanhdao', ['leader'])).id,
    specialistA: (await test.addUser('cv-a', ['specialist'])).id,
    specialistB: (await test.addUser('cv-b', ['specialist'], TEST_PASSWORD, unitB.id)).id,
    admin: (await test.addUser('quantri', ['admin'])).id,
  };
  const tokens = {
    clerk: await test.signIn('vanthu', TEST_PASSWORD),
    specialistA: await test.signIn('cv-a', TEST_PASSWORD),
    specialistB: await test.signIn('cv-b', TEST_PASSWORD),
    admin: await test.signIn('quantri', TEST_PASSWORD),
  };
  const { rows } = await test.pool.query<{ id: number; code: string }>("INSERT INTO registers (code, name, direction) VALUES ('mat', 'Sổ văn bản mật', 'in') RETURNING id, code");
  const register = rows[0]!;
  const doc = await arriveAtHub(test, 1, []);
  await postgresExchangeStore(test.pool).write((tx) => tx.enterInRegister(doc.id, register, new Date()));
  // Given to one specialist before the register is restricted: he sees it through his own grant.
  await inTransaction(test.pool, (client) => grantDocument(client, { documentId: doc.id, units: [], users: [users.specialistA], actorUserId: users.clerk }));
  return { test, users, tokens, register, doc };
}

/** Whom each access.changed after `after` names, in order. */
async function accessChanges(test: TestHub, after: number): Promise<number[][]> {
  const { rows } = await test.pool.query<{ users: number[] }>(
    "SELECT array_agg(a.user_id ORDER BY a.user_id) AS users FROM changes c JOIN change_audience a ON a.change_id = c.id WHERE c.kind = 'access.changed' AND c.seq > $1 GROUP BY c.seq ORDER BY c.seq",
    [after],
  );
  return rows.map((row) => row.users);
}
const head = async (test: TestHub) => Number((await test.pool.query('SELECT coalesce(max(seq), 0) AS head FROM changes')).rows[0].head);

describe('the readers of a restricted register, named by the administrator', () => {
  it('restricts a register once it has a reader; each reader named or removed gains or loses its documents, told by access.changed alone, and every change is audited', async () => {
    const { test, users, tokens, register, doc } = await agency();
    const admin = (method: 'GET' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) => test.call<RegisterAccess>(method, url, { token: tokens.admin, body });
    const reads = async (token: string) => (await test.call('GET', `/api/documents/${doc.id}`, { token })).status;
    expect(await reads(tokens.clerk)).toBe(200);

    // Restricted with nobody named, its documents would be seen by nobody.
    expect(await admin('PATCH', `/api/admin/registers/${register.id}`, { restricted: true })).toMatchObject({ status: 409, body: { error: 'conflict' } });
    // A reader named before the restriction changes nobody's sight yet.
    let seq = await head(test);
    const named = await admin('PUT', `/api/admin/registers/${register.id}/readers/${users.specialistB}`);
    expect(named).toMatchObject({ status: 200, body: { code: 'mat', restricted: false, documents: 1, readers: [{ id: users.specialistB, username: 'cv-b', disabled: false }] } });
    expect(await accessChanges(test, seq)).toEqual([]);

    // Restricting: the clerk, the leader and the specialist it was given to lose it, its reader (of another unit) gains it; nobody else is told.
    expect(await reads(tokens.specialistA)).toBe(200);
    seq = await head(test);
    expect(await admin('PATCH', `/api/admin/registers/${register.id}`, { restricted: true })).toMatchObject({ status: 200, body: { restricted: true } });
    expect(await accessChanges(test, seq)).toEqual([[users.clerk], [users.leader], [users.specialistA], [users.specialistB]]);
    expect(await reads(tokens.clerk)).toBe(404);
    expect(await reads(tokens.specialistB)).toBe(200);
    expect(await reads(tokens.specialistA)).toBe(404);

    // Another reader: he alone is told, and he reads it.
    seq = await head(test);
    expect((await admin('PUT', `/api/admin/registers/${register.id}/readers/${users.specialistA}`)).body.readers.map((reader) => reader.username)).toEqual(['cv-a', 'cv-b']);
    expect(await accessChanges(test, seq)).toEqual([[users.specialistA]]);
    expect(await reads(tokens.specialistA)).toBe(200);
    // Named again: nothing changes, nothing is written.
    seq = await head(test);
    const audited = async () => Number((await test.pool.query("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'register.%'")).rows[0].n);
    const auditedBefore = await audited();
    expect((await admin('PUT', `/api/admin/registers/${register.id}/readers/${users.specialistA}`)).status).toBe(200);
    expect(await head(test)).toBe(seq);
    expect(await audited()).toBe(auditedBefore);

    // Removed: he alone is told, his next read is refused like a missing document, and the refusal is audited.
    seq = await head(test);
    expect((await admin('DELETE', `/api/admin/registers/${register.id}/readers/${users.specialistA}`)).body.readers.map((reader) => reader.username)).toEqual(['cv-b']);
    expect(await accessChanges(test, seq)).toEqual([[users.specialistA]]);
    const denials = async () => (await test.pool.query("SELECT actor, subject, details::json->>'reason' AS reason FROM audit_log WHERE action = 'access_denied' AND actor = 'cv-a' ORDER BY seq")).rows;
    const deniedBefore = (await denials()).length;
    expect(await reads(tokens.specialistA)).toBe(404);
    expect((await denials()).slice(deniedBefore)).toEqual([{ actor: 'cv-a', subject: `document:${doc.id}`, reason: 'document_not_readable' }]);

    // The last reader stays while it is restricted; a default register is not restricted; an administrator reads nothing; unknowns are named.
    expect(await admin('DELETE', `/api/admin/registers/${register.id}/readers/${users.specialistB}`)).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(await admin('DELETE', `/api/admin/registers/${register.id}/readers/${users.clerk}`)).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(await admin('PATCH', '/api/admin/registers/1', { restricted: true })).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(await admin('PUT', `/api/admin/registers/${register.id}/readers/${users.admin}`)).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
    expect(await admin('PUT', `/api/admin/registers/999/readers/${users.clerk}`)).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(await admin('PATCH', `/api/admin/registers/${register.id}`, { restricted: 'yes' })).toMatchObject({ status: 400, body: { error: 'invalid_input' } });

    // Lifted: its documents fall back under the common rule (the grant too); the reader is kept, inert, for the next restriction.
    seq = await head(test);
    expect(await admin('PATCH', `/api/admin/registers/${register.id}`, { restricted: false })).toMatchObject({ status: 200, body: { restricted: false, readers: [{ username: 'cv-b' }] } });
    expect(await accessChanges(test, seq)).toEqual([[users.clerk], [users.leader], [users.specialistA], [users.specialistB]]);
    expect(await reads(tokens.clerk)).toBe(200);
    expect(await reads(tokens.specialistA)).toBe(200);
    expect(await reads(tokens.specialistB)).toBe(404);

    const listed = await admin('GET', '/api/admin/registers');
    expect((listed.body as unknown as RegisterAccess[]).map((r) => [r.code, r.restricted, r.isDefault, r.readers.length])).toEqual([
      ['incoming', false, true, 0],
      ['mat', false, false, 1],
      ['outgoing', false, true, 0],
      ['internal', false, true, 0],
    ]);
    const { rows: audit } = await test.pool.query(
      "SELECT actor, action, subject, details::json->>'username' AS username, details::json->'accessChanged' AS changed FROM audit_log WHERE action LIKE 'register.%' ORDER BY seq",
    );
    const subject = `register:${register.id}`;
    expect(audit).toEqual([
      { actor: 'quantri', action: 'register.reader.add', subject, username: 'cv-b', changed: [] },
      { actor: 'quantri', action: 'register.restrict', subject, username: null, changed: [users.clerk, users.leader, users.specialistA, users.specialistB] },
      { actor: 'quantri', action: 'register.reader.add', subject, username: 'cv-a', changed: [users.specialistA] },
      { actor: 'quantri', action: 'register.reader.remove', subject, username: 'cv-a', changed: [users.specialistA] },
      { actor: 'quantri', action: 'register.unrestrict', subject, username: null, changed: [users.clerk, users.leader, users.specialistA, users.specialistB] },
    ]);
  });
});
