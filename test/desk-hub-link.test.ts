/**
 * A desk's link to a real hub (Fastify on a real PostgreSQL, test/hub.ts) over real HTTP: sign-in,
 * the session in the secret store, the feed followed into SQLite page by page, documents applied
 * and withdrawn, a reset taken as a snapshot, commands queued offline and sent in id order, the
 * session ended by the hub.
 *
 * The desk reaches the hub through a small HTTP relay made here, which can drop every connection
 * (a network cut) and, until the hub serves them, answers the two routes the hub does not have yet
 * (GET /api/snapshot and POST /api/commands) by the contract of shared/hub/documents.ts and
 * commands.ts. Everything else (sign-in, the feed, sign-out, revocation) is the hub's own.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HubLinkStatus } from '../shared/api/hub-link.js';
import type { UnitInfo } from '../shared/hub/accounts.js';
import { deskCommand, type CommandOutcome } from '../shared/hub/commands.js';
import type { SnapshotPage } from '../shared/hub/documents.js';
import { FileSecretStore } from '../electron/core/config/secret-store.js';
import { HubLink, hubSessionSecretName } from '../electron/core/hub-link/hub-link.js';
import { openDatabase, type Db } from '../electron/core/store/database.js';
import { listDirectoryUnits, listDirectoryUsers, readHubLink, readReplicaDocument, replicaDocumentIds } from '../electron/core/store/hub-replica.js';
import { recordChange, pruneChanges } from '../hub/store/changes.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from './hub.js';
import { useTempDirs } from './temp-dir.js';

const hub = useTestHub();
const tempDir = useTempDirs();

/** The relay between desk and hub. */
class Relay {
  down = false;
  snapshot: { head: number; documents: { id: number }[] } | null = null;
  commandsSeen: string[] = [];
  readonly outcomes = new Map<string, CommandOutcome>();
  /** Ids whose first answer is cut after the command was applied (the desk must send it again). */
  readonly cutFirstAnswer = new Set<string>();
  private readonly open = new Set<http.ServerResponse>();
  private server!: http.Server;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Cuts every connection now and refuses new ones until `up()`. */
  cut(): void {
    this.down = true;
    for (const response of this.open) response.socket?.destroy();
  }

  up(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (this.down) return void request.socket.destroy();
    this.open.add(response);
    response.on('close', () => this.open.delete(response));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(request.url!, this.url);
    const json = (status: number, value: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (url.pathname === '/api/snapshot' && this.snapshot) {
      const after = Number(url.searchParams.get('after') ?? 0);
      const rest = this.snapshot.documents.filter((d) => d.id > after);
      const page = rest.slice(0, 2);
      const answer: Omit<SnapshotPage, 'documents'> & { documents: { id: number }[] } = { head: this.snapshot.head, documents: page, nextAfter: rest.length > 2 ? page.at(-1)!.id : null };
      return json(200, answer);
    }
    if (url.pathname === '/api/commands' && request.method === 'POST') {
      const parsed = deskCommand.safeParse(JSON.parse(body.toString()));
      if (!parsed.success) return json(400, { error: 'invalid_input', message: 'not a command' });
      const { id, kind } = parsed.data;
      this.commandsSeen.push(id);
      let outcome = this.outcomes.get(id);
      if (!outcome) {
        outcome =
          kind === 'document.share'
            ? { id, state: 'refused', appliedAt: new Date().toISOString(), reason: 'forbidden', message: 'Only the clerk or a leader gives documents to others.' }
            : { id, state: 'applied', appliedAt: new Date().toISOString(), result: { applied: this.outcomes.size + 1 } };
        this.outcomes.set(id, outcome);
        if (this.cutFirstAnswer.delete(id)) return void response.socket?.destroy();
      }
      return json(200, outcome);
    }
    try {
      const forwarded = await fetch(new URL(url.pathname + url.search, this.target), {
        method: request.method,
        headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)) as [string, string][]),
        body: body.length > 0 ? body : undefined,
      });
      const text = Buffer.from(await forwarded.arrayBuffer());
      if (this.down) return void response.socket?.destroy();
      response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json', ...(forwarded.headers.get('retry-after') ? { 'retry-after': forwarded.headers.get('retry-after')! } : {}) }).end(text);
    } catch {
      response.socket?.destroy();
    }
  }
}

