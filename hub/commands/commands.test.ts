import http from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import type { CommandBatchOutcome, CommandOutcome } from '../../shared/hub/commands.js';
import { DOCUMENT_CHANGE, type HubDocument } from '../../shared/hub/documents.js';
import type { FeedPage } from '../../shared/hub/feed.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from '../../test/hub.js';
import { uuidv7 } from '../../test/uuid7.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();
const AT = '2026-12-01T02:00:00.000Z';

interface Desks {
  test: TestHub;
  clerk: string;
  leader: string;
  specialist: string;
  /** A second specialist, of the same unit. */
  colleague: string;
  send(token: string, command: unknown, instance?: TestHub['app']): Promise<{ status: number; body: CommandOutcome & { error?: string } }>;
}

async function desks(): Promise<Desks> {
  const test = await hub();
  await test.addUser('vanthu', ['clerk']);
  await test.addUser('lanhdao', ['leader']);
  await test.addUser('chuyenvien', ['specialist']);
  await test.addUser('dongnghiep', ['specialist']);
  const send = async (token: string, command: unknown, instance = test.app) => {
    const response = await instance.inject({ method: 'POST', url: '/api/commands', headers: { authorization: `Bearer ${token}` }, payload: command as object });
    return { status: response.statusCode, body: JSON.parse(response.body) as CommandOutcome & { error?: string } };
  };
  return {
    test,
    clerk: await test.signIn('vanthu', TEST_PASSWORD),
    leader: await test.signIn('lanhdao', TEST_PASSWORD),
    specialist: await test.signIn('chuyenvien', TEST_PASSWORD),
    colleague: await test.signIn('dongnghiep', TEST_PASSWORD),
    send,
  };
}

async function arrival(test: TestHub, n: number): Promise<number> {
  return postgresExchangeStore(test.pool).write((tx) => tx.insertReceived({ subject: `Công văn đến ${n}`, senderId: 'H02.00', senderName: 'Sở Y tế', edxmlDocumentId: `H02.00,2026/12/01,${n}/SYT`, receivedAt: AT }, AT));
}

const accept = (documentId: number, id = uuidv7()) => ({ id, kind: 'arrival.accept', payload: { documentId } });

async function count(test: TestHub, sql: string, values: unknown[] = []): Promise<number> {
  return (await test.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, values)).rows[0]!.n;
}

