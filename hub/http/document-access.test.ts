import { describe, expect, it } from 'vitest';
import type { SessionInfo, UnitInfo } from '../../shared/hub/accounts.js';
import { DOCUMENT_CHANGE, DOCUMENT_WITHDRAWN, type DocumentPage, type HubDocument, type SnapshotPage } from '../../shared/hub/documents.js';
import type { FeedPage } from '../../shared/hub/feed.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from '../../test/hub.js';
import { indexDocumentTexts, searchContent } from '../store/content-search.js';
import { inTransaction } from '../store/database.js';
import { documentReaders, grantDocument, mayReadDocument, readableDocumentIds } from '../store/document-access.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();
const AT = '2026-12-01T02:00:00.000Z';

interface Agency {
  test: TestHub;
  unitA: UnitInfo;
  unitB: UnitInfo;
  /** Below unit A. */
  unitA1: UnitInfo;
  users: Record<'clerk' | 'leader' | 'specialistA' | 'specialistB' | 'specialistA1' | 'unitLeaderA' | 'admin', number>;
  tokens: Record<'clerk' | 'specialistA' | 'specialistB' | 'admin', string>;
  /** A document arriving through the exchange store's write, with one PDF whose bytes are in the hub's blobs. */
  arrive(n: number): Promise<{ id: number; sha256: string; bytes: Buffer }>;
  give(documentId: number, to: { units?: number[]; users?: number[] }, actor?: number): ReturnType<typeof grantDocument>;
  feed(token: string, after?: number): Promise<FeedPage>;
  /** The document subjects of feed changes after `after`, as `kind subject`. */
  documentChanges(token: string, after?: number): Promise<string[]>;
  head(): Promise<number>;
}

async function agency(): Promise<Agency> {
  const test = await hub();
  const unit = (code: string, parentId: number | null) => test.administration.createUnit('cli', { code, name: `Phòng ${code}`, parentId });
  const unitA = await unit('A', null);
  const unitB = await unit('B', null);
  const unitA1 = await unit('A1', unitA.id);
  const users = {
    clerk: (await test.addUser('vanthu', ['clerk'])).id,
    leader: (await test.addUser('lanhdao', ['leader'])).id,
    specialistA: (await test.addUser('cv-a', ['specialist'], TEST_PASSWORD, unitA.id)).id,
    specialistB: (await test.addUser('cv-b', ['specialist'], TEST_PASSWORD, unitB.id)).id,
    specialistA1: (await test.addUser('cv-a1', ['specialist'], TEST_PASSWORD, unitA1.id)).id,
    unitLeaderA: (await test.addUser('ld-a', ['unit_leader'], TEST_PASSWORD, unitA.id)).id,
    admin: (await test.addUser('quantri', ['admin'])).id,
  };
  const tokens = {
    clerk: await test.signIn('vanthu', TEST_PASSWORD),
    specialistA: await test.signIn('cv-a', TEST_PASSWORD),
    specialistB: await test.signIn('cv-b', TEST_PASSWORD),
    admin: await test.signIn('quantri', TEST_PASSWORD),
  };
  const store = postgresExchangeStore(test.pool);
  const feed = async (token: string, after = 0) => (await test.call<FeedPage>('GET', `/api/feed?after=${after}&wait=0&limit=500`, { token })).body;
  return {
    test,
    unitA,
    unitB,
    unitA1,
    users,
    tokens,
    async arrive(n) {
      const bytes = Buffer.from(`%PDF-1.7 văn bản ${n}`);
      const blob = await test.blobs.put(bytes);
      const id = await store.write(async (tx) => {
        const documentId = await tx.insertReceived({ subject: `Công văn ${n}`, senderId: '000.00.00.G01', senderName: 'Bộ X', edxmlDocumentId: `doc-${n}`, receivedAt: AT }, AT);
        await tx.insertAttachments(documentId, [{ name: `cv-${n}.pdf`, contentType: 'application/pdf', sha256: blob.sha256, size: bytes.length }], AT);
        return documentId;
      });
      return { id, sha256: blob.sha256, bytes };
    },
    give: (documentId, to, actor = users.clerk) => inTransaction(test.pool, (client) => grantDocument(client, { documentId, units: to.units ?? [], users: to.users ?? [], actorUserId: actor })),
    feed,
    async documentChanges(token, after = 0) {
      return (await feed(token, after)).changes.filter((c) => c.kind.startsWith('document')).map((c) => `${c.kind} ${c.subject}`);
    },
    head: async () => Number((await test.pool.query('SELECT coalesce(max(seq), 0) AS head FROM changes')).rows[0].head),
  };
}