interface Desk {
  db: Db;
  dir: string;
  secrets: FileSecretStore;
  link: HubLink;
  statuses: HubLinkStatus[];
  logs: string[];
  /** The ids each documentsChanged call named. */
  changedDocuments: number[][];
  until(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
}

async function deskAndHub(): Promise<{ test: TestHub; relay: Relay; desk: Desk; adminToken: string; clerkId: number; finance: UnitInfo; close(): Promise<void> }> {
  const test = await hub();
  const hubUrl = await test.app.listen({ host: '127.0.0.1', port: 0 });
  await test.addUser('quantri', ['admin']);
  const clerk = await test.addUser('vanthu', ['clerk']);
  const adminToken = await test.signIn('quantri', TEST_PASSWORD);
  const finance = (await test.call<UnitInfo>('POST', '/api/admin/units', { token: adminToken, body: { code: 'TC', name: 'Phòng Tài chính', parentId: null } })).body;
  const relay = new Relay(hubUrl);
  await relay.start();
  const dir = await tempDir();
  const db = openDatabase(path.join(dir, 'vanthu.sqlite'));
  const secrets = new FileSecretStore(path.join(dir, 'secrets.json'));
  const statuses: HubLinkStatus[] = [];
  const logs: string[] = [];
  const changedDocuments: number[][] = [];
  const link = new HubLink({
    db,
    secrets,
    statusChanged: (status) => status && statuses.push(status),
    documentsChanged: (ids) => changedDocuments.push(ids),
    log: (line) => logs.push(line),
    pageLimit: 3,
    waitSeconds: 1,
    backoff: { baseMs: 100, maxMs: 400 },
  });
  const until = async (what: string, check: () => boolean, timeoutMs = 20_000) => {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(statuses.at(-1))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    test,
    relay,
    desk: { db, dir, secrets, link, statuses, logs, changedDocuments, until },
    adminToken,
    clerkId: clerk.id,
    finance,
    async close() {
      await link.close();
      db.close();
      await relay.close();
    },
  };
}

const hubDocument = (id: number, subject: string) => ({ id, subject, clientKey: null, registerCode: null, sharedWith: { units: [], users: [] } });
const documentChange = (id: number, subject: string, audience: { users?: number[]; units?: number[] }) => ({ kind: 'document', subject: `document:${id}`, payload: hubDocument(id, subject), audience });
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

