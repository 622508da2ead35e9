/**
 * The hub's schema versions, numbered in tens like the desktop's (electron/core/store/migrations),
 * recorded in hub_schema_migrations. Each migration commits in one transaction with its row, so a
 * crash leaves the database at the old version or the new one. Hubs that start together queue on
 * an advisory lock: the first migrates, the others then find nothing left to do.
 */
import type pg from 'pg';
import { MIGRATION_LOCK } from '../advisory-locks.js';
import { migration010 } from './010-accounts.js';
import { migration020 } from './020-sign-in.js';
import { migration030 } from './030-exchange.js';
import { migration040 } from './040-change-feed.js';
import { migration050 } from './050-receiving.js';
import { migration060 } from './060-content-search.js';
import { migration070 } from './070-document-access.js';
import { migration080 } from './080-commands.js';
import { migration090 } from './090-imported-audit.js';
import { migration100 } from './100-document-text-reading.js';
import { migration120 } from './120-list-indexes.js';
import { migration140 } from './140-workflow.js';
import { migration150 } from './150-working-calendar.js';
import { migration160 } from './160-deadline-extensions.js';
import { migration180 } from './180-audit-viewer.js';
import { migration190 } from './190-daily-digests.js';
import { migration200 } from './200-draft-replies.js';
import { migration210 } from './210-internal-documents.js';
import { migration220 } from './220-agency-search-words.js';
import { migration230 } from './230-draft-submission.js';
import { migration250 } from './250-ocr-jobs.js';
import { migration260 } from './260-held-work-indexes.js';
import { migration280 } from './280-answered-work.js';
import { migration290 } from './290-status-packages-in-outbox.js';

export interface HubMigration {
  version: number;
  name: string;
  up(client: pg.PoolClient): Promise<void>;
}

export const HUB_MIGRATIONS: readonly HubMigration[] = [
  migration010,
  migration020,
  migration030,
  migration040,
  migration050,
  migration060,
  migration070,
  migration080,
  migration090,
  migration100,
  migration120,
  migration140,
  migration150,
  migration160,
  migration180,
  migration190,
  migration200,
  migration210,
  migration220,
  migration230,
  migration250,
  migration260,
  migration280,
  migration290,
];
export const LATEST_HUB_SCHEMA = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]!.version;

export class HubDatabaseFromFutureError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(
      `This database was set up by a newer VanThu hub (schema ${found}; this hub knows up to ${known}). ` +
        'Run the newer hub, or point this one at another database.',
    );
    this.name = 'HubDatabaseFromFutureError';
  }
}

export async function hubSchemaVersion(db: pg.Pool | pg.PoolClient): Promise<number> {
  const { rows: table } = await db.query<{ exists: boolean }>("SELECT to_regclass('hub_schema_migrations') IS NOT NULL AS exists");
  if (!table[0]!.exists) return 0;
  const { rows } = await db.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM hub_schema_migrations');
  return rows[0]!.version;
}

/** Brings the database up to `target` (default: the latest); refuses one from a newer hub. */
export async function migrateHub(pool: pg.Pool, target: number = LATEST_HUB_SCHEMA): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    // A session lock: released by the server too if this connection dies mid-way.
    await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS hub_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const current = await hubSchemaVersion(client);
    if (current > LATEST_HUB_SCHEMA) throw new HubDatabaseFromFutureError(current, LATEST_HUB_SCHEMA);
    for (const migration of HUB_MIGRATIONS) {
      if (migration.version <= current || migration.version > target) continue;
      await client.query('BEGIN');
      try {
        await migration.up(client);
        await client.query('INSERT INTO hub_schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    }
    await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // A connection that failed still holds the lock: destroy it rather than hand it back.
    client.release(broken);
  }
}
