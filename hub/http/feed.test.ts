import type { FastifyInstance } from 'fastify';
import { once } from 'node:events';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { SessionInfo, UnitInfo } from '../../shared/hub/accounts.js';
import type { FeedPage, FeedReset } from '../../shared/hub/feed.js';
import { TEST_PASSWORD, useTestHub, type TestHub, type TestHubOptions } from '../../test/hub.js';
import { SseClient } from '../../test/sse.js';
import { recordChange } from '../store/changes.js';

const hub = useTestHub();

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

interface TwoInstances {
  test: TestHub;
  a: string;
  b: string;
  adminToken: string;
  finance: UnitInfo;
  /** A GET on an instance with a desk's token; the body parsed. */
  get<T>(base: string, path: string, token: string): Promise<{ status: number; body: T }>;
}

/** One agency database, two hub instances on real HTTP servers, an admin, and a second unit. */
async function twoInstances(options: TestHubOptions = {}): Promise<TwoInstances> {
  const test = await hub(options);
  const a = await listen(test.app);
  const b = await listen(await test.anotherInstance());
  await test.addUser('quantri', ['admin']);
  const adminToken = await test.signIn('quantri', TEST_PASSWORD);
  const finance = (await test.call<UnitInfo>('POST', '/api/admin/units', { token: adminToken, body: { code: 'TC', name: 'Phòng Tài chính', parentId: null } })).body;
  const get = async <T,>(base: string, path: string, token: string) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as T };
  };
  return { test, a, b, adminToken, finance, get };
}

const renameUnit = (test: TestHub, token: string, unitId: number, name: string) => test.call('PATCH', `/api/admin/units/${unitId}`, { token, body: { name } });