describe('desk commands: applied at most once', () => {
  it('arrival.accept registers the arrival with its số đến and queues the 03 status; the same id again answers the first outcome and changes nothing', async () => {
    const { test, clerk, send } = await desks();
    const first = await arrival(test, 1);
    const second = await arrival(test, 2);

    const command = accept(second);
    const applied = await send(clerk, command);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ id: command.id, state: 'applied', result: { documentId: second, arrivalNumber: 1, register: expect.any(String) } });
    expect((await send(clerk, accept(first))).body).toMatchObject({ state: 'applied', result: { arrivalNumber: 2 } });

    // The desk was killed after sending and signs in again: the same id comes from a new session.
    const restarted = await test.signIn('vanthu', TEST_PASSWORD);
    for (const token of [clerk, restarted]) expect((await send(token, command)).body).toEqual(applied.body);

    const doc = (await test.pool.query('SELECT state, arrival_number FROM documents WHERE id = $1', [second])).rows[0];
    expect(doc).toEqual({ state: 'accepted', arrival_number: 1 });
    expect(await count(test, 'register_entries WHERE document_id = $1', [second])).toBe(1);
    expect((await test.pool.query("SELECT recipients, purpose, state FROM outbox WHERE document_id = $1 AND message_type = 'status'", [second])).rows).toEqual([
      { recipients: ['H02.00'], purpose: 'status:03', state: 'queued' },
    ]);
    expect(await count(test, "status_events WHERE document_id = $1 AND status_code = '03' AND direction = 'out'", [second])).toBe(1);
    expect(await count(test, "audit_log WHERE action = 'document.status.03' AND subject = $1", [`document:${second}`])).toBe(1);
    expect((await test.pool.query('SELECT kind, outcome FROM commands WHERE id = $1', [command.id])).rows).toEqual([{ kind: 'arrival.accept', outcome: applied.body }]);
    // The status package queued is a real edXML status: 03, to the sender, from this agency.
    const { package_bytes: bytes } = (await test.pool.query("SELECT package_bytes FROM outbox WHERE document_id = $1 AND message_type = 'status'", [second])).rows[0];
    const xml = Buffer.from(bytes).toString('utf8');
    expect(xml).toContain('<StatusCode>03</StatusCode>');
    expect(xml).toMatch(/<From>\s*<OrganId>H01\.00\.TEST<\/OrganId>/);
    expect(xml).toMatch(/<ResponseFor>\s*<OrganId>H02\.00<\/OrganId>/);
  });

  it('a desk killed mid-command: cut off after sending, the hub applies it once; cut off mid-body, nothing is applied; the re-sent id then gets one outcome', async () => {
    const { test, clerk, send } = await desks();
    const base = await test.app.listen({ host: '127.0.0.1', port: 0 });
    const sentThenKilled = accept(await arrival(test, 1));
    const halfSent = accept(await arrival(test, 2));
    const kill = (command: unknown, bytes: 'all' | 'half') =>
      new Promise<void>((resolve) => {
        const body = Buffer.from(JSON.stringify(command));
        const request = http.request(`${base}/api/commands`, { method: 'POST', headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json', 'content-length': body.length } });
        request.on('error', () => resolve());
        if (bytes === 'all') {
          // The desk's process dies as the answer comes: the hub had it all, the desk never reads the outcome.
          request.on('response', () => {
            request.destroy();
            resolve();
          });
          request.end(body);
          return;
        }
        request.write(body.subarray(0, body.length >> 1), () => {
          // The desk's process dies mid-body: its socket closes without the rest.
          setTimeout(() => request.destroy(), 50);
          resolve();
        });
      });
    await kill(sentThenKilled, 'all');
    await kill(halfSent, 'half');
    const stored = async (id: string) => (await test.pool.query('SELECT outcome FROM commands WHERE id = $1', [id])).rows[0]?.outcome ?? null;
    await vi.waitFor(async () => expect(await stored(sentThenKilled.id)).not.toBeNull(), { timeout: 10_000 });
    expect(await stored(halfSent.id)).toBeNull();

    // The desk restarts, signs in again and sends its queue: the first command's first outcome, the second applied now.
    const restarted = await test.signIn('vanthu', TEST_PASSWORD);
    const again = await send(restarted, sentThenKilled);
    expect(again.body).toEqual(await stored(sentThenKilled.id));
    expect(again.body).toMatchObject({ state: 'applied', result: { arrivalNumber: 1 } });
    expect((await send(restarted, halfSent)).body).toMatchObject({ state: 'applied', result: { arrivalNumber: 2 } });
    expect(await count(test, 'register_entries')).toBe(2);
    expect(await count(test, "outbox WHERE message_type = 'status'")).toBe(2);
    expect(await count(test, 'commands')).toBe(2);
  });

  it('racing on two hub instances: two copies of one command get its one outcome, effects once; two commands accepting one arrival or saving one new draft give one result', async () => {
    const { test, clerk, leader, send } = await desks();
    const other = await test.anotherInstance();
    const ids = await Promise.all(Array.from({ length: 12 }, (_, n) => arrival(test, n + 1)));
    const answers = await Promise.all(
      ids.flatMap((documentId) => {
        const command = accept(documentId);
        return [send(clerk, command), send(clerk, command, other)];
      }),
    );
    for (let n = 0; n < answers.length; n += 2) {
      expect(answers[n]!.body.state).toBe('applied');
      expect(answers[n + 1]!.body).toEqual(answers[n]!.body);
    }
    // Numbers 1..12, each once.
    expect((await test.pool.query('SELECT number FROM register_entries ORDER BY number')).rows.map((row) => row.number)).toEqual(Array.from({ length: 12 }, (_, n) => n + 1));
    expect(await count(test, "outbox WHERE message_type = 'status'")).toBe(12);

    // Two clerks accept one arrival at once, under two ids, on two instances: one number, the other told it is taken.
    await test.addUser('vanthu2', ['clerk']);
    const secondClerk = await test.signIn('vanthu2', TEST_PASSWORD);
    for (let n = 0; n < 5; n++) {
      const documentId = await arrival(test, 100 + n);
      const both = await Promise.all([send(clerk, accept(documentId)), send(secondClerk, accept(documentId), other)]);
      expect(both.map((answer) => answer.status)).toEqual([200, 200]);
      expect(both.map((answer) => (answer.body.state === 'refused' ? answer.body.reason : answer.body.state)).sort()).toEqual(['applied', 'stale']);
    }
    expect(await count(test, 'register_entries')).toBe(12 + 5);

    // Drafts too: one clientKey, one command id, sent to both instances at once, makes one document.
    const drafts = await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        const command = { id: uuidv7(), kind: 'draft.save', payload: { documentId: null, clientKey: crypto.randomUUID(), fields: { subject: `Dự thảo ${n}` } } };
        const [a, b] = await Promise.all([send(leader, command), send(leader, command, other)]);
        expect(b.body).toEqual(a.body);
        return a.body;
      }),
    );
    expect(new Set(drafts.map((outcome) => (outcome.state === 'applied' ? outcome.result.documentId : null))).size).toBe(8);
    expect(await count(test, "documents WHERE direction = 'draft'")).toBe(8);
    expect(await count(test, 'commands')).toBe(12 + 10 + 8);

    // Two saves of one new draft under two command ids (queued twice offline), racing: one draft, both saves in it.
    for (let n = 0; n < 6; n++) {
      const clientKey = crypto.randomUUID();
      const save = (fields: Record<string, unknown>) => ({ id: uuidv7(), kind: 'draft.save', payload: { documentId: null, clientKey, fields } });
      const [a, b] = await Promise.all([send(leader, save({ subject: `Tờ trình ${n}` })), send(leader, save({ subject: `Tờ trình ${n}`, summary: 'bản sau' }), other)]);
      expect([a.body.state, b.body.state]).toEqual(['applied', 'applied']);
      expect((b.body as { result: unknown }).result).toEqual((a.body as { result: unknown }).result);
    }
    expect(await count(test, "documents WHERE direction = 'draft'")).toBe(8 + 6);
  });

  it('refusals carry a reason and a message, are kept as the outcome, and undo whatever the command had begun', async () => {
    const { test, clerk, specialist, send } = await desks();
    const doc = await arrival(test, 1);

    // The specialist was not given the arrival: to him it does not exist, as for a read by id.
    const bySpecialist = accept(doc);
    const hidden = await send(specialist, bySpecialist);
    expect(hidden.body).toMatchObject({ state: 'refused', reason: 'not_found', message: `No document ${doc} that this account may see.` });
    expect((await send(specialist, bySpecialist)).body).toEqual(hidden.body);
    const denied = (await test.pool.query("SELECT actor, subject, details FROM audit_log WHERE action = 'access_denied'")).rows;
    expect(denied).toEqual([{ actor: 'chuyenvien', subject: `command:${bySpecialist.id}`, details: expect.stringMatching(/"reason":"document_not_readable".*"kind":"arrival.accept"/) }]);
    // Given it, he sees it, and the role check answers: only the clerk accepts.
    const specialistId = (await test.pool.query<{ id: number }>("SELECT id FROM users WHERE username = 'chuyenvien'")).rows[0]!.id;
    const share = () => ({ id: uuidv7(), kind: 'document.share', payload: { documentId: doc, users: [specialistId] } });
    expect((await send(specialist, share())).body).toMatchObject({ state: 'refused', reason: 'not_found' });
    expect((await send(clerk, share())).body).toMatchObject({ state: 'applied', result: { documentId: doc, added: { units: [], users: [specialistId] } } });
    expect((await send(specialist, accept(doc))).body).toMatchObject({ state: 'refused', reason: 'forbidden', message: expect.stringContaining('clerk') });

    expect((await send(clerk, accept(9999))).body).toMatchObject({ state: 'refused', reason: 'not_found' });
    const command = accept(doc);
    expect((await send(clerk, command)).body.state).toBe('applied');
    const again = await send(clerk, accept(doc));
    expect(again.body).toMatchObject({ state: 'refused', reason: 'stale', message: expect.stringContaining('already accepted') });
    expect(await count(test, 'register_entries')).toBe(1);

    // The same id with other content, or from someone else: refused, and the first outcome stays.
    const first = (await test.pool.query('SELECT outcome FROM commands WHERE id = $1', [command.id])).rows[0].outcome;
    expect((await send(clerk, { ...command, payload: { documentId: doc + 1 } })).body).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining('new id') });
    expect((await send(specialist, command)).body).toMatchObject({ state: 'refused', reason: 'invalid' });
    expect((await send(clerk, command)).body).toEqual(first);
    // The specialist's refused accept and share, the clerk's share, his refused accept, and these.
    expect(await count(test, 'commands')).toBe(7);

    // A refusal found inside the transaction rolls back what the handler had written before it.
    const draft = { id: uuidv7(), kind: 'draft.save', payload: { documentId: null, clientKey: crypto.randomUUID(), fields: { summary: 'không có trích yếu' } } };
    expect((await send(clerk, draft)).body).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining('subject') });
    expect(await count(test, "documents WHERE direction = 'draft'")).toBe(0);

    // Input that fails the contract is no command at all: 400, nothing stored.
    for (const bad of [
      { id: crypto.randomUUID(), kind: 'arrival.accept', payload: { documentId: doc } },
      { id: uuidv7(), kind: 'arrival.reject', payload: { documentId: doc } },
      { id: uuidv7(), kind: 'draft.save', payload: { documentId: null, clientKey: crypto.randomUUID(), fields: { subject: 'x'.repeat(501) } } },
      { id: uuidv7(), kind: 'arrival.accept', payload: { documentId: doc, extra: 1 } },
    ]) {
      expect((await send(clerk, bad)).body.error).toBe('invalid_input');
    }
    expect(await count(test, 'commands')).toBe(8);
    expect((await test.call('POST', '/api/commands', { body: accept(doc) })).status).toBe(401);
  });

  it("what a command changes reaches the feed of those who may see it, in the command's transaction", async () => {
    const { test, clerk, specialist, colleague, send } = await desks();
    const documentsIn = async (token: string) =>
      (await test.call<FeedPage>('GET', '/api/feed?after=0&wait=0&limit=500', { token })).body.changes.filter((change) => change.kind === DOCUMENT_CHANGE).map((change) => change.payload as HubDocument);
    const clientKey = crypto.randomUUID();
    const made = await send(specialist, { id: uuidv7(), kind: 'draft.save', payload: { documentId: null, clientKey, fields: { subject: 'Dự thảo báo cáo quý' } } });
    const documentId = (made.body as Extract<CommandOutcome, { state: 'applied' }>).result.documentId as number;
    // The draft carries the key the desk made it under: the desk finds in its replica the draft it queued.
    expect((await documentsIn(specialist)).map((document) => [document.id, document.subject, document.clientKey])).toEqual([[documentId, 'Dự thảo báo cáo quý', clientKey]]);
    expect((await documentsIn(clerk)).map((document) => document.id)).toEqual([documentId]);
    expect(await documentsIn(colleague)).toEqual([]);
    // An arrival accepted at the clerk's desk: every clerk's and leader's feed gets it numbered.
    const doc = await arrival(test, 1);
    await send(clerk, accept(doc));
    const latest = (await documentsIn(clerk)).filter((document) => document.id === doc).at(-1);
    expect(latest).toMatchObject({ id: doc, state: 'accepted', arrivalNumber: 1 });
  });

  it('draft.save: a clientKey makes one draft however often it is saved; the maker, a leader or the clerk may change it, nobody else', async () => {
    const { test, clerk, leader, specialist, colleague, send } = await desks();
    const clientKey = crypto.randomUUID();
    const save = (token: string, documentId: number | null, fields: Record<string, unknown>) => send(token, { id: uuidv7(), kind: 'draft.save', payload: { documentId, clientKey, fields } });

    const created = await save(specialist, null, { subject: 'Kế hoạch công tác tháng 12', toPlaces: ['Như trên;', '', 'Lưu: VT.'] });
    expect(created.body).toMatchObject({ state: 'applied', result: { documentId: expect.any(Number) } });
    const documentId = (created.body as Extract<CommandOutcome, { state: 'applied' }>).result.documentId as number;
    // Saved offline twice under the same key: the same draft.
    expect((await save(specialist, null, { summary: 'Bản sửa' })).body).toMatchObject({ state: 'applied', result: { documentId } });
    // Another specialist does not see it at all.
    expect((await save(colleague, documentId, { summary: 'Của người khác' })).body).toMatchObject({ state: 'refused', reason: 'not_found' });
    expect((await save(colleague, null, { subject: 'Cùng khóa' })).body).toMatchObject({ state: 'refused', reason: 'forbidden' });
    expect((await save(leader, documentId, { signerFullName: 'Nguyễn Văn Lãnh Đạo' })).body.state).toBe('applied');
    expect((await save(clerk, documentId, { priority: 2 })).body.state).toBe('applied');
    expect((await save(clerk, 424242, { priority: 2 })).body).toMatchObject({ state: 'refused', reason: 'not_found' });

    const row = (await test.pool.query('SELECT subject, summary, to_places, signer_name, priority, client_key, created_by FROM documents WHERE id = $1', [documentId])).rows[0];
    const maker = (await test.pool.query("SELECT id FROM users WHERE username = 'chuyenvien'")).rows[0].id;
    expect(row).toEqual({ subject: 'Kế hoạch công tác tháng 12', summary: 'Bản sửa', to_places: '["Như trên;","Lưu: VT."]', signer_name: 'Nguyễn Văn Lãnh Đạo', priority: 2, client_key: clientKey, created_by: maker });
    expect(await count(test, 'documents')).toBe(1);

    // Submitted for signing: no more edits, said so.
    await test.pool.query("UPDATE documents SET signing_state = 'awaiting_leader' WHERE id = $1", [documentId]);
    expect((await save(specialist, documentId, { summary: 'muộn' })).body).toMatchObject({ state: 'refused', reason: 'stale' });
    expect((await test.pool.query('SELECT summary FROM documents WHERE id = $1', [documentId])).rows[0].summary).toBe('Bản sửa');
    expect(await count(test, "audit_log WHERE subject = $1 AND action IN ('draft.create', 'draft.update')", [`document:${documentId}`])).toBe(4);
  });

  it('a batch is applied in order and answered in order; a repeated batch gets the same answers', async () => {
    const { test, clerk, send } = await desks();
    const a = await arrival(test, 1);
    const b = await arrival(test, 2);
    const batch = { commands: [accept(b), accept(a), accept(a)] };
    const answer = (await send(clerk, batch)).body as unknown as CommandBatchOutcome;
    expect(answer.outcomes.map((outcome) => [outcome.state, outcome.state === 'applied' ? outcome.result.arrivalNumber : outcome.reason])).toEqual([
      ['applied', 1],
      ['applied', 2],
      ['refused', 'stale'],
    ]);
    expect(((await send(clerk, batch)).body as unknown as CommandBatchOutcome).outcomes).toEqual(answer.outcomes);
    expect((await send(clerk, { commands: [] })).body.error).toBe('invalid_input');
  });
});
