/**
 * A real PostgreSQL for a test file: the system's server programs, initdb into a temp folder, a
 * free loopback port, run as an unprivileged account when the tests run as root (the same code
 * as the hub's private cluster, without fsync). Each test takes a fresh database on it.
 *
 * By default the file uses the server the whole run shares (test/postgres-server.ts), its
 * databases dropped after the file. A file that stops and starts the server itself asks for its
 * own (`{ own: true }`), stopped and removed after the file's tests.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject, vi } from 'vitest';
import { PrivateCluster } from '../hub/postgres/private-cluster.js';
import { ensureDatabase, openPool } from '../hub/store/database.js';

export interface TestPostgres {
  /** A new, empty database and a pool on it (closed after the file's tests). */
  freshDatabase(): Promise<{ pool: pg.Pool; config: pg.PoolConfig }>;
  /** A pool on an existing database, closed with the others. */
  pool(config: pg.PoolConfig): Promise<pg.Pool>;
}

/** A server of the file's own, to stop and start. */
export interface OwnTestPostgres extends TestPostgres {
  cluster: PrivateCluster;
}

interface Server {
  admin: pg.PoolConfig;
  cluster: PrivateCluster | null;
  dir: string | null;
}

async function ownServer(): Promise<Server> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-pg-'));
  const cluster = new PrivateCluster({ dir: path.join(dir, 'postgres'), passwordFile: path.join(dir, 'postgres-password'), durable: false });
  await cluster.start();
  return { admin: await cluster.connection('postgres'), cluster, dir };
}

function sharedServer(): Server {
  const shared = inject('sharedPostgres');
  if (!shared.connection) throw new Error(`The tests' PostgreSQL server could not start: ${shared.problem}`);
  return { admin: shared.connection, cluster: null, dir: null };
}

export function useTestPostgres(): () => TestPostgres;
export function useTestPostgres(options: { own: true }): () => OwnTestPostgres;
export function useTestPostgres(options: { own?: boolean } = {}): () => TestPostgres | OwnTestPostgres {
  // initdb and a server start take seconds, more on a loaded machine; each password hash too.
  vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
  let state: (TestPostgres & Partial<OwnTestPostgres> & { server: Server; admin: pg.Pool; databases: string[] }) | null = null;
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    const server = options.own ? await ownServer() : sharedServer();
    const pool = async (config: pg.PoolConfig) => {
      const opened = await openPool(config);
      pools.push(opened);
      return opened;
    };
    const admin = await openPool(server.admin);
    const databases: string[] = [];
    state = {
      server,
      admin,
      databases,
      ...(server.cluster && { cluster: server.cluster }),
      pool,
      async freshDatabase() {
        // Unique across the run's workers, whose process ids may repeat.
        const name = `test_${randomUUID().replaceAll('-', '')}`;
        await ensureDatabase(admin, name);
        databases.push(name);
        const config = { ...server.admin, database: name };
        return { pool: await pool(config), config };
      },
    };
  });

  afterAll(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end().catch(() => undefined)));
    if (!state) return;
    const { server, admin, databases } = state;
    if (server.cluster) {
      await admin.end().catch(() => undefined);
      await server.cluster.stop();
      await rm(server.dir!, { recursive: true, force: true });
      return;
    }
    // A hub child a test left behind may still hold a connection: FORCE ends it.
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  return () => {
    if (!state) throw new Error('useTestPostgres: the server is reached in beforeAll');
    return state as TestPostgres | OwnTestPostgres;
  };
}

/** The DATABASE_URL a hub is given for `config`'s database. */
export const databaseUrl = (config: pg.PoolConfig): string =>
  `postgresql://${config.user}:${encodeURIComponent(String(config.password))}@${config.host}:${config.port}/${config.database}`;
