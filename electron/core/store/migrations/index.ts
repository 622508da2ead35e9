/**
 * Schema versions live in PRAGMA user_version, numbered in tens so that a fix can slot in
 * between. Each migration runs in its own write transaction together with the version bump, so
 * a crash leaves the file at the old version or the new one, never between.
 */
import type Database from 'better-sqlite3';
import { registerSearchFunctions } from '../search-functions.js';
import { migration010 } from './010-initial.js';
import { migration020 } from './020-agency-search.js';
import { migration030 } from './030-exchange.js';
import { migration040 } from './040-signing.js';
import { migration050 } from './050-verification.js';
import { migration070 } from './070-document-search.js';
import { migration080 } from './080-registers.js';
import { migration090 } from './090-document-search-registers.js';
import { migration100 } from './100-waiting-incoming.js';
import { migration110 } from './110-receiving-hardening.js';
import { migration130 } from './130-placement-templates.js';
import { migration150 } from './150-header-fields-and-workflow.js';
import { migration170 } from './170-clerk-desk.js';
import { migration180 } from './180-intake-content.js';
import { migration190 } from './190-records.js';
import { migration210 } from './210-hub-replica.js';
import { migration220 } from './220-replica-lists.js';
import { migration230 } from './230-hub-files.js';
import { migration260 } from './260-hub-notices.js';
import { migration270 } from './270-arrival-work.js';
import { migration280 } from './280-status-packages-in-outbox.js';
import { migration290 } from './290-document-index-once.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [migration010, migration020, migration030, migration040, migration050, migration070, migration080, migration090, migration100, migration110, migration130, migration150, migration170, migration180, migration190, migration210, migration220, migration230, migration260, migration270, migration280, migration290];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export class DatabaseFromFutureError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(
      `This data folder was written by a newer VanThu (database schema ${found}; this version knows up to ${known}). ` +
        'Install the newer VanThu, or start this one with another data folder (--data-dir).',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the file up to `target` (default: the latest). Refuses a file from a newer version. */
export function migrate(db: Database.Database, target: number = LATEST_SCHEMA_VERSION): void {
  // The document index's triggers call these functions: a migration that writes documents or
  // builds the index needs them on this connection, whoever opened it.
  registerSearchFunctions(db);
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(current, LATEST_SCHEMA_VERSION);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      // Re-read inside the lock: another process may have migrated meanwhile.
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
