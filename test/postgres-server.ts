/**
 * vitest's global set-up of the one PostgreSQL server the whole run shares (test/postgres.ts):
 * an initdb and a server start cost seconds, once per run instead of once per test file. Each
 * test still takes a database of its own on it. Where the system has no PostgreSQL, the run goes
 * on and the files that need one fail with the reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PrivateCluster } from '../hub/postgres/private-cluster.js';

export interface SharedPostgres {
  /** The server's `postgres` database as its superuser; null when it could not start. */
  connection: { host: string; port: number; user: string; password: string; database: string } | null;
  problem: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sharedPostgres: SharedPostgres;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-pg-shared-'));
  let cluster: PrivateCluster | null = null;
  try {
    // Two workers at a time, each file with its hubs' pools and a few desks.
    cluster = new PrivateCluster({ dir: path.join(dir, 'postgres'), passwordFile: path.join(dir, 'postgres-password'), durable: false, maxConnections: 400 });
    await cluster.start();
    const config = await cluster.connection('postgres');
    project.provide('sharedPostgres', {
      connection: { host: String(config.host), port: Number(config.port), user: String(config.user), password: String(config.password), database: 'postgres' },
      problem: null,
    });
  } catch (error) {
    cluster = null;
    project.provide('sharedPostgres', { connection: null, problem: error instanceof Error ? error.message : String(error) });
  }
  return async () => {
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
