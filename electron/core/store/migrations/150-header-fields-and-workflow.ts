import type { Migration } from './index.js';
import { WAITING_INCOMING_WHERE as ARRIVED_INCOMING } from './100-waiting-incoming.js';

/**
 * - `to_places`: the printed "Nơi nhận" lines (JSON array of strings), a draft field written into
 *   sent packages as ToPlaces and kept from received ones.
 * - `header_fields`: the rest of a received message header that has no column of its own (type
 *   codes, page and copy counts, sphere, typist, appendixes, ResponseFor, SteeringType, the
 *   sender's address and contacts), as JSON; null for documents written here.
 * - `demo`: kept from the demo when the folder switched to a real axis (docs/architecture.md).
 * - `leader_comment`: why the leader sent a submitted draft back for changes.
 * - `status_events.internal_note`: the agency's own note on a handling step, never sent.
 */
export const migration150: Migration = {
  version: 150,
  name: 'header fields kept, internal notes, demo marker, returned drafts',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN to_places TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE documents ADD COLUMN header_fields TEXT;
      ALTER TABLE documents ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
      ALTER TABLE documents ADD COLUMN leader_comment TEXT;
      ALTER TABLE status_events ADD COLUMN internal_note TEXT;
      -- Keyed by demo, with demo left out of its WHERE: a demo = 0 there made SQLite read every
      -- row again for countWaitingIncoming (store/documents.ts), which asks demo = 0 itself.
      DROP INDEX documents_waiting;
      CREATE INDEX documents_waiting ON documents (demo) WHERE ${ARRIVED_INCOMING};
    `);
  },
};
