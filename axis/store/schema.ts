/**
 * The reference axis database: opening it and bringing its schema up to date. Migrations are
 * numbered in tens so that a fix can slot in between two released ones.
 */
import Database from 'better-sqlite3';

type Db = Database.Database;

const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 10,
    sql: `
      CREATE TABLE agencies (
        code TEXT PRIMARY KEY,
        code_qd20 TEXT,
        pid TEXT,
        name TEXT NOT NULL,
        mail TEXT,
        old_code TEXT,
        secret TEXT,
        locked INTEGER NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL,
        modify_date TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX agencies_by_version ON agencies (version);

      CREATE TABLE directory_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
      );
      INSERT INTO directory_state (id, version) VALUES (1, 0);

      CREATE TABLE packages (
        doc_id TEXT PRIMARY KEY,
        message_type TEXT NOT NULL CHECK (message_type IN ('edoc', 'status')),
        sender TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_time TEXT NOT NULL,
        file_path TEXT NOT NULL
      );
      -- One package per sender and content: a retried upload finds the first one.
      CREATE UNIQUE INDEX packages_by_content ON packages (sender, sha256);

      CREATE TABLE deliveries (
        doc_id TEXT NOT NULL REFERENCES packages (doc_id),
        receiver TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'done', 'fail')),
        status_desc TEXT NOT NULL DEFAULT '',
        received_time TEXT,
        updated_time TEXT NOT NULL,
        PRIMARY KEY (doc_id, receiver)
      ) WITHOUT ROWID;
      CREATE INDEX deliveries_by_receiver ON deliveries (receiver, status);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function openAxisDatabase(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // The axis acknowledges uploads and status updates: a commit must survive power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the axis database has schema version ${current}, newer than this axis (${SCHEMA_VERSION}); use a newer VanThu axis`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
