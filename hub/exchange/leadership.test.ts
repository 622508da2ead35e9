/** Exchange leadership between instances (two pools on one real PostgreSQL, as two hubs). */
import { expect, it } from 'vitest';
import { until } from '../../test/hub-exchange.js';
import { useTestPostgres } from '../../test/postgres.js';
import { ExchangeLeadership, together, type LeaderLoop } from './leadership.js';

const postgres = useTestPostgres();
const RETRY_MS = 100;

/** A loop that counts how many instances run it at once, and the most ever seen. */
function watchedLoops() {
  const seen = { running: 0, most: 0, runs: [] as string[] };
  const loopOf =
    (name: string): LeaderLoop =>
    async (signal) => {
      seen.running++;
      seen.most = Math.max(seen.most, seen.running);
      seen.runs.push(name);
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      seen.running--;
    };
  return { seen, loopOf };
}

it('lets one instance lead at a time, and the other take over when it stops', async () => {
  const { config } = await postgres().freshDatabase();
  const { seen, loopOf } = watchedLoops();
  const a = new ExchangeLeadership({ pool: await postgres().pool(config), loop: loopOf('a'), retryMs: RETRY_MS });
  const b = new ExchangeLeadership({ pool: await postgres().pool(config), loop: loopOf('b'), retryMs: RETRY_MS });
  a.start();
  await until('a leading', () => a.role === 'leader', Boolean);
  b.start();
  // Several of b's tries pass while a leads.
  await new Promise((resolve) => setTimeout(resolve, 5 * RETRY_MS));
  expect([a.role, b.role]).toEqual(['leader', 'standby']);
  await a.stop();
  expect(a.role).toBe('standby');
  await until('b leading', () => b.role === 'leader', Boolean);
  await b.stop();
  expect(seen.runs).toEqual(['a', 'b']);
  expect(seen.most).toBe(1);
});

it('stops the loop of a leader whose lock connection the server ended, and another instance leads', async () => {
  const { pool: admin, config } = await postgres().freshDatabase();
  const { seen, loopOf } = watchedLoops();
  const a = new ExchangeLeadership({ pool: await postgres().pool({ ...config, application_name: 'hub-a' }), loop: loopOf('a'), retryMs: RETRY_MS });
  const b = new ExchangeLeadership({ pool: await postgres().pool({ ...config, application_name: 'hub-b' }), loop: loopOf('b'), retryMs: RETRY_MS });
  a.start();
  await until('a leading', () => a.role === 'leader', Boolean);
  b.start();
  // The lock holder's connection ends as if its network went away.
  const { rowCount } = await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_locks JOIN pg_stat_activity USING (pid) WHERE locktype = 'advisory' AND granted AND application_name = 'hub-a' AND datname = current_database()`,
  );
  expect(rowCount).toBe(1);
  await until('a second run, alone', () => seen.runs.length === 2 && seen.running === 1, Boolean);
  expect([a.role, b.role].sort()).toEqual(['leader', 'standby']);
  expect(seen.most).toBe(1);
  await Promise.all([a.stop(), b.stop()]);
  expect(seen.running).toBe(0);
});

it('gives the leadership up when its loop fails, and leads again after the pause', async () => {
  const { config } = await postgres().freshDatabase();
  let runs = 0;
  const failures: string[] = [];
  const leadership = new ExchangeLeadership({
    pool: await postgres().pool(config),
    retryMs: RETRY_MS,
    loop: async (signal) => {
      if (++runs === 1) throw new Error('the axis account is wrong');
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    },
    log: (message, error) => error && failures.push(`${message}: ${(error as Error).message}`),
  });
  leadership.start();
  await until('leading again after the failed run', () => runs === 2 && leadership.role === 'leader', Boolean);
  expect(failures).toEqual(['exchange leadership: the exchange loop failed; giving the leadership up: the axis account is wrong']);
  await leadership.stop();
});

it('runs loops together: the first that fails stops the others and fails the whole; an end stops all', async () => {
  const stoppedBy: string[] = [];
  const waiting = (name: string): LeaderLoop => async (signal) => {
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    stoppedBy.push(name);
  };
  const failing: LeaderLoop = async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    throw new Error('the reader broke');
  };
  await expect(together(waiting('exchange'), failing)(new AbortController().signal)).rejects.toThrow('the reader broke');
  expect(stoppedBy).toEqual(['exchange']);

  const end = new AbortController();
  const both = together(waiting('a'), waiting('b'))(end.signal);
  end.abort();
  await both;
  expect(stoppedBy).toEqual(['exchange', 'a', 'b']);
});
