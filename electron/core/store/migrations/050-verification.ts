import type { Migration } from './index.js';

/**
 * Signature verification of incoming documents, computed in the background at arrival
 * and again on demand. One row per document, replaced by each new verification: the report is the
 * whole DocumentVerification as JSON (what the signature panel shows), and the verdict is kept
 * in columns too so that the inbox can show a badge per row without parsing reports.
 * No row = not verified yet.
 */
export const migration050: Migration = {
  version: 50,
  name: 'verification',
  up(db) {
    db.exec(`
      CREATE TABLE document_verifications (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        indication TEXT NOT NULL CHECK (indication IN ('TOTAL_PASSED', 'INDETERMINATE', 'TOTAL_FAILED', 'UNSIGNED')),
        sub_indication TEXT,
        verified_at TEXT NOT NULL,
        report TEXT NOT NULL CHECK (json_valid(report))
      );
    `);
  },
};
