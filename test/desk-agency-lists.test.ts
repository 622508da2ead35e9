/**
 * A desk in agency mode through the core's API against a real hub (test/hub.ts, PostgreSQL): the
 * mailboxes and the document view answer from the replica the feed fills, in the standalone
 * shapes; accepting and saving a draft are commands queued at once (offline too) and shown pending
 * until the feed brings their result; a refused command keeps the hub's words and can be put away;
 * what only a standalone desk does is refused with the reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { postgresExchangeStore } from '../hub/store/postgres-exchange-store.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from './hub.js';
import { useTempDirs } from './temp-dir.js';
import { startCore, until } from './core-api.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const runtimes: CoreRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
});
const AT = '2026-12-01T02:00:00.000Z';

async function arrival(test: TestHub, n: number): Promise<number> {
  return postgresExchangeStore(test.pool).write((tx) => tx.insertReceived({ subject: `Công văn đến ${n}`, senderId: 'H02.00', senderName: 'Sở Y tế', edxmlDocumentId: `H02.00,2026/12/01,${n}/SYT`, receivedAt: AT }, AT));
}

describe('the desk in agency mode', () => {
  it('shows the hub documents in the mailboxes, queues an accept that the feed then shows done, keeps a refusal with the hub words until put away, and refuses standalone-only calls', async () => {
    const test = await hub();
    const hubUrl = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).origin;
    await test.addUser('vanthu', ['clerk']);
    const first = await arrival(test, 1);
    const desk = await startCore(await tempDir(), { policy: {}, problems: [] }, runtimes);
    await desk.call('hub.connect', { hubUrl, username: 'vanthu', password: TEST_PASSWORD });

    // The arrival at the hub is in the inbox, in the standalone shapes, under the hub's id.
    await until('the arrival in the inbox', async () => (await desk.call('documents.list', { box: 'inbox', limit: 50, offset: 0 })).total === 1);
    const inbox = await desk.call('documents.list', { box: 'inbox', tab: 'waiting', limit: 50, offset: 0 });
    expect(inbox.rows).toEqual([expect.objectContaining({ id: first, subject: 'Công văn đến 1', senderName: 'Sở Y tế', state: 'arrived', arrivalNumber: null })]);
    expect(await desk.call('documents.inboxCounts', {})).toMatchObject({ waiting: 1, all: 1 });
    expect(await desk.call('documents.get', { id: first })).toMatchObject({ id: first, direction: 'incoming', state: 'arrived', metadata: expect.objectContaining({ subject: 'Công văn đến 1' }) });
    expect(await desk.fails('documents.get', { id: first + 1000 })).toMatchObject({ code: 'not_found' });
    // The tray hears the waiting count of the replica.
    await until('the waiting count', () => desk.events.some((e) => e.type === 'inbox.waiting' && e.count === 1));

    // Accepting is a command: queued at once, pending until the hub applied it and the feed brought the number.
    const changedBefore = desk.events.length;
    const accept = await desk.call('hub.queueCommand', { kind: 'arrival.accept', payload: { documentId: first } });
    expect(accept).toMatchObject({ kind: 'arrival.accept', state: 'queued', documentId: first });
    await until('accepted in the replica', async () => (await desk.call('documents.get', { id: first })).state === 'accepted');
    expect(await desk.call('documents.get', { id: first })).toMatchObject({ arrivalNumber: 1 });
    expect((await desk.call('hub.commands', { limit: 10 }))[0]).toMatchObject({ id: accept.id, state: 'applied', awaitingFeed: false });
    // The screens were told: the document changed, and the inbox count went down.
    expect(desk.events.slice(changedBefore).some((e) => e.type === 'documents.changed' && e.ids.includes(first))).toBe(true);
    await until('none waiting', () => desk.events.some((e) => e.type === 'inbox.waiting' && e.count === 0));
    expect(await desk.call('documents.inboxCounts', {})).toMatchObject({ waiting: 0, inProgress: 1 });

    // Accepting it again is refused by the hub: the desk keeps its reason and words until the clerk puts it away.
    const again = await desk.call('hub.queueCommand', { kind: 'arrival.accept', payload: { documentId: first } });
    await until('the refusal', async () => (await desk.call('hub.getStatus', {}))!.refused === 1);
    const refused = (await desk.call('hub.commands', { limit: 10 })).find((c) => c.id === again.id)!;
    expect(refused).toMatchObject({ state: 'refused', refusal: { reason: 'stale', message: expect.any(String) } });
    expect(await desk.call('hub.dismissCommand', { id: again.id })).toEqual({ id: again.id });
    expect(await desk.fails('hub.dismissCommand', { id: again.id })).toMatchObject({ code: 'not_found' });
    expect(await desk.fails('hub.dismissCommand', { id: accept.id })).toMatchObject({ code: 'not_found' });
    expect((await desk.call('hub.getStatus', {}))!.refused).toBe(0);
    expect((await desk.call('hub.commands', { limit: 10 })).map((c) => c.id)).toEqual([accept.id]);

    // A new draft: one draft.save under its client key; it is in the drafts once the feed brings it.
    const clientKey = crypto.randomUUID();
    const save = await desk.call('hub.queueCommand', { kind: 'draft.save', payload: { documentId: null, clientKey, fields: { subject: 'Tờ trình mua sắm' } } });
    expect(save).toMatchObject({ state: 'queued', documentId: null, subject: 'Tờ trình mua sắm' });
    await until('the draft', async () => (await desk.call('documents.list', { box: 'drafts', limit: 50, offset: 0 })).total === 1);
    const draft = (await desk.call('documents.list', { box: 'drafts', limit: 50, offset: 0 })).rows[0]!;
    expect(draft).toMatchObject({ subject: 'Tờ trình mua sắm', direction: 'draft', state: 'editing' });
    expect((await desk.call('hub.commands', { limit: 10 })).find((c) => c.id === save.id)).toMatchObject({ state: 'applied', documentId: draft.id, awaitingFeed: false });

    // What a desk does not do itself is refused with the reason, never written to the standalone tables.
    expect(await desk.fails('documents.respond', { id: first, status: '06', description: '' })).toMatchObject({ code: 'conflict', fields: { agencyMode: 'documents.respond' } });
    expect(await desk.fails('drafts.create', { subject: 'x', summary: '' })).toMatchObject({ code: 'conflict' });
    expect(await desk.fails('drafts.update', { id: draft.id, fields: { subject: 'y' } })).toMatchObject({ code: 'conflict' });

    await runtimes.splice(0)[0]!.close();
    test.app.server.closeAllConnections();
  });
});
