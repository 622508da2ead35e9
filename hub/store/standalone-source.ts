/**
 * Reading a standalone agency's SQLite database for `npm run hub -- import`: read-only, inside one
 * read transaction, so every table is read as of one moment.
 */
import Database from 'better-sqlite3';
import { referencedBlobs } from '../../electron/core/store/referenced-blobs.js';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../../electron/core/store/migrations/index.js';

export type SourceRow = Record<string, unknown>;

export interface StandaloneSource {
  /** The desktop schema version the file is at, and the one this hub reads. */
  readonly version: number;
  readonly expectedVersion: number;
  columns(table: string): string[];
  count(table: string): number;
  /** The table's rows in the order they were written (rowid order), a page at a time. */
  rows(table: string, pageSize?: number): Iterable<SourceRow[]>;
  blobs(): string[];
  close(): void;
}

export function openStandaloneSource(file: string): StandaloneSource {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
  } catch (error) {
    db.close();
    throw error;
  }
  const known = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const table = (name: string) => {
    if (!known.has(name)) throw new Error(`The standalone database has no table ${name}.`);
    return `"${name}"`;
  };
  return {
    version: schemaVersion(db),
    expectedVersion: LATEST_SCHEMA_VERSION,
    columns: (name) => (db.prepare(`PRAGMA table_info(${table(name)})`).all() as { name: string }[]).map((column) => column.name),
    count: (name) => (known.has(name) ? (db.prepare(`SELECT count(*) FROM ${table(name)}`).pluck().get() as number) : 0),
    *rows(name, pageSize = 500) {
      const page = db.prepare(`SELECT rowid AS _rowid, * FROM ${table(name)} WHERE rowid > ? ORDER BY rowid LIMIT ?`);
      for (let after = 0; ; ) {
        const rows = page.all(after, pageSize) as SourceRow[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!._rowid as number;
        yield rows.map(({ _rowid, ...row }) => row);
      }
    },
    blobs: () => referencedBlobs(db),
    close: () => db.close(),
  };
}
