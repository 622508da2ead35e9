/**
 * The seeded agency the hub's desk-side benches share (hub-desks, hub-feed, workflow): a private
 * PostgreSQL cluster holding bench/hub-seed.ts's agency of `--docs` documents, and hub instances
 * over it. Seeded in a temp folder removed afterwards, or with `--keep DIR` seeded once into
 * DIR/hub-<docs>-seed<seed>-v<SEED_VERSION> and reused by later runs of the same size and seed (a
 * million documents take about half an hour to seed): the cluster is started again there, the
 * hub's newer migrations applied to it, and the people read back from the file written when the
 * seed finished. A folder without that file (a seed that was stopped) is seeded again from empty.
 * A kept agency carries what earlier runs wrote (sessions, the feed bench's changes).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { Administration } from '../hub/accounts/administration.js';
import { SIGN_IN_POLICY } from '../hub/accounts/policy.js';
import { newSessionToken } from '../hub/accounts/session-tokens.js';
import { SignInService } from '../hub/accounts/sign-in.js';
import { FileBlobStore } from '../hub/blobs/blob-store.js';
import { buildHubApp } from '../hub/http/app.js';
import { PrivateCluster } from '../hub/postgres/private-cluster.js';
import { ensureDatabase, openPool } from '../hub/store/database.js';
import { migrateHub } from '../hub/store/migrations/index.js';
import { insertSession } from '../hub/store/sessions.js';
import { seedHubAgency, type SeededAgency } from './hub-seed.js';
import { log, type BenchOptions } from './lib.js';

export const DESKS = 300;
/** Bumped when the seeded agency's shape changes, so a kept folder of the old shape is not reused. */
const SEED_VERSION = 2;
const SEEDED_FILE = 'seeded.json';

export interface HubAgency {
  size: number;
  pool: pg.Pool;
  connection: pg.PoolConfig;
  agency: SeededAgency;
  /** Base URLs of the hub instances. */
  urls: string[];
  /** Runs `close` when the bench ends, before the instances and the cluster stop. */
  onClose(close: () => Promise<unknown>): void;
}

export const loadavg = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

export async function session(pool: pg.Pool, userId: number): Promise<{ sessionId: string; token: string }> {
  const { token, hash } = newSessionToken();
  const sessionId = await insertSession(pool, { tokenHash: hash, userId, method: 'password', certificateSha256: null, expiresAt: new Date(Date.now() + 86_400_000), address: '127.0.0.1', userAgent: 'bench' });
  return { sessionId, token };
}

export async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The agency of `options.hubDocs` documents with `instances` hub instances over it, for `work`. */
export async function withHubAgency<T>(options: BenchOptions, instances: number, work: (hub: HubAgency) => Promise<T>): Promise<T> {
  const size = options.hubDocs;
  const kept = options.keepDir === null ? null : path.join(options.keepDir, `hub-${size}-seed${options.seed}-v${SEED_VERSION}`);
  const dir = kept ?? (await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-hub-')));
  const seededFile = path.join(dir, SEEDED_FILE);
  const reuse = kept !== null && existsSync(seededFile);
  if (kept !== null && !reuse) await rm(kept, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const cluster = new PrivateCluster({ dir: path.join(dir, 'postgres'), passwordFile: path.join(dir, 'postgres-password') });
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await cluster.start();
    closers.push(() => cluster.stop());
    const admin = await openPool(await cluster.connection('postgres'));
    await ensureDatabase(admin, 'bench');
    await admin.end();
    const connection = await cluster.connection('bench');
    const pool = await openPool(connection);
    closers.push(() => pool.end());
    log(`== hub at ${size} documents: PostgreSQL ${(await pool.query('SHOW server_version')).rows[0].server_version} (a private cluster, default settings), loadavg ${loadavg()}`);
    await migrateHub(pool);
    let agency: SeededAgency;
    if (reuse) {
      agency = JSON.parse(await readFile(seededFile, 'utf8')) as SeededAgency;
      log(`setup: reusing the agency seeded in ${dir} (--keep; seeded in ${agency.seconds.toFixed(0)} s)`);
    } else {
      agency = await seedHubAgency(pool, { count: size, desks: DESKS, seed: options.seed });
      if (kept !== null) await writeFile(seededFile, JSON.stringify(agency));
    }
    const { rows: counts } = await pool.query<{ grants: string; entries: string; texts: string; items: string; bytes: string }>(
      `SELECT (SELECT count(*) FROM document_grants) AS grants, (SELECT count(*) FROM register_entries) AS entries,
              (SELECT count(*) FROM document_texts) AS texts, (SELECT count(*) FROM work_items) AS items, pg_database_size(current_database()) AS bytes`,
    );
    const c = counts[0]!;
    log(`seed: ${size} documents, ${c.grants} grants, ${c.entries} register entries, ${c.texts} search rows, ${c.items} work items in ${agency.seconds.toFixed(0)} s; database ${(Number(c.bytes) / 1024 / 1024).toFixed(0)} MiB; loadavg ${loadavg()}`);

    const blobs = await FileBlobStore.open(path.join(dir, 'blobs'));
    const urls: string[] = [];
    for (let i = 0; i < instances; i++) {
      const instancePool = await openPool(connection);
      const app = await buildHubApp({
        pool: instancePool,
        blobs,
        administration: new Administration(instancePool),
        signIn: new SignInService(instancePool, SIGN_IN_POLICY, () => []),
        sessionIdleSeconds: SIGN_IN_POLICY.sessionIdleSeconds,
        logger: { level: 'error' },
        requestsPerMinute: 100_000,
      });
      closers.push(async () => {
        await app.close();
        await instancePool.end();
      });
      urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
    }
    return await work({ size, pool, connection, agency, urls, onClose: (close) => closers.push(close) });
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    if (kept === null) await rm(dir, { recursive: true, force: true });
  }
}
