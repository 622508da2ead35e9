import { expect, it } from 'vitest';
import { useTestPostgres } from '../../test/postgres.js';

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
