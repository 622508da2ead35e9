/**
 * What becomes of the demo's data when a folder leaves demo mode for a real axis (the choice is
 * the clerk's; docs/architecture.md "Leaving demo mode"). Either way the directory and the sync
 * cursors belonged to the demo axis and go. Call inside the write transaction of the switch.
 */
import type { Db } from './database.js';

/** Counts for the audit row of the switch. */
export interface DemoDataOutcome {
  documents: number;
  drafts: number;
}

function clearAxisState(db: Db): void {
  db.exec(`
    INSERT INTO agencies_fts (agencies_fts) VALUES ('delete-all');
    DELETE FROM agencies;
    DELETE FROM sync_state;
  `);
}

/**
 * Keep: documents that went through the demo axis (sent, received) and drafts already numbered
 * stay, marked demo: readable, never changed or sent, out of the registers' books, whose counters
 * start again so that the first real document is number 01. Drafts not yet numbered stay as
 * ordinary drafts. Nothing of the demo may reach the real axis: what waits in the send queue is
 * dropped, requests from demo agencies are forgotten, quarantined demo packages are ignored. Their
 * DocumentIds and axis ids get a `demo:` prefix (the package bytes keep the originals).
 */
export function keepDemoData(db: Db, at: string): DemoDataOutcome {
  const marked = db
    .prepare("UPDATE documents SET demo = 1, updated_at = ? WHERE direction IN ('incoming', 'outgoing') OR signing_state IN ('numbered', 'agency_signed')")
    .run(at).changes;
  db.prepare('UPDATE documents SET register_id = NULL, register_year = NULL, register_number = NULL, registered_at = NULL WHERE demo = 1').run();
  // The demo's ids were the demo axis's and the demo agencies': marked, they can never be taken
  // for the real axis's packages or a real document with the same number (nor block one as a duplicate).
  db.exec(`
    UPDATE documents SET edxml_document_id = 'demo:' || edxml_document_id WHERE demo = 1 AND edxml_document_id IS NOT NULL;
    UPDATE documents SET axis_doc_id = 'demo:' || axis_doc_id WHERE demo = 1 AND axis_doc_id IS NOT NULL;
    UPDATE status_events SET axis_doc_id = 'demo:' || axis_doc_id WHERE axis_doc_id IS NOT NULL;
    DELETE FROM inbound_packages;
    DELETE FROM register_counters;
    DELETE FROM outbox WHERE state <> 'sent';
    DELETE FROM pending_requests;
  `);
  db.prepare("UPDATE quarantine SET state = 'ignored', updated_at = ? WHERE state <> 'ignored'").run(at);
  clearAxisState(db);
  const { drafts } = db.prepare("SELECT count(*) AS drafts FROM documents WHERE direction = 'draft' AND demo = 0").get() as { drafts: number };
  return { documents: marked, drafts };
}

/**
 * Discard: the folder is as a fresh one would be for documents and exchange (documents, drafts,
 * their files' rows, send queue, quarantine, received-package records, register counters, the
 * directory); what belongs to this computer and the agency's set-up stays (token driver,
 * time-stamp server, signature and seal images, certificate kinds, the registers themselves,
 * trust anchors), and so does the audit log, append-only by design, which records the switch.
 */
export function discardDemoData(db: Db): DemoDataOutcome {
  const { documents } = db.prepare("SELECT count(*) AS documents FROM documents WHERE direction <> 'draft'").get() as { documents: number };
  const { drafts } = db.prepare("SELECT count(*) AS drafts FROM documents WHERE direction = 'draft'").get() as { drafts: number };
  db.exec(`
    DELETE FROM outbox;
    DELETE FROM inbound_packages;
    DELETE FROM quarantine;
    UPDATE documents SET replaces_id = NULL;
    DELETE FROM documents;
    DELETE FROM register_counters;
  `);
  clearAxisState(db);
  return { documents, drafts };
}
