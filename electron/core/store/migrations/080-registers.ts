import type { Migration } from './index.js';

/**
 * Several registers per agency (NĐ 30/2020 lets an agency keep separate series, e.g. for secret
 * documents or per document kind), and each document's place in one.
 *
 * The counters of migration 030 are keyed by a register's `code`, so the two default registers
 * take the codes 'incoming' and 'outgoing' and keep counting where they were. Documents numbered
 * before this version are put in the default registers, with the time the number was taken read
 * back from what recorded it (the 03 status sent for an arrival, the audit row for an issue).
 */
export const migration080: Migration = {
  version: 80,
  name: 'registers',
  up(db) {
    db.exec(`
      CREATE TABLE registers (
        id INTEGER PRIMARY KEY,
        -- The key of its counters in register_counters; never changes once numbers were taken.
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        -- Which documents go in it (a kind, a confidentiality level): guidance shown when choosing.
        scope TEXT NOT NULL DEFAULT '',
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        CHECK (is_default = 0 OR active = 1)
      );
      CREATE UNIQUE INDEX registers_one_default ON registers (direction) WHERE is_default = 1;
      INSERT INTO registers (code, name, direction, is_default, created_at) VALUES
        ('incoming', 'Sổ đăng ký văn bản đến', 'in', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        ('outgoing', 'Sổ đăng ký văn bản đi', 'out', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      ALTER TABLE documents ADD COLUMN register_id INTEGER REFERENCES registers (id);
      ALTER TABLE documents ADD COLUMN register_year INTEGER;
      ALTER TABLE documents ADD COLUMN register_number INTEGER;
      -- When the number was taken: the arrival date of an incoming document.
      ALTER TABLE documents ADD COLUMN registered_at TEXT;

      UPDATE documents SET
        register_id = (SELECT id FROM registers WHERE code = 'incoming'),
        register_number = arrival_number,
        registered_at = COALESCE(
          (SELECT MIN(occurred_at) FROM status_events e WHERE e.document_id = documents.id AND e.direction = 'out' AND e.status_code = '03'),
          received_at, updated_at)
      WHERE direction = 'incoming' AND arrival_number IS NOT NULL;

      UPDATE documents SET
        register_id = (SELECT id FROM registers WHERE code = 'outgoing'),
        register_number = CAST(code_number AS INTEGER),
        registered_at = COALESCE(
          (SELECT MIN(at) FROM audit_log a WHERE a.action = 'document.number' AND a.subject = 'document:' || documents.id),
          updated_at)
      WHERE signing_state IN ('numbered', 'agency_signed') AND code_number IS NOT NULL;

      -- The year of the series: Vietnam's calendar year (+07:00) when the number was taken.
      UPDATE documents SET register_year = CAST(strftime('%Y', registered_at, '+7 hours') AS INTEGER)
      WHERE register_id IS NOT NULL;

      CREATE INDEX documents_by_register ON documents (register_id, register_year, register_number) WHERE register_id IS NOT NULL;
    `);
  },
};
