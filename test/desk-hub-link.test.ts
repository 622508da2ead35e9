/**
 * A desk's link to a real hub (Fastify on a real PostgreSQL, test/hub.ts) over real HTTP, with a
 * real SQLite at the desk: sign-in, the session in the secret store, the feed followed page by
 * page, documents applied and withdrawn, a reset taken as the hub's snapshot (resumed after a cut
 * mid-way), commands queued offline and applied once by the hub (an answer lost, a desk process
 * killed before it recorded the answer, a refusal and its reason), the session ended by the hub.
 * The desk reaches the hub through test/hub-relay.ts, which cuts the network when told.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnitInfo } from '../shared/hub/accounts.js';
import type { CommandOutcome } from '../shared/hub/commands.js';
import type { HubDocument } from '../shared/hub/documents.js';
import { FileSecretStore } from '../electron/core/config/secret-store.js';
import { hubSessionSecretName } from '../electron/core/hub-link/hub-link.js';
import { openDatabase } from '../electron/core/store/database.js';
import { listCommands, listDirectoryUnits, listDirectoryUsers, readHubLink, readReplicaDocument, replicaDocumentIds } from '../electron/core/store/hub-replica.js';
import { recordChange, pruneChanges } from '../hub/store/changes.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from './hub.js';
import { arriveAtHub, testDesk, type TestDesk } from './hub-desk.js';
import { HubRelay } from './hub-relay.js';
import { useTempDirs } from './temp-dir.js';
import { forkCore } from './core-child.js';
import { uuidv7 } from './uuid7.js';

const hub = useTestHub();
const tempDir = useTempDirs();

async function deskAndHub(): Promise<{ test: TestHub; relay: HubRelay; desk: TestDesk; adminToken: string; clerkId: number; finance: UnitInfo; close(): Promise<void> }> {
  const test = await hub();
  const hubUrl = await test.app.listen({ host: '127.0.0.1', port: 0 });
  await test.addUser('quantri', ['admin']);
  const clerk = await test.addUser('vanthu', ['clerk']);
  const adminToken = await test.signIn('quantri', TEST_PASSWORD);
  const finance = (await test.call<UnitInfo>('POST', '/api/admin/units', { token: adminToken, body: { code: 'TC', name: 'Phòng Tài chính', parentId: null } })).body;
  const relay = new HubRelay(hubUrl);
  await relay.start();
  const desk = await testDesk(await tempDir());
  return {
    test,
    relay,
    desk,
    adminToken,
    clerkId: clerk.id,
    finance,
    async close() {
      await desk.close();
      await relay.close();
    },
  };
}

const hubDocument = (id: number, subject: string) => ({ id, subject, clientKey: null, registerCode: null, sharedWith: { units: [], users: [] } });
const documentChange = (id: number, subject: string, audience: { users?: number[]; units?: number[] }) => ({ kind: 'document', subject: `document:${id}`, payload: hubDocument(id, subject), audience });
const prunedThrough = async (test: TestHub) => Number((await test.pool.query<{ pruned_through: string }>('SELECT pruned_through FROM change_feed_state')).rows[0]!.pruned_through);
const hubHead = async (test: TestHub) => Number((await test.pool.query<{ head: string }>('SELECT coalesce(max(seq), 0) AS head FROM changes')).rows[0]!.head);

describe('a desk linked to the agency hub', () => {
  it('signs in with a password, keeps the session only in the secret store, and follows the directory and documents page by page, withdrawn ones removed', async () => {
    const { test, relay, desk, clerkId, finance, close } = await deskAndHub();
    const status = await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
    expect(status.user).toMatchObject({ username: 'vanthu', roles: ['clerk'] });

    const token = (await desk.secrets.get(hubSessionSecretName(relay.url)))!;
    expect(token.length).toBeGreaterThan(20);
    await desk.until('the directory', () => listDirectoryUsers(desk.db).some((u) => u.username === 'vanthu') && listDirectoryUnits(desk.db).some((u) => u.code === 'TC'));
    expect(listDirectoryUnits(desk.db).map((u) => u.name)).toEqual(['Văn phòng', 'Phòng Tài chính']);

    for (let id = 11; id <= 15; id++) await recordChange(test.pool, documentChange(id, `Công văn ${id}`, { users: [clerkId] }));
    await recordChange(test.pool, documentChange(16, 'Chỉ phòng Tài chính', { units: [finance.id] }));
    await recordChange(test.pool, { kind: 'document.withdrawn', subject: 'document:11', payload: { id: 11 }, audience: { users: [clerkId] } });
    await recordChange(test.pool, documentChange(12, 'Công văn 12 (sửa)', { users: [clerkId] }));
    const head = await hubHead(test);
    await desk.until('the documents', () => readHubLink(desk.db)!.cursor === head);
    expect(replicaDocumentIds(desk.db)).toEqual([12, 13, 14, 15]);
    expect(readReplicaDocument(desk.db, 12)).toEqual(hubDocument(12, 'Công văn 12 (sửa)'));
    // The screens hear of every document the feed brought or withdrew (the one of another unit never came).
    expect(new Set(desk.changedDocuments.flat())).toEqual(new Set([11, 12, 13, 14, 15]));
    await desk.until('online', () => desk.statuses.at(-1)?.phase === 'online');

    // The token is a secret: not in the database (nor its WAL), not in the log.
    for (const file of ['vanthu.sqlite', 'vanthu.sqlite-wal']) {
      const bytes = await readFile(path.join(desk.dir, file)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(token)), file).toBe(false);
    }
    expect(desk.logs.join('\n')).not.toContain(token);
    await close();
  });

  it('offline: says so and tries again with back-off; back online it catches up page by page; after the hub pruned past it, it takes the hub\'s snapshot (resumed after a cut mid-way) and follows from its head', async () => {
    const { test, relay, desk, clerkId, close } = await deskAndHub();
    const arrive = async (n: number) => (await arriveAtHub(test, n, [])).id;
    await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
    const first = await arrive(1);
    await desk.until('the first document', () => replicaDocumentIds(desk.db).includes(first));

    relay.cut();
    await desk.until('offline', () => desk.statuses.at(-1)?.phase === 'offline');
    const offline = desk.statuses.at(-1)!;
    expect(offline.nextAttemptAt).not.toBeNull();
    expect(offline.detail).toMatch(/GET \/api\/feed/);
    const whileCut: number[] = [];
    for (let n = 2; n <= 5; n++) whileCut.push(await arrive(n));
    const seen = desk.statuses.length;
    relay.up();
    const head = await hubHead(test);
    await desk.until('caught up', () => readHubLink(desk.db)!.cursor === head);
    expect(replicaDocumentIds(desk.db)).toEqual([first, ...whileCut]);
    // The documents and the directory in pages of 3: it said it was catching up before it was online.
    expect(desk.statuses.slice(seen).map((s) => s.phase)).toContain('catching_up');
    await desk.until('online', () => desk.statuses.at(-1)?.phase === 'online');
    // A document the hub sent once and no longer has for this user: the snapshot drops it.
    await recordChange(test.pool, documentChange(900, 'Không còn trên máy chủ', { users: [clerkId] }));
    await desk.until('the passing document', () => replicaDocumentIds(desk.db).includes(900));

    // A long absence: the hub keeps fewer changes than the desk missed.
    relay.cut();
    await desk.until('offline again', () => desk.statuses.at(-1)?.phase === 'offline');
    const cursorBefore = readHubLink(desk.db)!.cursor;
    const afterCut = await arrive(6);
    expect(await pruneChanges(test.pool, new Date(Date.now() + 60_000))).toBeGreaterThan(0);
    const resetHead = await prunedThrough(test);
    // The answer to the second snapshot page is lost: the desk asks for that page again, at the first page's head.
    // The third answer is lost too, and the network stays down while the hub prunes past that head:
    // asked again, the hub answers 410 and the desk starts the snapshot again at the hub's new head.
    let snapshotAnswers = 0;
    relay.cutAnswer = (request) => {
      if (request.pathname !== '/api/snapshot') return false;
      snapshotAnswers++;
      if (snapshotAnswers === 3) relay.cut();
      return snapshotAnswers === 2 || snapshotAnswers === 3;
    };
    const beforeReset = desk.statuses.length;
    relay.up();
    await desk.until('the snapshot under way', () => snapshotAnswers === 3);
    expect(readHubLink(desk.db)!.snapshot).toMatchObject({ head: resetHead });
    const duringSnapshot = await arrive(8);
    await pruneChanges(test.pool, new Date(Date.now() + 60_000));
    const secondHead = await prunedThrough(test);
    expect(secondHead).toBeGreaterThan(resetHead);
    relay.up();
    await desk.until('the snapshot', () => readHubLink(desk.db)!.cursor === secondHead && readHubLink(desk.db)!.snapshot === null);
    const ids = [first, ...whileCut, afterCut, duringSnapshot];
    expect(replicaDocumentIds(desk.db)).toEqual(ids);
    // Each document is the hub's, as the hub shows it to this user by id.
    const token = (await desk.secrets.get(hubSessionSecretName(relay.url)))!;
    for (const id of ids) expect(readReplicaDocument(desk.db, id)).toEqual((await test.call<HubDocument>('GET', `/api/documents/${id}`, { token })).body);
    const pages = relay.seen.filter((request) => request.pathname === '/api/snapshot').map((request) => new URLSearchParams(request.search));
    const heads = pages.map((page) => page.get('head'));
    expect(heads.slice(0, 5)).toEqual([null, String(resetHead), String(resetHead), String(resetHead), null]);
    expect(new Set(heads.slice(5))).toEqual(new Set([String(secondHead)]));
    expect(pages[2]!.get('after')).toBe(pages[1]!.get('after'));
    // The reset told the hub's head: the status bar counted exactly how far behind the desk was.
    expect(desk.statuses.slice(beforeReset).find((s) => s.phase === 'catching_up')).toMatchObject({ behindAtLeast: false, behind: resetHead - cursorBefore });

    // Then it follows the feed from the snapshot's head.
    const later = await arrive(7);
    await desk.until('the change after the snapshot', () => replicaDocumentIds(desk.db).includes(later));
    await close();
  });

  it('a change it cannot read stops the desk there, with the reason, rather than be skipped and lost', async () => {
    const { test, relay, desk, clerkId, close } = await deskAndHub();
    await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
    await desk.until('online', () => desk.statuses.at(-1)?.phase === 'online');
    const before = readHubLink(desk.db)!.cursor;
    await recordChange(test.pool, { kind: 'document', subject: 'document:31', payload: { id: 32, subject: 'another document' }, audience: { users: [clerkId] } });
    await recordChange(test.pool, documentChange(33, 'Sau thay đổi hỏng', { users: [clerkId] }));
    await desk.until('the reason', () => /Change \d+ \(document document:31\) is not what this desk expects/.test(desk.statuses.at(-1)?.detail ?? ''));
    // The hub answers: not "offline"; and nothing after the bad change was applied.
    expect(desk.statuses.at(-1)!.phase).toBe('online');
    expect(readHubLink(desk.db)!.cursor).toBe(before);
    expect(replicaDocumentIds(desk.db)).toEqual([]);
    await close();
  });

  it('queues commands offline and sends them in id order once the hub answers; the hub applies each once though an answer was cut; a refusal is kept with the hub\'s reason', async () => {
    const { test, relay, desk, close } = await deskAndHub();
    const first = (await arriveAtHub(test, 1, [])).id;
    const second = (await arriveAtHub(test, 2, [])).id;
    await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
    await desk.until('online', () => desk.statuses.at(-1)?.phase === 'online');
    relay.cut();
    await desk.until('offline', () => desk.statuses.at(-1)?.phase === 'offline');

    const accept = desk.link.queueCommand('arrival.accept', { documentId: first });
    const acceptAgain = desk.link.queueCommand('arrival.accept', { documentId: first });
    const draft = desk.link.queueCommand('draft.save', { documentId: null, clientKey: '0b2c8a3e-5a4f-4a8e-9a40-6e5f7a1b2c3d', fields: { subject: 'Dự thảo' } });
    const acceptSecond = desk.link.queueCommand('arrival.accept', { documentId: second });
    const ids = [accept.id, acceptAgain.id, draft.id, acceptSecond.id];
    expect(ids).toEqual([...ids].sort());
    expect(desk.link.status()).toMatchObject({ queued: 4, refused: 0 });
    let cut = false;
    relay.cutAnswer = (request) => request.pathname === '/api/commands' && !cut && (cut = JSON.parse(request.body).id === accept.id);
    relay.up();

    await desk.until('every command answered', () => desk.link.status()!.queued === 0);
    // The first was sent again after its answer was cut, and applied once: one số đến each, in queue order.
    expect(relay.seen.filter((r) => r.pathname === '/api/commands').map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual([accept.id, ...ids]);
    const numbers = await test.pool.query('SELECT id, arrival_number FROM documents WHERE id = ANY($1) ORDER BY id', [[first, second]]);
    expect(numbers.rows).toEqual([
      { id: first, arrival_number: 1 },
      { id: second, arrival_number: 2 },
    ]);
    expect(Number((await test.pool.query('SELECT count(*) AS n FROM register_entries')).rows[0].n)).toBe(2);
    // What the desk recorded is what the hub stored, for each command.
    const stored = new Map((await test.pool.query<{ id: string; outcome: CommandOutcome }>('SELECT id, outcome FROM commands')).rows.map((row) => [row.id, row.outcome]));
    expect([...stored.keys()].sort()).toEqual(ids);
    const queue = desk.link.commands(10);
    expect(queue.map((c) => [c.kind, c.state])).toEqual([
      ['arrival.accept', 'applied'],
      ['draft.save', 'applied'],
      ['arrival.accept', 'refused'],
      ['arrival.accept', 'applied'],
    ]);
    const refusal = stored.get(acceptAgain.id)!;
    expect(refusal).toMatchObject({ state: 'refused', reason: 'stale' });
    expect(queue[2]!.refusal).toEqual({ reason: 'stale', message: (refusal as { message: string }).message });
    expect(queue[3]!.attempts).toBe(2);
    const result = (id: string) => JSON.parse(desk.db.prepare('SELECT result FROM hub_commands WHERE id = ?').pluck().get(id) as string) as unknown;
    expect(result(accept.id)).toEqual((stored.get(accept.id) as { result: unknown }).result);
    expect(desk.link.status()).toMatchObject({ queued: 0, refused: 1 });
    // The feed brings the accepted arrival back to the replica.
    await desk.until('the accepted arrival', () => (readReplicaDocument(desk.db, first) as HubDocument | null)?.state === 'accepted');
    await close();
  });

  it('a desk process killed after sending a command, before recording the answer, sends it again at its next start and records the first outcome', async () => {
    const { test, relay, close } = await deskAndHub();
    const arrival = (await arriveAtHub(test, 1, [])).id;
    const dataDir = await tempDir();
    const { core, child, exited, secrets } = forkCore(dataDir);
    const call = async (method: string, input: unknown) => {
      const reply = (await core.request('call', { method, input })) as { ok: boolean; result?: unknown; error?: unknown };
      if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
      return reply.result;
    };
    await call('hub.connect', { hubUrl: relay.url, username: 'vanthu', password: TEST_PASSWORD });
    relay.holdAnswer = (request) => request.pathname === '/api/commands';
    const queued = (await call('hub.queueCommand', { kind: 'arrival.accept', payload: { documentId: arrival } })) as { id: string };
    const until = async (what: string, check: () => boolean | Promise<boolean>) => {
      for (const end = Date.now() + 20_000; !(await check()); await new Promise((resolve) => setTimeout(resolve, 50))) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    };
    // The hub applied it and answered; the answer has not reached the desk when its process dies.
    await until('the hub to answer', () => relay.held.length === 1);
    expect(relay.held[0]).toMatchObject({ status: 200 });
    const first = (await test.pool.query<{ outcome: CommandOutcome }>('SELECT outcome FROM commands WHERE id = $1', [queued.id])).rows[0]!.outcome;
    expect(first).toMatchObject({ state: 'applied', result: { arrivalNumber: 1 } });
    child.kill();
    expect(await exited).toBe('killed by SIGKILL');
    relay.releaseHeld();
    relay.holdAnswer = null;
    const killed = openDatabase(path.join(dataDir, 'vanthu.sqlite'));
    expect(listCommands(killed, readHubLink(killed)!.owner!.id, 5).map((c) => [c.id, c.state])).toEqual([[queued.id, 'queued']]);
    killed.close();

    // The next start (the session from the keychain, here its file) sends it again and gets the first outcome.
    await new FileSecretStore(path.join(dataDir, 'secrets.json')).set(hubSessionSecretName(relay.url), secrets.get(hubSessionSecretName(relay.url))!);
    const desk = await testDesk(dataDir);
    await desk.until('the answer', () => desk.link.status()?.queued === 0);
    expect(desk.link.commands(5)).toMatchObject([{ id: queued.id, state: 'applied', answeredAt: first.appliedAt }]);
    expect(JSON.parse(desk.db.prepare('SELECT result FROM hub_commands WHERE id = ?').pluck().get(queued.id) as string)).toEqual((first as { result: unknown }).result);
    expect(relay.seen.filter((r) => r.pathname === '/api/commands').length).toBe(2);
    expect(Number((await test.pool.query('SELECT count(*) AS n FROM register_entries')).rows[0].n)).toBe(1);
    expect(Number((await test.pool.query('SELECT count(*) AS n FROM commands')).rows[0].n)).toBe(1);
    await desk.close();
    await close();
  });

  it('signs out (the hub ends the session, the secret is dropped, the replica stays for the same user); a session the admin ends stops the desk at once', async () => {
    const { test, relay, desk, adminToken, clerkId, close } = await deskAndHub();
    await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
    await desk.until('online', () => desk.statuses.at(-1)?.phase === 'online');
    const token = (await desk.secrets.get(hubSessionSecretName(relay.url)))!;
    const status = await desk.link.signOut();
    expect(status).toMatchObject({ phase: 'signed_out', user: null });
    expect(await desk.secrets.get(hubSessionSecretName(relay.url))).toBe('');
    expect((await test.call('GET', '/api/session', { token })).status).toBe(401);
    expect(listDirectoryUsers(desk.db).length).toBeGreaterThan(0);
    expect(() => desk.link.queueCommand('arrival.accept', { documentId: 1 })).toThrow(/Sign in/);

    await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
    expect(listDirectoryUsers(desk.db).length).toBeGreaterThan(0);
    await desk.until('online', () => desk.statuses.at(-1)?.phase === 'online');
    expect((await test.call('PATCH', `/api/admin/users/${clerkId}`, { token: adminToken, body: { disabled: true } })).status).toBe(200);
    await desk.until('signed out by the hub', () => desk.statuses.at(-1)?.phase === 'signed_out');
    expect(desk.statuses.at(-1)!.detail).toMatch(/401/);
    expect(await desk.secrets.get(hubSessionSecretName(relay.url))).toBe('');
    await close();
  });

  it('a specialist moved to another unit: his desk drops what only his old unit could read and takes what the new one reads, without signing in again', async () => {
    const { test, relay, desk, adminToken, finance, close } = await deskAndHub();
    const specialist = await test.addUser('chuyenvien', ['specialist'], undefined, finance.id);
    const clerkToken = await test.signIn('vanthu', TEST_PASSWORD);
    const forFinance = await arriveAtHub(test, 1, []);
    const forOffice = await arriveAtHub(test, 2, []);
    for (const [documentId, unit] of [[forFinance.id, finance.id], [forOffice.id, test.unitId]] as const) {
      const shared = await test.call('POST', '/api/commands', { token: clerkToken, body: { id: uuidv7(), kind: 'document.share', payload: { documentId, units: [unit] } } });
      expect(shared.body).toMatchObject({ state: 'applied' });
    }
    await desk.link.signIn(relay.url, 'chuyenvien', TEST_PASSWORD);
    await desk.until('his unit\'s document', () => replicaDocumentIds(desk.db).join() === String(forFinance.id));

    expect((await test.call('PATCH', `/api/admin/users/${specialist.id}`, { token: adminToken, body: { unitId: test.unitId } })).status).toBe(200);
    await desk.until('the new unit\'s document only', () => replicaDocumentIds(desk.db).join() === String(forOffice.id));
    expect(readHubLink(desk.db)).toMatchObject({ snapshot: null, cursor: await hubHead(test) });
    // The change named only him: the clerk's feed has no access change.
    const audience = (await test.pool.query("SELECT a.user_id, a.unit_id, a.role FROM changes c JOIN change_audience a ON a.change_id = c.id WHERE c.kind = 'access.changed'")).rows;
    expect(audience).toEqual([{ user_id: specialist.id, unit_id: null, role: null }]);
    // A name change alone takes no snapshot.
    expect((await test.call('PATCH', `/api/admin/users/${specialist.id}`, { token: adminToken, body: { displayName: 'Chuyên viên B' } })).status).toBe(200);
    expect((await test.pool.query("SELECT 1 FROM changes WHERE kind = 'access.changed'")).rowCount).toBe(1);
    await close();
  });
});
