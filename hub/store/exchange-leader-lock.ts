/**
 * The exchange leader's lock: a session-level advisory lock on a connection kept for nothing
 * else. PostgreSQL releases it when that connection ends, however it ends (the hub killed, its
 * machine gone, the connection cut), so a standby can take it without anyone cleaning up.
 */
import type pg from 'pg';
import { EXCHANGE_LEADER_LOCK } from './advisory-locks.js';

/**
 * True when this connection now holds the lock (or already did); never waits. The server is told
 * to give up on this connection within seconds when its peer stops answering (a leader's machine
 * that lost power sends no goodbye): by default it would wait for the system's TCP keepalive, two
 * hours on most, and no standby could lead meanwhile. These settings are ignored on a Unix socket,
 * where a dead peer is seen at once.
 */
export async function tryTakeExchangeLeaderLock(connection: pg.PoolClient): Promise<boolean> {
  const { rows } = await connection.query<{ taken: boolean }>(
    `SELECT set_config('tcp_keepalives_idle', '5', false), set_config('tcp_keepalives_interval', '2', false), set_config('tcp_keepalives_count', '3', false),
       set_config('tcp_user_timeout', '10000', false), pg_try_advisory_lock($1, $2) AS taken`,
    [...EXCHANGE_LEADER_LOCK],
  );
  return rows[0]!.taken;
}

/**
 * Whether this connection still holds the lock, asked of the server: it fails when the
 * connection is gone, and answers false when the server ended the session (it released the lock).
 */
export async function holdsExchangeLeaderLock(connection: pg.PoolClient): Promise<boolean> {
  const { rows } = await connection.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 2
       AND pid = pg_backend_pid() AND granted) AS held`,
    [...EXCHANGE_LEADER_LOCK],
  );
  return rows[0]!.held;
}

export async function releaseExchangeLeaderLock(connection: pg.PoolClient): Promise<void> {
  await connection.query('SELECT pg_advisory_unlock($1, $2)', [...EXCHANGE_LEADER_LOCK]);
}
