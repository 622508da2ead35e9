import type { Migration } from './index.js';

/**
 * Receiving, hardened:
 * - quarantine rows get a reason code (shared/api/quarantine-reasons.ts) beside the technical
 *   detail they kept until now in `reason`; existing rows are classified by the words VanThu
 *   itself wrote there, anything else is `other` with its text kept as the detail;
 * - outbox rows get their own back-off step, which only failures about the package itself raise
 *   (outbox-pusher.ts); rows waiting out a back-off that grew with every outage of the axis are
 *   queued again at once;
 * - a document received again under a known (sender, DocumentId) with other content is kept as a
 *   conflict beside the original (store/conflicts.ts), and recorded as such among the packages
 *   received (inbound_packages is rebuilt: its CHECK gains 'conflict').
 */
const REASON_PATTERNS: [code: string, likes: string[]][] = [
  ['doctype_or_entity', ['%DOCTYPE is not allowed%', '%undefined entity%']],
  ['too_deep', ['%nested too deeply%']],
  ['too_large', ['%is too long%', '%too many elements%', '%too much text%', '%a text longer than%']],
  ['wrong_namespace', ['%is in namespace%']],
  ['not_edxml', ['%the root element is <%', '%has no edXMLEnvelope%']],
  ['missing_from', ['%names no sender%']],
  ['missing_document_id', ['%no DocumentId%', '%no ResponseFor/DocumentId%']],
  ['reference_without_attachment', ['%which the package does not carry%']],
  ['bad_base64', ['%base64%', '%inside attachment content%', '%attachment with two bodies%']],
  ['bad_attachment', ['%damaged zip%', '%encrypted zip%', '%zipped file is larger%', '%is a zip of%']],
  ['sender_mismatch', ['%says it comes from%']],
  ['unknown_document', ['%which this agency never received%', '%which this agency never sent%']],
  ['not_a_recipient', ['%which is not a recipient%']],
  ['bytes_not_kept', ['%bytes were not kept%']],
  ['not_well_formed', ['%is not an XML character%', '%malformed reference%', '%unterminated reference%']],
];

export const migration110: Migration = {
  version: 110,
  name: 'receiving hardening: quarantine reason codes, outbox back-off step, conflicting versions',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN retry_step INTEGER NOT NULL DEFAULT 0;
      UPDATE outbox SET state = 'queued', next_attempt_at = NULL WHERE state = 'retry_wait';

      CREATE TABLE document_conflicts (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        axis_doc_id TEXT NOT NULL UNIQUE,
        package_sha256 TEXT NOT NULL,
        received_at TEXT NOT NULL,
        -- The version's header columns and attachments, as the document would hold them (JSON).
        content TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        decision TEXT CHECK (decision IN ('kept', 'taken')),
        decided_at TEXT,
        decided_by TEXT
      );
      CREATE INDEX document_conflicts_by_document ON document_conflicts (document_id, fingerprint);

      CREATE TABLE inbound_packages_110 (
        axis_doc_id TEXT PRIMARY KEY,
        message_type TEXT NOT NULL CHECK (message_type IN ('edoc', 'status')),
        outcome TEXT NOT NULL CHECK (outcome IN ('document', 'status', 'request', 'duplicate', 'conflict', 'quarantined')),
        document_id INTEGER REFERENCES documents (id),
        recorded_at TEXT NOT NULL,
        acknowledged_at TEXT
      );
      INSERT INTO inbound_packages_110 SELECT axis_doc_id, message_type, outcome, document_id, recorded_at, acknowledged_at FROM inbound_packages;
      DROP TABLE inbound_packages;
      ALTER TABLE inbound_packages_110 RENAME TO inbound_packages;
    `);
    db.exec("ALTER TABLE quarantine ADD COLUMN reason_code TEXT NOT NULL DEFAULT 'other'");
    const classify = db.prepare("UPDATE quarantine SET reason_code = ? WHERE reason_code = 'other' AND reason LIKE ?");
    for (const [code, likes] of REASON_PATTERNS) for (const like of likes) classify.run(code, like);
  },
};
