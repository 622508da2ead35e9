import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/hub/accounts.js';
import type { FeedPage } from '../../shared/hub/feed.js';
import { useTestPostgres } from '../../test/postgres.js';
import { pruneChanges, readFeed, recordChange, type ChangeAudience } from './changes.js';
import { migrateHub } from './migrations/index.js';

const postgres = useTestPostgres();

interface Agency {
  pool: pg.Pool;
  config: pg.PoolConfig;
  units: Record<'office' | 'finance', number>;
  /** A session id per username. */
  session: Record<string, string>;
  userId: Record<string, number>;
}

/** Two units, and users with sessions: rows written directly, as the accounts code would. */
async function agency(): Promise<Agency> {
  const { pool, config } = await postgres().freshDatabase();
  await migrateHub(pool);
  const unit = async (code: string) => (await pool.query<{ id: number }>('INSERT INTO units (code, name) VALUES ($1, $1) RETURNING id', [code])).rows[0]!.id;
  const units = { office: await unit('VP'), finance: await unit('TC') };
  const session: Record<string, string> = {};
  const userId: Record<string, number> = {};
  const people: [string, keyof typeof units, Role[]][] = [
    ['clerk', 'office', ['clerk']],
    ['office_specialist', 'office', ['specialist']],
    ['finance_specialist', 'finance', ['specialist']],
    ['finance_head', 'finance', ['unit_leader', 'specialist']],
    ['director', 'office', ['leader']],
  ];
  for (const [name, unitName, roles] of people) {
    const id = (await pool.query<{ id: number }>('INSERT INTO users (username, display_name, unit_id) VALUES ($1, $1, $2) RETURNING id', [name.replace('_', '-'), units[unitName]])).rows[0]!.id;
    for (const role of roles) await pool.query('INSERT INTO user_roles (user_id, role) VALUES ($1, $2)', [id, role]);
    userId[name] = id;
    session[name] = (
      await pool.query<{ id: string }>(
        "INSERT INTO sessions (token_hash, user_id, method, expires_at, address, user_agent) VALUES (sha256($1::bytea), $2, 'password', now() + interval '1 day', '127.0.0.1', 'test') RETURNING id",
        [Buffer.from(name), id],
      )
    ).rows[0]!.id;
  }
  return { pool, config, units, session, userId };
}

const change = (subject: string, audience: ChangeAudience) => ({ kind: 'test.change', subject, payload: { subject }, audience });

async function page(pool: pg.Pool, sessionId: string, after: number, limit = 100): Promise<FeedPage> {
  const [result] = await readFeed(pool, [{ sessionId, after }], limit);
  if (result === 'ended' || 'reset' in result!) throw new Error(`expected a page, got ${JSON.stringify(result)}`);
  return result!;
}

const subjects = (feed: FeedPage) => feed.changes.map((c) => c.subject);