const download = (test: TestHub, token: string, documentId: number, sha256: string) =>
  test.app.inject({ method: 'GET', url: `/api/documents/${documentId}/attachments/${sha256}`, headers: { authorization: `Bearer ${token}` } });

async function denials(test: TestHub): Promise<{ actor: string; subject: string; reason: string; route: string }[]> {
  const { rows } = await test.pool.query(
    "SELECT actor, subject, details::json->>'reason' AS reason, details::json->>'route' AS route FROM audit_log WHERE action = 'access_denied' ORDER BY seq",
  );
  return rows;
}

describe('document access in the hub', () => {
  it("a specialist of unit A cannot read unit B's document by id, through the list, the feed, the snapshot or by its attachment's hash; once it is given to him he can, and the feed brings it", async () => {
    const { test, unitB, users, tokens, arrive, give, feed, documentChanges } = await agency();
    const doc = await arrive(1);
    expect(await give(doc.id, { units: [unitB.id] })).toEqual({ state: 'applied', added: { units: [unitB.id], users: [] } });
    const other = await arrive(2);

    // Unit B's specialist has it everywhere.
    expect((await test.call<HubDocument>('GET', `/api/documents/${doc.id}`, { token: tokens.specialistB })).body).toMatchObject({ id: doc.id, subject: 'Công văn 1', sharedWith: { units: [unitB.id], users: [] } });
    expect((await download(test, tokens.specialistB, doc.id, doc.sha256)).rawPayload).toEqual(doc.bytes);
    expect(await documentChanges(tokens.specialistB)).toEqual([`document document:${doc.id}`]);

    // Unit A's specialist: a 404 the same as for a document that does not exist, everywhere.
    const hidden = await test.call('GET', `/api/documents/${doc.id}`, { token: tokens.specialistA });
    const missing = await test.call('GET', '/api/documents/999999', { token: tokens.specialistA });
    expect(hidden).toEqual({ status: 404, body: { error: 'not_found', message: 'No such document.' } });
    expect(missing).toEqual(hidden);
    const file = await download(test, tokens.specialistA, doc.id, doc.sha256);
    expect([file.statusCode, file.json()]).toEqual([404, { error: 'not_found', message: 'No such document.' }]);
    // Nor through a document he may not see either, naming the hidden file's hash.
    expect((await download(test, tokens.specialistA, other.id, doc.sha256)).statusCode).toBe(404);
    expect((await test.call<DocumentPage>('GET', '/api/documents', { token: tokens.specialistA })).body).toEqual({ documents: [], nextBefore: null });
    expect((await test.call<SnapshotPage>('GET', '/api/snapshot', { token: tokens.specialistA })).body.documents).toEqual([]);
    const before = await feed(tokens.specialistA);
    expect(before.changes.filter((c) => c.kind.startsWith('document'))).toEqual([]);
    // The clerk sees both, newest first.
    expect((await test.call<DocumentPage>('GET', '/api/documents', { token: tokens.clerk })).body.documents.map((d) => d.id)).toEqual([other.id, doc.id]);

    // Every refusal was logged and audited, naming the document.
    const refused = [
      { actor: 'cv-a', subject: `document:${doc.id}`, reason: 'document_not_readable', route: '/api/documents/:id' },
      { actor: 'cv-a', subject: 'document:999999', reason: 'document_not_readable', route: '/api/documents/:id' },
      { actor: 'cv-a', subject: `document:${doc.id}`, reason: 'attachment_not_readable', route: '/api/documents/:id/attachments/:sha256' },
      { actor: 'cv-a', subject: `document:${other.id}`, reason: 'attachment_not_readable', route: '/api/documents/:id/attachments/:sha256' },
    ];
    expect(await denials(test)).toEqual(refused);
    expect(test.logs.filter((line) => line.includes('"event":"access_denied"') && line.includes('"actor":"cv-a"'))).toHaveLength(4);

    // Given to him: the feed brings the whole document, and by id, by hash and in the lists he has it.
    expect(await give(doc.id, { users: [users.specialistA] })).toEqual({ state: 'applied', added: { units: [], users: [users.specialistA] } });
    const after = await feed(tokens.specialistA, before.next);
    expect(after.changes.map((c) => [c.kind, c.subject])).toEqual([[DOCUMENT_CHANGE, `document:${doc.id}`]]);
    expect(after.changes[0]!.payload).toMatchObject({ id: doc.id, sharedWith: { units: [unitB.id], users: [users.specialistA] }, attachments: [{ sha256: doc.sha256, name: 'cv-1.pdf' }] });
    expect((await test.call('GET', `/api/documents/${doc.id}`, { token: tokens.specialistA })).status).toBe(200);
    expect((await download(test, tokens.specialistA, doc.id, doc.sha256)).rawPayload).toEqual(doc.bytes);
    expect((await test.call<DocumentPage>('GET', '/api/documents', { token: tokens.specialistA })).body.documents.map((d) => d.id)).toEqual([doc.id]);
    expect((await test.call<SnapshotPage>('GET', '/api/snapshot', { token: tokens.specialistA })).body.documents.map((d) => d.id)).toEqual([doc.id]);
    // Unit B's desk also got the document again, now naming its new reader; the grant is audited.
    expect(await documentChanges(tokens.specialistB)).toEqual([`document document:${doc.id}`, `document document:${doc.id}`]);
    expect((await test.pool.query("SELECT actor, subject FROM audit_log WHERE action = 'document.shared' ORDER BY seq")).rows).toEqual([
      { actor: 'vanthu', subject: `document:${doc.id}` },
      { actor: 'vanthu', subject: `document:${doc.id}` },
    ]);
    expect(await denials(test)).toEqual(refused);
  });

  it('a document of a restricted register is seen by its named readers only, not even by the clerk; those who lose sight of it are told', async () => {
    const { test, unitA, users, tokens, arrive, give, feed, documentChanges } = await agency();
    const { rows } = await test.pool.query<{ id: number; code: string }>("INSERT INTO registers (code, name, direction, restricted) VALUES ('mat', 'Sổ văn bản mật', 'in', true) RETURNING id, code");
    const register = rows[0]!;
    await test.pool.query('INSERT INTO register_readers (register_id, user_id) VALUES ($1, $2)', [register.id, users.specialistB]);
    const doc = await arrive(1);
    const clerkBefore = await feed(tokens.clerk);
    expect(clerkBefore.changes.filter((c) => c.subject === `document:${doc.id}`).map((c) => c.kind)).toEqual([DOCUMENT_CHANGE]);

    const store = postgresExchangeStore(test.pool);
    expect(await store.write((tx) => tx.enterInRegister(doc.id, register, new Date(AT)))).toBe(1);

    // The clerk is told to drop it, and from then on it is hidden from her like any other.
    const withdrawn = await feed(tokens.clerk, clerkBefore.next);
    expect(withdrawn.changes.map((c) => [c.kind, c.subject, c.payload])).toEqual([[DOCUMENT_WITHDRAWN, `document:${doc.id}`, { id: doc.id }]]);
    expect((await test.call('GET', `/api/documents/${doc.id}`, { token: tokens.clerk })).status).toBe(404);
    expect((await download(test, tokens.clerk, doc.id, doc.sha256)).statusCode).toBe(404);
    expect((await test.call<DocumentPage>('GET', '/api/documents', { token: tokens.clerk })).body.documents).toEqual([]);
    expect((await test.call<SnapshotPage>('GET', '/api/snapshot', { token: tokens.clerk })).body.documents).toEqual([]);
    // Its named reader (a specialist of another unit) has it, with the register named.
    expect(await documentChanges(tokens.specialistB)).toEqual([`document document:${doc.id}`]);
    expect((await test.call<HubDocument>('GET', `/api/documents/${doc.id}`, { token: tokens.specialistB })).body).toMatchObject({ id: doc.id, registerCode: 'mat' });
    expect((await download(test, tokens.specialistB, doc.id, doc.sha256)).statusCode).toBe(200);
    expect((await test.call<DocumentPage>('GET', '/api/documents', { token: tokens.specialistB })).body.documents.map((d) => d.id)).toEqual([doc.id]);
    expect((await test.call<SnapshotPage>('GET', '/api/snapshot', { token: tokens.specialistB })).body.documents.map((d) => d.id)).toEqual([doc.id]);

    // Giving it away would promise what the rule does not do: refused, nothing granted.
    expect(await give(doc.id, { units: [unitA.id] }, users.specialistB)).toMatchObject({ state: 'refused', reason: 'forbidden' });
    expect(await give(doc.id, { units: [unitA.id] }, users.clerk)).toMatchObject({ state: 'refused', reason: 'not_found' });
    expect((await test.pool.query('SELECT count(*)::int AS n FROM document_grants')).rows[0].n).toBe(0);
    expect((await denials(test)).map((d) => [d.actor, d.reason])).toEqual([
      ['vanthu', 'document_not_readable'],
      ['vanthu', 'attachment_not_readable'],
    ]);
  });

  it('a revoked session stops at once: its next request is refused with 401 and audited', async () => {
    const { test, unitB, tokens, arrive, give } = await agency();
    const doc = await arrive(1);
    await give(doc.id, { units: [unitB.id] });
    expect((await test.call('GET', `/api/documents/${doc.id}`, { token: tokens.specialistB })).status).toBe(200);
    const sessions = await test.call<SessionInfo[]>('GET', '/api/admin/sessions', { token: tokens.admin });
    const session = sessions.body.find((s) => s.username === 'cv-b')!;
    expect((await test.call('DELETE', `/api/admin/sessions/${session.id}`, { token: tokens.admin })).status).toBe(204);

    expect(await test.call('GET', `/api/documents/${doc.id}`, { token: tokens.specialistB })).toEqual({ status: 401, body: { error: 'unauthenticated', message: 'This session has ended: sign in again.' } });
    expect((await download(test, tokens.specialistB, doc.id, doc.sha256)).statusCode).toBe(401);
    expect((await test.call('GET', '/api/snapshot', { token: tokens.specialistB })).status).toBe(401);
    expect(await denials(test)).toEqual([
      { actor: 'cv-b', subject: `session:${session.id}`, reason: 'revoked', route: '/api/documents/:id' },
      { actor: 'cv-b', subject: `session:${session.id}`, reason: 'revoked', route: '/api/documents/:id/attachments/:sha256' },
      { actor: 'cv-b', subject: `session:${session.id}`, reason: 'revoked', route: '/api/snapshot' },
    ]);
  });

  it("the exchange's write of an arrival puts the document in the feed for the clerk, not for a specialist of another unit, and nothing when the write rolls back", async () => {
    const { test, tokens, arrive, feed } = await agency();
    const clerkAt = (await feed(tokens.clerk)).next;
    const specialistAt = (await feed(tokens.specialistA)).next;
    const doc = await arrive(7);

    const clerk = await feed(tokens.clerk, clerkAt);
    expect(clerk.changes.map((c) => [c.kind, c.subject])).toEqual([[DOCUMENT_CHANGE, `document:${doc.id}`]]);
    expect(clerk.changes[0]!.payload).toMatchObject({ id: doc.id, direction: 'incoming', state: 'arrived', subject: 'Công văn 7', senderName: 'Bộ X', attachmentCount: 1, clientKey: null, registerCode: null });
    // The payload is the document as a by-id read gives it at that point.
    expect(clerk.changes[0]!.payload).toEqual((await test.call('GET', `/api/documents/${doc.id}`, { token: tokens.clerk })).body);
    const specialist = await feed(tokens.specialistA, specialistAt);
    expect(specialist).toEqual({ changes: [], next: clerk.next });

    // The change commits or rolls back with the write it describes.
    const store = postgresExchangeStore(test.pool);
    await expect(
      store.write(async (tx) => {
        await tx.setHandlingState(doc.id, 'accepted', 12, AT);
        throw new Error('the receive failed after this');
      }),
    ).rejects.toThrow('the receive failed');
    expect(await feed(tokens.clerk, clerk.next)).toEqual({ changes: [], next: clerk.next });
    await store.write((tx) => tx.setHandlingState(doc.id, 'accepted', 12, AT));
    const accepted = await feed(tokens.clerk, clerk.next);
    expect(accepted.changes.map((c) => [c.kind, (c.payload as HubDocument).state, (c.payload as HubDocument).arrivalNumber])).toEqual([[DOCUMENT_CHANGE, 'accepted', 12]]);
  });

  it('the snapshot: every document the user may see as of its head, page by page at that head; the feed from the head brings what came after', async () => {
    const { test, tokens, arrive, feed } = await agency();
    const docs = [await arrive(1), await arrive(2), await arrive(3)];
    const first = (await test.call<SnapshotPage>('GET', '/api/snapshot?limit=2', { token: tokens.clerk })).body;
    expect(first.documents.map((d) => d.id)).toEqual([docs[0]!.id, docs[1]!.id]);
    expect(first.nextAfter).toBe(docs[1]!.id);
    // Every change of what the page shows is numbered at or below its head.
    expect(first.head).toBe((await feed(tokens.clerk)).next);

    const later = await arrive(4);
    const second = (await test.call<SnapshotPage>('GET', `/api/snapshot?limit=2&head=${first.head}&after=${first.nextAfter}`, { token: tokens.clerk })).body;
    expect(second.head).toBe(first.head);
    expect(second.documents.map((d) => d.id)).toEqual([docs[2]!.id, later.id]);
    expect(second.nextAfter).toBeNull();
    expect((await feed(tokens.clerk, first.head)).changes.map((c) => c.subject)).toEqual([`document:${later.id}`]);

    const ahead = await test.call<{ reset: string }>('GET', `/api/snapshot?head=${first.head + 1000}`, { token: tokens.clerk });
    expect([ahead.status, ahead.body.reset]).toEqual([410, 'unknown']);
    for (const bad of ['limit=0', 'after=-1', 'head=x', 'evil=1']) expect((await test.call<{ error: string }>('GET', `/api/snapshot?${bad}`, { token: tokens.clerk })).body.error).toBe('invalid_input');
    // The administrator manages accounts and sees no document.
    expect((await test.call<SnapshotPage>('GET', '/api/snapshot', { token: tokens.admin })).body.documents).toEqual([]);
  });

  it('the rule: clerks and leaders see every document not in a restricted register; unit leaders what was given to their unit or the units below it; specialists what was given to them or their unit; admins and disabled accounts nothing', async () => {
    const { test, unitA, unitA1, users, arrive, give } = await agency();
    const toA = (await arrive(1)).id;
    const toA1 = (await arrive(2)).id;
    const toSpecialistB = (await arrive(3)).id;
    const toAdmin = (await arrive(4)).id;
    await give(toA, { units: [unitA.id] });
    await give(toA1, { units: [unitA1.id] });
    await give(toSpecialistB, { users: [users.specialistB] });
    await give(toAdmin, { users: [users.admin] });
    const all = [toAdmin, toSpecialistB, toA1, toA];
    // Their headers searchable (the hub's text reader would do it), for the search's leg below.
    await indexDocumentTexts(test.pool, all.map((documentId) => ({ documentId, text: '' })));
    const expected: Record<keyof typeof users, number[]> = {
      clerk: all,
      leader: all,
      specialistA: [toA],
      specialistA1: [toA1],
      unitLeaderA: [toA1, toA],
      specialistB: [toSpecialistB],
      admin: [],
    };
    for (const [who, id] of Object.entries(users) as [keyof typeof users, number][]) {
      expect([who, await readableDocumentIds(test.pool, id, { before: null, limit: 100 })]).toEqual([who, expected[who]]);
      // Page by page either way, and the content search among them: the same documents.
      const oneByOne: number[] = [];
      for (let before: number | null = null; ; ) {
        const [next] = await readableDocumentIds(test.pool, id, { before, limit: 1 });
        if (next === undefined) break;
        oneByOne.push(next);
        before = next;
      }
      expect([who, oneByOne]).toEqual([who, expected[who]]);
      expect([who, await readableDocumentIds(test.pool, id, { after: 0, limit: 100 })]).toEqual([who, [...expected[who]].reverse()]);
      const found = await searchContent(test.pool, { query: 'cong van', beforeId: null, limit: 100, onlyIds: null, readerId: id });
      expect([who, found.rows.map((row) => row.documentId)]).toEqual([who, expected[who]]);
      // The by-id check and the feed's audience say the same as the list.
      for (const documentId of all) {
        expect([who, documentId, await mayReadDocument(test.pool, id, documentId)]).toEqual([who, documentId, expected[who].includes(documentId)]);
        expect([who, documentId, (await documentReaders(test.pool, documentId)).includes(id)]).toEqual([who, documentId, expected[who].includes(documentId)]);
      }
    }
    await test.administration.updateUser('cli', users.clerk, { disabled: true });
    expect(await readableDocumentIds(test.pool, users.clerk, { before: null, limit: 100 })).toEqual([]);
    // Giving to someone unknown is refused, and nothing is given.
    expect(await give(toA, { users: [999] }, users.leader)).toMatchObject({ state: 'refused', reason: 'invalid' });
  });
});
