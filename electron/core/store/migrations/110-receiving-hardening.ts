import type { Migration } from './index.js';

/**
 * Receiving, hardened:
 * - quarantine rows get a reason code (shared/api/quarantine-reasons.ts) beside the technical
 *   detail they kept until now in `reason`; existing rows are classified by the words VanThu
 *   itself wrote there, anything else is `other` with its text kept as the detail;
 * - outbox rows get their own back-off step, which only failures about the package itself raise
 *   (outbox-pusher.ts); rows waiting out a back-off that grew with every outage of the axis are
 *   queued again at once.
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
  name: 'receiving hardening: quarantine reason codes, outbox back-off step',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN retry_step INTEGER NOT NULL DEFAULT 0;
      UPDATE outbox SET state = 'queued', next_attempt_at = NULL WHERE state = 'retry_wait';
    `);
    db.exec("ALTER TABLE quarantine ADD COLUMN reason_code TEXT NOT NULL DEFAULT 'other'");
    const classify = db.prepare("UPDATE quarantine SET reason_code = ? WHERE reason_code = 'other' AND reason LIKE ?");
    for (const [code, likes] of REASON_PATTERNS) for (const like of likes) classify.run(code, like);
  },
};
