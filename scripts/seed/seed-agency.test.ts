/**
 * The demo agency seeded into a real PostgreSQL: its people, every state a desk shows, "Việc của
 * tôi" and the overview of deadlines as the hub computes them, and the hub's access rule.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/hub/accounts.js';
import { deadlineStanding } from '../../shared/domain/working-days.js';
import { vietnamDate } from '../../shared/text/vietnam-time.js';
import { verifyPassword } from '../../hub/accounts/passwords.js';
import { FileBlobStore } from '../../hub/blobs/blob-store.js';
import { verifyAuditChain } from '../../hub/store/audit.js';
import { loadWorkingCalendar } from '../../hub/store/calendar-days.js';
import { mayReadDocument } from '../../hub/store/document-access.js';
import { migrateHub } from '../../hub/store/migrations/index.js';
import { postgresExchangeStore } from '../../hub/store/postgres-exchange-store.js';
import { listUsers } from '../../hub/store/users.js';
import { openWorkOf } from '../../hub/store/workflow.js';
import { openWorkByUnit } from '../../hub/store/work-overview.js';
import { useTestPostgres } from '../../test/postgres.js';
import { DEMO_PASSWORD, seedAgency, type DemoAgency } from './seed-agency.js';

const postgres = useTestPostgres();
let pool: pg.Pool;
let blobs: FileBlobStore;
let folder: string;
let agency: DemoAgency;

beforeAll(async () => {
  pool = (await postgres().freshDatabase()).pool;
  await migrateHub(pool);
  folder = await mkdtemp(path.join(os.tmpdir(), 'vanthu-demo-blobs-'));
  blobs = await FileBlobStore.open(folder);
  agency = await seedAgency({ pool, blobs }, { documents: 300, seed: 7 });
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const count = async (sql: string, params: unknown[] = []) => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0]!.n);

describe('the demo agency', () => {
  it('has 30 people in every role, who sign in with the demo password', async () => {
    const users = await listUsers(pool);
    expect(users).toHaveLength(30);
    for (const role of ROLES) expect(users.filter((user) => user.roles.includes(role)).length, role).toBeGreaterThan(0);
    expect(users.every((user) => /^[\p{Lu}][\p{L} ]+$/u.test(user.displayName))).toBe(true);
    const { rows } = await pool.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'cv.tcbc1'");
    expect(await verifyPassword(DEMO_PASSWORD, rows[0]!.password_hash)).toBe(true);
    // The sessions the seed acted in are of no use to anyone.
    expect(await count('sessions WHERE expires_at > now()')).toBe(0);
  });

  it('holds its documents in every state a desk shows, each step on the timeline and in the audit chain', async () => {
    expect(await count('documents')).toBe(300);
    const states = (await pool.query<{ direction: string; state: string; signing_state: string }>('SELECT DISTINCT direction, state, signing_state FROM documents')).rows.map(
      (row) => `${row.direction}:${row.state}:${row.signing_state}`,
    );
    for (const state of ['arrived', 'accepted', 'assigned', 'processing', 'done', 'returned']) expect(states, state).toContain(`incoming:${state}:none`);
    for (const signing of ['none', 'awaiting_leader', 'leader_signed', 'numbered']) expect(states, signing).toContain(`draft:editing:${signing}`);
    expect(states).toContain('outgoing:sent:agency_signed');
    // What it sent reached its recipients: the exchange, given an axis, has nothing of the demo's to trace there.
    expect(await postgresExchangeStore(pool).read.documentsAwaitingDelivery(10)).toEqual([]);
    const items = (await pool.query<{ role: string; state: string }>('SELECT DISTINCT role, state FROM work_items')).rows.map((row) => `${row.role}:${row.state}`);
    for (const item of ['decide:open', 'decide:done', 'lead:open', 'lead:passed', 'lead:done', 'lead:started', 'cooperate:done', 'cooperate:closed', 'inform:open', 'inform:done']) {
      expect(items, item).toContain(item);
    }
    const kinds = (await pool.query<{ kind: string }>('SELECT DISTINCT kind FROM workflow_steps')).rows.map((row) => row.kind);
    expect(kinds).toEqual(expect.arrayContaining(['presented', 'assigned', 'passed', 'progress', 'done', 'returned', 'settled', 'extension_asked', 'extension_approved']));
    // Every step is an audit record of the one who took it, at the time it was taken.
    expect(await count("workflow_steps s WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'workflow.' || s.kind AND a.at = s.at)")).toBe(0);
    expect(await count("audit_log WHERE actor = 'seed' AND action NOT IN ('unit.create', 'user.create', 'user.password')")).toBe(0);
    expect(agency.commands).toBe(await count('commands'));
    expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: await count('audit_log') });
    // Numbers from the registers follow each other, from 1 each year.
    const { rows: gaps } = await pool.query<{ gaps: string }>('SELECT sum(max - n) AS gaps FROM (SELECT register_id, year, max(number) AS max, count(*) AS n FROM register_entries GROUP BY 1, 2) r');
    expect(Number(gaps[0]!.gaps)).toBe(0);
    // Nothing happened on the day of the seed or later.
    expect(await count("audit_log WHERE at >= date_trunc('day', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh' AND actor <> 'seed'")).toBe(0);
  });

  it("lists a specialist's own work only, some of it overdue", async () => {
    const today = vietnamDate(new Date());
    let overdue = 0;
    for (const specialist of agency.units.flatMap((unit) => unit.specialists)) {
      const work = await openWorkOf(pool, specialist.userId, 500);
      for (const { item } of work) expect(item.userId).toBe(specialist.userId);
      overdue += work.filter(({ item }) => item.deadline !== null && item.deadline < today).length;
    }
    expect(overdue).toBeGreaterThan(0);
    const head = agency.units[1]!.heads[0]!;
    expect((await openWorkOf(pool, head.userId, 500)).every(({ item }) => item.unitId === head.unitId || item.userId === head.userId)).toBe(true);
    // The leader's overview, by the hub's calendar: work overdue and work due soon.
    const calendar = await loadWorkingCalendar(pool);
    const standings = (await openWorkByUnit(pool, agency.leaders[0]!.userId))!.flatMap((row) => (row.deadline ? [deadlineStanding(row.deadline, today, calendar).state] : []));
    expect(standings).toEqual(expect.arrayContaining(['overdue', 'due_soon', 'on_track']));
  });

  it("keeps a specialist out of another unit's documents", async () => {
    const [mine, other] = [agency.units[1]!, agency.units[2]!];
    const specialist = mine.specialists[0]!;
    const { rows } = await pool.query<{ document_id: number }>(
      `SELECT g.document_id FROM document_grants g WHERE g.unit_id = $1
       AND NOT EXISTS (SELECT 1 FROM document_grants h WHERE h.document_id = g.document_id AND (h.unit_id = $2 OR h.user_id = $3)) LIMIT 5`,
      [other.id, mine.id, specialist.userId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { document_id: id } of rows) expect(await mayReadDocument(pool, specialist.userId, id)).toBe(false);
    const own = await openWorkOf(pool, specialist.userId, 1);
    if (own[0]) expect(await mayReadDocument(pool, specialist.userId, own[0].documentId)).toBe(true);
  });

  it('refuses a hub that holds an agency already', async () => {
    await expect(seedAgency({ pool, blobs }, { documents: 10, seed: 7 })).rejects.toThrow(/not empty \(7 unit\(s\), 30 user\(s\), 300 document\(s\)\)/);
  });
});