describe('the change feed store', () => {
  it('numbers a change when its transaction commits: one that began first but commits last comes after what a reader already has', async () => {
    const { pool, session } = await agency();
    const everyone: ChangeAudience = { roles: ['clerk'] };
    const early = await pool.connect();
    const late = await pool.connect();
    try {
      await early.query('BEGIN');
      await recordChange(early, change('recorded first, committed last', everyone));
      await late.query('BEGIN');
      await recordChange(late, change('recorded second, committed first', everyone));
      await late.query('COMMIT');

      const first = await page(pool, session.clerk!, 0);
      expect(subjects(first)).toEqual(['recorded second, committed first']);
      expect(first.next).toBe(first.changes[0]!.seq);

      await early.query('COMMIT');
      const second = await page(pool, session.clerk!, first.next);
      // Numbered at insert, this change would carry a number below `first.next` and the reader would never see it.
      expect(subjects(second)).toEqual(['recorded first, committed last']);
      expect(second.changes[0]!.seq).toBeGreaterThan(first.next);
    } finally {
      early.release();
      late.release();
    }
  });

  it('under many writers committing at once, a reader following `next` gets every committed change once, in number order, and no rolled-back one', async () => {
    const { pool, config, session } = await agency();
    const writers = await Promise.all(Array.from({ length: 6 }, () => postgres().pool({ ...config, max: 1 })));
    const committed: string[] = [];
    let writing = true;
    const write = async (writer: pg.Pool, w: number) => {
      for (let i = 0; i < 25; i++) {
        const client = await writer.connect();
        try {
          await client.query('BEGIN');
          await recordChange(client, change(`w${w}-${i}`, { roles: ['clerk'] }));
          // Hold the transaction open a while, so commits interleave with other writers' records.
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.01]);
          if (i % 7 === 3) await client.query('ROLLBACK');
          else {
            await client.query('COMMIT');
            committed.push(`w${w}-${i}`);
          }
        } finally {
          client.release();
        }
      }
    };
    const seen: { seq: number; subject: string }[] = [];
    const read = async () => {
      let after = 0;
      for (;;) {
        const stillWriting = writing;
        const result = await page(pool, session.clerk!, after, 7);
        seen.push(...result.changes.map((c) => ({ seq: c.seq, subject: c.subject })));
        after = result.next;
        if (!stillWriting && result.changes.length === 0) return;
      }
    };
    const reader = read();
    await Promise.all(writers.map((writer, w) => write(writer, w)));
    writing = false;
    await reader;
    expect(seen.map((s) => s.subject).sort()).toEqual([...committed].sort());
    const numbers = seen.map((s) => s.seq);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(committed.length).toBe(6 * 25 - 6 * 4);
  });

  it('lets each reader see only its audience, decided from its user, unit and roles as they are now', async () => {
    const { pool, session, units, userId } = await agency();
    await recordChange(pool, change('to the office', { units: [units.office] }));
    await recordChange(pool, change('to finance', { units: [units.finance] }));
    await recordChange(pool, change("to finance's head", { unitRoles: [{ unitId: units.finance, role: 'unit_leader' }] }));
    await recordChange(pool, change('to the leaders', { roles: ['leader'] }));
    await recordChange(pool, change('to the office specialist', { users: [userId.office_specialist!] }));
    const head = (await pool.query<{ n: string }>('SELECT max(seq) AS n FROM changes')).rows[0]!.n;

    const readers = ['clerk', 'office_specialist', 'finance_specialist', 'finance_head', 'director'];
    const results = await readFeed(pool, readers.map((name) => ({ sessionId: session[name]!, after: 0 })), 100);
    expect(Object.fromEntries(readers.map((name, index) => [name, subjects(results[index] as FeedPage)]))).toEqual({
      clerk: ['to the office'],
      office_specialist: ['to the office', 'to the office specialist'],
      finance_specialist: ['to finance'],
      finance_head: ['to finance', "to finance's head"],
      director: ['to the office', 'to the leaders'],
    });
    // Everyone is carried past what they may not see, so no reader scans it again.
    for (const result of results) expect((result as FeedPage).next).toBe(Number(head));

    // Moved to finance, the office specialist sees finance's changes from now on, and no longer the office's.
    await pool.query('UPDATE users SET unit_id = $1 WHERE id = $2', [units.finance, userId.office_specialist]);
    expect(subjects(await page(pool, session.office_specialist!, 0))).toEqual(['to finance', 'to the office specialist']);
  });

  it('answers `ended` for a revoked session, an expired one, a disabled user and a session that never was', async () => {
    const { pool, session, userId } = await agency();
    await recordChange(pool, change('for all clerks and specialists', { roles: ['clerk', 'specialist', 'leader'] }));
    await pool.query("UPDATE sessions SET revoked_at = now(), revoked_by = 'admin' WHERE id = $1", [session.clerk]);
    await pool.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [session.office_specialist]);
    await pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [userId.finance_specialist]);
    const asked = [session.clerk!, session.office_specialist!, session.finance_specialist!, '00000000-0000-4000-8000-000000000000', session.director!];
    const results = await readFeed(pool, asked.map((sessionId) => ({ sessionId, after: 0 })), 10);
    expect(results.slice(0, 4)).toEqual(['ended', 'ended', 'ended', 'ended']);
    expect(subjects(results[4] as FeedPage)).toEqual(['for all clerks and specialists']);
  });

  it('pages a long backlog, and tells a desk behind the pruned part, or ahead of the hub, to take a fresh snapshot', async () => {
    const { pool, session } = await agency();
    for (let i = 1; i <= 5; i++) await recordChange(pool, change(`old ${i}`, { roles: ['clerk'] }));
    await pool.query("UPDATE changes SET at = now() - interval '100 days'");
    for (let i = 1; i <= 3; i++) await recordChange(pool, change(`new ${i}`, { roles: ['clerk'] }));

    const firstPage = await page(pool, session.clerk!, 0, 3);
    expect([subjects(firstPage), firstPage.next]).toEqual([['old 1', 'old 2', 'old 3'], firstPage.changes[2]!.seq]);

    expect(await pruneChanges(pool, new Date(Date.now() - 90 * 86_400_000))).toBe(5);
    const prunedThrough = Number((await pool.query('SELECT pruned_through FROM change_feed_state')).rows[0].pruned_through);
    const [stale, fresh, fromTheFuture] = await readFeed(
      pool,
      [
        { sessionId: session.clerk!, after: firstPage.next },
        { sessionId: session.clerk!, after: prunedThrough },
        { sessionId: session.clerk!, after: prunedThrough + 1000 },
      ],
      100,
    );
    expect(stale).toMatchObject({ reset: 'pruned', head: prunedThrough + 3 });
    expect((stale as { message: string }).message).toMatch(/Take a fresh snapshot/);
    expect(subjects(fresh as FeedPage)).toEqual(['new 1', 'new 2', 'new 3']);
    expect(fromTheFuture).toMatchObject({ reset: 'unknown', head: prunedThrough + 3 });
    // Pruning again finds nothing older, and never moves the mark back.
    expect(await pruneChanges(pool, new Date(Date.now() - 90 * 86_400_000))).toBe(0);
    expect(Number((await pool.query('SELECT pruned_through FROM change_feed_state')).rows[0].pruned_through)).toBe(prunedThrough);
  });

  it('refuses a change with no audience, and keeps a change and its audience together outside a transaction', async () => {
    const { pool, session } = await agency();
    await expect(recordChange(pool, change('nobody', {}))).rejects.toThrow(/names no audience/);
    await expect(recordChange(pool, { kind: 'Not A Kind', subject: 'x', payload: {}, audience: { roles: ['clerk'] } })).rejects.toThrow(/check constraint/);
    await expect(recordChange(pool, change('to a role that is not one', { roles: ['boss' as Role] }))).rejects.toThrow(/check constraint/);
    expect((await pool.query('SELECT count(*)::int AS n FROM changes')).rows[0].n).toBe(0);
    await recordChange(pool, change('alone', { roles: ['clerk'] }));
    expect(subjects(await page(pool, session.clerk!, 0))).toEqual(['alone']);
  });
});