const percentile = (values: number[], p: number) => [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

describe('the change feed over HTTP', () => {
  it('long-poll: answers at once when something is newer, else waits for a commit made through another instance, and carries the desk past what it may not see', async () => {
    const { test, a, b, adminToken, finance, get } = await twoInstances();
    await test.addUser('vanthu', ['clerk']);
    const clerk = await test.signIn('vanthu', TEST_PASSWORD);

    const first = await get<FeedPage>(b, '/api/feed?after=0', clerk);
    expect(first.status).toBe(200);
    // The directory so far: the office, the admin, finance, the clerk.
    expect(first.body.changes.map((c) => `${c.kind} ${c.subject}`)).toEqual(['directory.unit unit:1', 'directory.user user:1', 'directory.unit unit:2', 'directory.user user:2']);
    expect(first.body.next).toBe(first.body.changes[3]!.seq);

    const waiting = get<FeedPage>(b, `/api/feed?after=${first.body.next}`, clerk);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await renameUnit(test, adminToken, finance.id, 'Phòng Kế hoạch - Tài chính')).status).toBe(200);
    const woken = await waiting;
    expect(woken.body.changes.map((c) => [c.kind, c.payload])).toEqual([['directory.unit', { ...finance, name: 'Phòng Kế hoạch - Tài chính' }]]);

    // A change for finance only: the clerk's wait ends empty at its time, but past that number.
    await recordChange(test.pool, { kind: 'test.note', subject: 'note:1', payload: {}, audience: { units: [finance.id] } });
    const empty = await get<FeedPage>(a, `/api/feed?after=${woken.body.next}&wait=1`, clerk);
    expect(empty.body).toEqual({ changes: [], next: woken.body.next + 1 });

    for (const bad of ['after=-1', 'after=abc', '', 'after=1&limit=100000', 'after=1&wait=600', 'after=1&evil=1']) {
      expect([bad, (await get<{ error: string }>(a, `/api/feed?${bad}`, clerk)).body.error]).toEqual([bad, 'invalid_input']);
    }
    expect((await get(a, '/api/feed?after=0', 'not-a-token')).status).toBe(401);
  });

  it('two instances: a change committed through A reaches an SSE desk on B (latency printed)', async () => {
    const { test, a, b, adminToken, finance, get } = await twoInstances();
    await test.addUser('lanhdao', ['leader']);
    const leader = await test.signIn('lanhdao', TEST_PASSWORD);
    const { next } = (await get<FeedPage>(a, '/api/feed?after=0&wait=0', leader)).body;
    const stream = await SseClient.open(`${b}/api/feed/stream?after=${next}`, leader);
    expect(stream.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const latencies: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const started = performance.now();
      expect((await renameUnit(test, adminToken, finance.id, `Tài chính ${i}`)).status).toBe(200);
      const [event] = (await stream.waitFor('change', i)).slice(-1);
      latencies.push(event!.at - started);
    }
    const changes = stream.changes();
    expect(changes.map((c) => (c.payload as UnitInfo).name)).toEqual(Array.from({ length: 20 }, (_, i) => `Tài chính ${i + 1}`));
    expect(stream.events.filter((e) => e.event === 'change').map((e) => Number(e.id))).toEqual(changes.map((c) => c.seq));
    console.log(`commit through instance A → event at a desk on instance B (request sent → event read, 20 changes): p50 ${percentile(latencies, 50).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    stream.close();
  });

  it('a specialist of one unit gets nothing addressed to another, by stream, by long-poll, or by asking from just below its number', async () => {
    const { test, a, b, finance, get } = await twoInstances();
    await test.addUser('cv-vanphong', ['specialist']);
    await test.addUser('cv-taichinh', ['specialist'], TEST_PASSWORD, finance.id);
    const office = await test.signIn('cv-vanphong', TEST_PASSWORD);
    const financeDesk = await test.signIn('cv-taichinh', TEST_PASSWORD);
    const { next } = (await get<FeedPage>(a, '/api/feed?after=0&wait=0', office)).body;
    const officeStream = await SseClient.open(`${b}/api/feed/stream?after=${next}`, office);
    const financeStream = await SseClient.open(`${a}/api/feed/stream?after=${next}`, financeDesk);
    await new Promise((resolve) => setTimeout(resolve, 200));

    await recordChange(test.pool, { kind: 'document.assigned', subject: 'document:secret', payload: { title: 'Finance only' }, audience: { units: [finance.id] } });
    await recordChange(test.pool, { kind: 'document.assigned', subject: 'document:office', payload: { title: 'Office' }, audience: { units: [test.unitId] } });
    const [officeChange] = await officeStream.waitFor('change');
    const [financeChange] = await financeStream.waitFor('change');
    expect(JSON.parse(officeChange!.data)).toMatchObject({ subject: 'document:office' });
    expect(JSON.parse(financeChange!.data)).toMatchObject({ subject: 'document:secret' });
    const secretSeq = (JSON.parse(financeChange!.data) as { seq: number }).seq;

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(officeStream.changes().map((c) => c.subject)).toEqual(['document:office']);
    for (const after of [0, next, secretSeq - 1]) {
      const answer = (await get<FeedPage>(a, `/api/feed?after=${after}&wait=0&limit=500`, office)).body;
      expect(answer.changes.map((c) => c.subject)).not.toContain('document:secret');
      expect(answer.changes.some((c) => JSON.stringify(c).includes('Finance only'))).toBe(false);
    }
    const fromJustBelow = await SseClient.open(`${b}/api/feed/stream`, office, String(secretSeq - 1));
    await fromJustBelow.waitFor('change');
    expect(fromJustBelow.changes().map((c) => c.subject)).toEqual(['document:office']);
    for (const stream of [officeStream, financeStream, fromJustBelow]) stream.close();
  });

  it('resumes after a gap from Last-Event-ID, and tells a desk behind what the hub keeps to take a fresh snapshot, explicitly', async () => {
    const { test, a, b, adminToken, finance, get } = await twoInstances();
    await test.addUser('vanthu', ['clerk']);
    const clerk = await test.signIn('vanthu', TEST_PASSWORD);
    const stream = await SseClient.open(`${b}/api/feed/stream?after=0`, clerk);
    const before = await stream.waitFor('change', 4);
    stream.close();
    const lastId = before[3]!.id!;

    // Offline: three changes it misses.
    for (const name of ['Một', 'Hai', 'Ba']) await renameUnit(test, adminToken, finance.id, name);
    const resumed = await SseClient.open(`${a}/api/feed/stream?after=0`, clerk, lastId);
    await resumed.waitFor('change', 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.changes().map((c) => (c.payload as UnitInfo).name)).toEqual(['Một', 'Hai', 'Ba']);
    expect(Number(resumed.changes()[0]!.seq)).toBeGreaterThan(Number(lastId));
    resumed.close();

    // A desk away longer than the hub keeps changes.
    await test.pool.query("UPDATE changes SET at = now() - interval '100 days' WHERE seq <= $1", [Number(lastId) + 1]);
    expect(await test.app.changeFeed.prune()).toBe(Number(lastId) + 1);
    const polled = await get<FeedReset>(a, `/api/feed?after=${lastId}`, clerk);
    expect(polled.status).toBe(410);
    expect(polled.body).toMatchObject({ reset: 'pruned', head: Number(lastId) + 3 });
    expect(polled.body.message).toMatch(/Take a fresh snapshot/);
    const staleStream = await SseClient.open(`${b}/api/feed/stream`, clerk, lastId);
    const [reset] = await staleStream.waitFor('reset');
    expect(JSON.parse(reset!.data)).toMatchObject({ reset: 'pruned' });
    await staleStream.ended;
    // From where pruning stopped, it follows on.
    const fresh = await get<FeedPage>(a, `/api/feed?after=${Number(lastId) + 1}&wait=0`, clerk);
    expect(fresh.body.changes.map((c) => (c.payload as UnitInfo).name)).toEqual(['Hai', 'Ba']);
    expect((await get<FeedReset>(a, '/api/feed?after=999999&wait=0', clerk)).body).toMatchObject({ reset: 'unknown' });
    expect((await get<{ error: string }>(b, '/api/feed/stream', clerk)).body.error).toBe('invalid_input');
    const badId = await fetch(`${b}/api/feed/stream`, { headers: { authorization: `Bearer ${clerk}`, 'last-event-id': 'abc' } });
    expect([badId.status, ((await badId.json()) as { error: string }).error]).toEqual([400, 'invalid_input']);
  });

  it('cuts off a desk that stops reading once it is far behind, and the desk then resumes from its number with nothing lost', async () => {
    const { test, a, get } = await twoInstances();
    await test.addUser('vanthu', ['clerk']);
    const clerk = await test.signIn('vanthu', TEST_PASSWORD);
    const { next } = (await get<FeedPage>(a, '/api/feed?after=0&wait=0', clerk)).body;
    const url = new URL(`${a}/api/feed/stream?after=${next}`);
    const request = http.get({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers: { authorization: `Bearer ${clerk}` } });
    const [response] = (await once(request, 'response')) as [http.IncomingMessage];
    // A desk that has hung: it never reads what the hub sends.
    response.pause();
    await expect.poll(() => test.app.changeFeed.waiting).toBe(1);
    const big = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 80; i++) await recordChange(test.pool, { kind: 'test.big', subject: `big:${i}`, payload: { big }, audience: { roles: ['clerk'] } });
    await expect.poll(() => test.app.changeFeed.waiting, { timeout: 30_000 }).toBe(0);
    request.destroy();

    const subjects: string[] = [];
    for (let after = next; ; ) {
      const page = (await get<FeedPage>(a, `/api/feed?after=${after}&wait=0&limit=20`, clerk)).body;
      if (page.changes.length === 0) break;
      subjects.push(...page.changes.map((c) => c.subject));
      after = page.next;
    }
    expect(subjects).toEqual(Array.from({ length: 80 }, (_, i) => `big:${i}`));
  });

  it("keeps a listening desk's session in use, so it does not end as unused while the stream is open", async () => {
    const { test, b, get } = await twoInstances({ feed: { heartbeatMs: 200 } });
    await test.addUser('vanthu', ['clerk']);
    const clerk = await test.signIn('vanthu', TEST_PASSWORD);
    const { next } = (await get<FeedPage>(b, '/api/feed?after=0&wait=0', clerk)).body;
    const stream = await SseClient.open(`${b}/api/feed/stream?after=${next}`, clerk);
    const lastSeen = async () => (await test.pool.query<{ age: number }>("SELECT extract(epoch FROM now() - last_seen_at)::float AS age FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'vanthu'")).rows[0]!.age;
    // The age is read in the statement that sets it: a heartbeat may touch the session right after.
    const aged = await test.pool.query<{ age: number }>(
      "UPDATE sessions SET last_seen_at = now() - interval '6 days' FROM users u WHERE u.id = sessions.user_id AND u.username = 'vanthu' RETURNING extract(epoch FROM now() - last_seen_at)::float AS age",
    );
    expect(aged.rows.map((row) => row.age)).toEqual([6 * 86_400]);
    await expect.poll(lastSeen, { timeout: 5000 }).toBeLessThan(60);
    stream.close();
  });

  it("ends a revoked session's stream and long-poll on every instance within 1 s, and refuses and audits its next attempt", async () => {
    // Heartbeats a minute apart: only the revocation's notification can end the stream this soon.
    const { test, a, b, adminToken, get } = await twoInstances({ feed: { heartbeatMs: 60_000 } });
    await test.addUser('chuyenvien', ['specialist']);
    const desk = await test.signIn('chuyenvien', TEST_PASSWORD);
    const { next } = (await get<FeedPage>(a, '/api/feed?after=0&wait=0', desk)).body;
    const stream = await SseClient.open(`${b}/api/feed/stream?after=${next}`, desk);
    const polling = get<{ error: string }>(b, `/api/feed?after=${next}`, desk);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const sessions = await test.call<SessionInfo[]>('GET', '/api/admin/sessions', { token: adminToken });
    const session = sessions.body.find((s) => s.username === 'chuyenvien')!;
    const revokedAt = performance.now();
    expect((await test.call('DELETE', `/api/admin/sessions/${session.id}`, { token: adminToken })).status).toBe(204);
    const endedAt = await stream.ended;
    const polled = await polling;
    console.log(`revoked through instance A → the stream on instance B closed after ${(endedAt - revokedAt).toFixed(1)} ms`);
    expect(endedAt - revokedAt).toBeLessThan(1000);
    expect(stream.events.map((e) => [e.event, e.data])).toEqual([['ended', '{"reason":"session_ended"}']]);
    expect(polled).toEqual({ status: 401, body: { error: 'unauthenticated', message: 'This session has ended: sign in again.' } });

    const again = await SseClient.open(`${a}/api/feed/stream?after=${next}`, desk);
    expect(again.status).toBe(401);
    expect((await get(b, `/api/feed?after=${next}`, desk)).status).toBe(401);
    const { rows } = await test.pool.query<{ actor: string; subject: string; reason: string; route: string }>(
      "SELECT actor, subject, details::json->>'reason' AS reason, details::json->>'route' AS route FROM audit_log WHERE action = 'access_denied' ORDER BY seq",
    );
    expect(rows).toEqual([
      { actor: 'chuyenvien', subject: `session:${session.id}`, reason: 'revoked', route: '/api/feed/stream' },
      { actor: 'chuyenvien', subject: `session:${session.id}`, reason: 'revoked', route: '/api/feed' },
    ]);
  });
});
