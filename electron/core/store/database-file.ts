/**
 * The database as a file: snapshots for backups, integrity checks at start and at restore, the
 * row counts a backup manifest reports. The SQL of these lives here like every other statement
 * (docs/architecture.md, "Store"); the callers decide what a verdict means.
 */
import Database from 'better-sqlite3';
import type { Db } from './database.js';

/** A consistent copy of the live database in `file`, while other connections keep writing. */
export function snapshotInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** Rollback journal instead of WAL: the copy is one file, with no -wal/-shm beside it. */
export function makeSingleFile(db: Db): void {
  db.pragma('journal_mode = DELETE');
}

export function countRows(db: Db, table: 'documents' | 'attachments' | 'audit_log'): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

/** Reads the schema: fails (SQLITE_NOTADB, SQLITE_CORRUPT) on a file that is no database or a damaged first page. */
export function readSchemaPage(db: Db): void {
  db.prepare('SELECT count(*) FROM sqlite_master').get();
}

/** 'ok', or what SQLite found wrong. `quick` skips the index-to-table cross-checks (O(N) instead of O(N log N)). */
export function integrityVerdict(db: Db, depth: 'quick' | 'full'): string {
  return String(db.pragma(depth === 'quick' ? 'quick_check' : 'integrity_check', { simple: true }));
}

/** The SQLite library's version, without opening any file (the helpdesk report of the recovery screen). */
export function sqliteLibraryVersion(): string {
  const memory = new Database(':memory:');
  try {
    return memory.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    memory.close();
  }
}
