/**
 * A real PostgreSQL for a test file: the system's server programs, initdb into a temp folder, a
 * free loopback port, run as an unprivileged account when the tests run as root (the same code
 * as the hub's private cluster, without fsync), stopped and removed after the file's tests.
 * Each test takes a fresh database on it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, vi } from 'vitest';
import { PrivateCluster } from '../hub/postgres/private-cluster.js';
import { ensureDatabase, openPool } from '../hub/store/database.js';

export interface TestPostgres {
  cluster: PrivateCluster;
  /** The folder holding the cluster and its password file. */
  dir: string;
  /** A new, empty database and a pool on it (closed after the file's tests). */
  freshDatabase(): Promise<{ pool: pg.Pool; config: pg.PoolConfig }>;
  /** A pool on an existing database, closed with the others. */
  pool(config: pg.PoolConfig): Promise<pg.Pool>;
}

export function useTestPostgres(): () => TestPostgres {
  // initdb and a server start take seconds, more on a loaded machine; each password hash too.
  vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
  let state: TestPostgres | null = null;
  const pools: pg.Pool[] = [];
  let databases = 0;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-pg-'));
    const cluster = new PrivateCluster({ dir: path.join(dir, 'postgres'), passwordFile: path.join(dir, 'postgres-password'), durable: false });
    await cluster.start();
    const pool = async (config: pg.PoolConfig) => {
      const opened = await openPool(config);
      pools.push(opened);
      return opened;
    };
    const admin = await pool(await cluster.connection('postgres'));
    state = {
      cluster,
      dir,
      pool,
      async freshDatabase() {
        const name = `test_${process.pid}_${++databases}`;
        await ensureDatabase(admin, name);
        const config = await cluster.connection(name);
        return { pool: await pool(config), config };
      },
    };
  });

  afterAll(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end().catch(() => undefined)));
    if (!state) return;
    await state.cluster.stop();
    await rm(state.dir, { recursive: true, force: true });
  });

  return () => {
    if (!state) throw new Error('useTestPostgres: the cluster starts in beforeAll');
    return state;
  };
}

/** The DATABASE_URL a hub is given for `config`'s database. */
export const databaseUrl = (config: pg.PoolConfig): string =>
  `postgresql://${config.user}:${encodeURIComponent(String(config.password))}@${config.host}:${config.port}/${config.database}`;
