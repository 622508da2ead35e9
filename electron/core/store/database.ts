/**
 * Opens the agency's SQLite file the one way every process (core, sync) must: WAL so readers
 * never block the writer, a busy timeout so two processes wait instead of failing, foreign keys
 * on, and synchronous=FULL because rows here acknowledge things to the axis and to people.
 */
import Database from 'better-sqlite3';
import { registerSearchFunctions } from './search-functions.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations/index.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Apply pending migrations (only the core does; the sync process expects an up-to-date file). */
  migrate?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    registerSearchFunctions(db);
    if (options.migrate !== false) migrate(db);
    else if (schemaVersion(db) !== LATEST_SCHEMA_VERSION) {
      throw new Error(`Database schema ${schemaVersion(db)} is not the expected ${LATEST_SCHEMA_VERSION}: the core migrates it before other processes open it.`);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The connection's one statement for `sql`, prepared on first use: for statements run per
 * package or per keystroke, where preparing (and compiling the index triggers an insert fires)
 * costs more than running. Only for SQL always run the same way: a cached statement keeps the
 * modes set on it (pluck, raw), and cannot be run while it is being iterated.
 */
const statements = new WeakMap<Db, Map<string, Database.Statement>>();
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * A write transaction that takes the write lock up front (BEGIN IMMEDIATE), so that two
 * processes never both read and then collide on the upgrade to a write lock.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  if (asyncWriteOpen.has(db)) throw new Error('An ExchangeStore write transaction is open on this connection: a second one would nest into it.');
  return db.transaction(work).immediate();
}

/**
 * Connections on which an asynchronous write transaction (sqlite-exchange-store.ts) is open: code
 * that runs between its awaits must not begin a transaction of its own there, which would nest
 * into it and commit or roll back with it.
 */
export const asyncWriteOpen = new WeakSet<Db>();