  it('offline: says so and tries again with back-off; back online it catches up page by page; after the hub pruned past it, it takes the snapshot and follows from its head', async () => {
    const { test, relay, desk, clerkId, close } = await deskAndHub();
    await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
    await recordChange(test.pool, documentChange(1, 'Có trước', { users: [clerkId] }));
    await desk.until('the first document', () => replicaDocumentIds(desk.db).includes(1));

    relay.cut();
    await desk.until('offline', () => desk.statuses.at(-1)?.phase === 'offline');
    const offline = desk.statuses.at(-1)!;
    expect(offline.nextAttemptAt).not.toBeNull();
    expect(offline.detail).toMatch(/GET \/api\/feed/);
    for (let id = 2; id <= 9; id++) await recordChange(test.pool, documentChange(id, `Trong lúc mất mạng ${id}`, { users: [clerkId] }));
    const seen = desk.statuses.length;
    relay.up();
    const head = await hubHead(test);
    await desk.until('caught up', () => readHubLink(desk.db)!.cursor === head);
    expect(replicaDocumentIds(desk.db)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 8 documents plus the directory in pages of 3: it said it was catching up before it was online.
    expect(desk.statuses.slice(seen).map((s) => s.phase)).toContain('catching_up');
    await desk.until('online', () => desk.statuses.at(-1)?.phase === 'online');

    // A long absence: the hub keeps fewer changes than the desk missed.
    relay.cut();
    await desk.until('offline again', () => desk.statuses.at(-1)?.phase === 'offline');
    await recordChange(test.pool, documentChange(20, 'Sau khi cắt', { users: [clerkId] }));
    expect(await pruneChanges(test.pool, new Date(Date.now() + 60_000))).toBeGreaterThan(0);
    const resetHead = await test.pool.query<{ pruned_through: string }>('SELECT pruned_through FROM change_feed_state').then((r) => Number(r.rows[0]!.pruned_through));
    relay.snapshot = { head: resetHead, documents: [hubDocument(2, 'Ảnh chụp 2'), hubDocument(9, 'Ảnh chụp 9'), hubDocument(20, 'Sau khi cắt'), hubDocument(21, 'Chỉ trong ảnh chụp')] };
    const beforeReset = desk.statuses.length;
    relay.up();
    await desk.until('the snapshot', () => readHubLink(desk.db)!.cursor === resetHead && readHubLink(desk.db)!.snapshot === null);
    expect(replicaDocumentIds(desk.db)).toEqual([2, 9, 20, 21]);
    expect(readReplicaDocument(desk.db, 9)).toMatchObject({ subject: 'Ảnh chụp 9' });
    // The reset told the hub's head: the status bar counted exactly how far behind the desk was.
    expect(desk.statuses.slice(beforeReset).find((s) => s.phase === 'catching_up')).toMatchObject({ behindAtLeast: false, behind: resetHead - head });

    // Then it follows the feed from the snapshot's head.
    await recordChange(test.pool, documentChange(22, 'Sau ảnh chụp', { users: [clerkId] }));
    await desk.until('the change after the snapshot', () => replicaDocumentIds(desk.db).includes(22));
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

  it('queues commands offline and sends them in id order once the hub answers, each applied once though its first answer was cut; a refusal keeps its reason', async () => {
    const { relay, desk, close } = await deskAndHub();
    await desk.link.signIn(relay.url, 'vanthu', TEST_PASSWORD);
    await desk.until('online', () => desk.statuses.at(-1)?.phase === 'online');
    relay.cut();
    await desk.until('offline', () => desk.statuses.at(-1)?.phase === 'offline');

    const accept = desk.link.queueCommand('arrival.accept', { documentId: 5 });
    const share = desk.link.queueCommand('document.share', { documentId: 5, units: [2], users: [] });
    const draft = desk.link.queueCommand('draft.save', { documentId: null, clientKey: '0b2c8a3e-5a4f-4a8e-9a40-6e5f7a1b2c3d', fields: { subject: 'Dự thảo' } });
    expect([accept.id, share.id, draft.id]).toEqual([accept.id, share.id, draft.id].sort());
    expect(desk.link.status()).toMatchObject({ queued: 3, refused: 0 });
    relay.cutFirstAnswer.add(accept.id);
    relay.up();

    await desk.until('every command answered', () => desk.link.status()!.queued === 0);
    // The first was sent again after its answer was cut, and applied once.
    expect(relay.commandsSeen).toEqual([accept.id, accept.id, share.id, draft.id]);
    expect(relay.outcomes.size).toBe(3);
    const queue = desk.link.commands(10);
    expect(queue.map((c) => [c.kind, c.state])).toEqual([
      ['draft.save', 'applied'],
      ['document.share', 'refused'],
      ['arrival.accept', 'applied'],
    ]);
    expect(queue[1]!.refusal).toEqual({ reason: 'forbidden', message: 'Only the clerk or a leader gives documents to others.' });
    expect(queue[2]!.attempts).toBe(2);
    expect(desk.link.status()).toMatchObject({ queued: 0, refused: 1 });
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
});
