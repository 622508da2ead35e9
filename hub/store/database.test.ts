import type pg from 'pg';
import { expect, it } from 'vitest';
import { useTestPostgres } from '../../test/postgres.js';
import { withGenericPlans } from './database.js';

const postgres = useTestPostgres();

it('turns PostgreSQL’s JIT off on every connection of the pool, before the first query it is given', async () => {
  const { pool } = await postgres().freshDatabase();
  // The first query of a new connection, then one on a client held while another connection opens.
  expect((await pool.query<{ jit: string }>('SHOW jit')).rows[0]!.jit).toBe('off');
  const first = await pool.connect();
  const second = await pool.connect();
  try {
    for (const client of [first, second]) expect((await client.query<{ jit: string }>('SHOW jit')).rows[0]!.jit).toBe('off');
  } finally {
    first.release();
    second.release();
  }
});

it('runs work with generic plans on one connection and gives it back as it was, after an error too and inside a transaction', async () => {
  const { pool } = await postgres().freshDatabase();
  const mode = async (db: pg.Pool | pg.PoolClient) => (await db.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]!.plan_cache_mode;
  expect(await withGenericPlans(pool, (client) => mode(client as pg.PoolClient))).toBe('force_generic_plan');
  await expect(withGenericPlans(pool, (client) => client.query('SELECT 1/0'))).rejects.toThrow(/division by zero/);
  // Every connection the pool holds is back at its default.
  const held = await Promise.all([pool.connect(), pool.connect()]);
  try {
    for (const client of held) expect(await mode(client)).toBe('auto');
    const [client] = held;
    await client!.query('BEGIN');
    expect(await withGenericPlans(client!, (same) => mode(same as pg.PoolClient))).toBe('force_generic_plan');
    expect(await mode(client!)).toBe('auto');
    await client!.query('COMMIT');
  } finally {
    for (const client of held) client.release();
  }
});
