import type { Migration } from './index.js';

/**
 * Records management (docs/formats.md#records): certified copies and their register, the
 * yearly list of dossiers with the documents filed in each, and handovers to the archive.
 *
 * Copy numbers come from register_counters under the code 'copies' (one yearly sequence for
 * sao y, sao lục and trích sao); a row is written only once the copy is signed, in the same
 * transaction that takes its number, so the register has no gap.
 */
export const migration190: Migration = {
  version: 190,
  name: 'records',
  up(db) {
    db.exec(`
      CREATE TABLE certified_copies (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id),
        source_copy_id INTEGER REFERENCES certified_copies (id),
        kind TEXT NOT NULL CHECK (kind IN ('SY', 'SL', 'TrS')),
        year INTEGER NOT NULL,
        number INTEGER NOT NULL CHECK (number > 0),
        -- Trích sao: the pages copied ("1-2,4"); NULL for a whole copy.
        pages TEXT,
        agency_name TEXT NOT NULL,
        signer TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size > 0),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        CHECK ((kind = 'SL') = (source_copy_id IS NOT NULL)),
        CHECK ((kind = 'TrS') = (pages IS NOT NULL)),
        UNIQUE (year, number)
      );
      CREATE INDEX certified_copies_by_document ON certified_copies (document_id);

      CREATE TABLE handovers (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        signer TEXT NOT NULL,
        -- The archival-form step's verdict per signed file (JSON array).
        verdicts TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        received_at TEXT,
        received_by TEXT,
        receipt_note TEXT,
        CHECK ((received_at IS NULL) = (received_by IS NULL))
      );

      CREATE TABLE dossiers (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        code TEXT NOT NULL,
        heading TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        -- NULL: permanent (vĩnh viễn).
        retention_years INTEGER CHECK (retention_years IS NULL OR retention_years BETWEEN 1 AND 100),
        keeper TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        -- JSON array of document type names, for suggestions.
        type_names TEXT NOT NULL DEFAULT '[]',
        description TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'handed_over')),
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        handover_id INTEGER REFERENCES handovers (id),
        CHECK ((state = 'open') = (closed_at IS NULL)),
        -- The latest package it went in; handed_over once the archive's receipt is recorded.
        CHECK (state <> 'handed_over' OR handover_id IS NOT NULL),
        UNIQUE (year, code)
      );

      CREATE TABLE dossier_documents (
        dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
        document_id INTEGER NOT NULL REFERENCES documents (id),
        filed_at TEXT NOT NULL,
        filed_by TEXT NOT NULL,
        PRIMARY KEY (dossier_id, document_id)
      ) WITHOUT ROWID;
      CREATE INDEX dossier_documents_by_document ON dossier_documents (document_id);
    `);
  },
};
