/**
 * What the hub stands on: its database (the agency's PostgreSQL, or the private cluster in the
 * data folder, guarded by a lock so one hub owns it), migrated to this hub's schema, and its blob
 * store. The set-up commands open the same, and work beside a running hub by joining its cluster.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { acquirePidLock, pidLockOwner, type PidLock } from '../electron/core/fs/pid-lock.js';
import { FileBlobStore } from './blobs/blob-store.js';
import type { HubConfig } from './config.js';
import { PrivateCluster } from './postgres/private-cluster.js';
import { ensureDatabase, openPool } from './store/database.js';
import { migrateHub } from './store/migrations/index.js';

export const PRIVATE_DATABASE = 'vanthu_hub';
const LOCK_FILE = 'hub.lock';

export class HubDataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly ownerPid: number) {
    super(
      `A VanThu hub already runs with the data folder ${dataDir} (process ${ownerPid}). Stop it first, or use another --data-dir. ` +
        'To run several hubs together, point them all at the agency\'s PostgreSQL with DATABASE_URL.',
    );
    this.name = 'HubDataDirInUseError';
  }
}

export interface HubRuntime {
  pool: pg.Pool;
  blobs: FileBlobStore;
  /** Where the data lives, for the start-up line: never the connection string (it may hold a password). */
  databaseDescription: string;
  close(): Promise<void>;
}

/** `purpose` 'command': beside a running hub, join its private cluster instead of refusing. */
export async function openHubRuntime(config: HubConfig, purpose: 'serve' | 'command'): Promise<HubRuntime> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const blobs = await FileBlobStore.open(path.join(config.dataDir, 'blobs'));
  if (config.databaseUrl) {
    const pool = await openPool({ connectionString: config.databaseUrl });
    return finish(pool, blobs, `PostgreSQL at ${describeUrl(config.databaseUrl)}`, async () => pool.end());
  }
  const cluster = new PrivateCluster({ dir: path.join(config.dataDir, 'postgres'), passwordFile: path.join(config.dataDir, 'postgres-password') });
  const lockFile = path.join(config.dataDir, LOCK_FILE);
  const owner = pidLockOwner(lockFile);
  if (purpose === 'command' && owner !== null) {
    const port = await cluster.runningServerPort();
    if (port === null) throw new HubDataDirInUseError(config.dataDir, owner);
    const pool = await openPool(await cluster.connection(PRIVATE_DATABASE, port));
    return finish(pool, blobs, `the running hub's PostgreSQL in ${cluster.dir}`, async () => pool.end());
  }
  const lock: PidLock = acquirePidLock(lockFile, (pid) => new HubDataDirInUseError(config.dataDir, pid));
  try {
    await cluster.start();
    const admin = await openPool(await cluster.connection('postgres'));
    try {
      await ensureDatabase(admin, PRIVATE_DATABASE);
    } finally {
      await admin.end();
    }
    const pool = await openPool(await cluster.connection(PRIVATE_DATABASE));
    return await finish(pool, blobs, `a private PostgreSQL in ${cluster.dir}`, async () => {
      await pool.end();
      await cluster.stop();
      lock.release();
    });
  } catch (error) {
    if (cluster.port !== null) await cluster.stop().catch(() => undefined);
    lock.release();
    throw error;
  }
}

async function finish(pool: pg.Pool, blobs: FileBlobStore, databaseDescription: string, close: () => Promise<void>): Promise<HubRuntime> {
  try {
    await migrateHub(pool);
  } catch (error) {
    await close();
    throw error;
  }
  let closed: Promise<void> | null = null;
  return { pool, blobs, databaseDescription, close: () => (closed ??= close()) };
}

/** host:port/database of a DATABASE_URL, without user or password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return '(DATABASE_URL)';
  }
}
