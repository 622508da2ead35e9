import type { Migration } from './index.js';

/**
 * The incoming documents waiting for the clerk (arrived, neither accepted nor returned), the count
 * on the tray and taskbar (countWaitingIncoming), recounted after every arrival and response.
 * Without this index the count read every incoming row through documents_by_box: 166 ms at
 * 100,000 generated documents against 0.02 ms with it (npm run bench -- waiting --sizes 100000),
 * 1 to 2 s warm at a million. A partial index holds only the few waiting ones; the count names it (INDEXED BY) with exactly this WHERE.
 */
export const WAITING_INCOMING_WHERE = "direction = 'incoming' AND state = 'arrived'";

export const migration100: Migration = {
  version: 100,
  name: 'index of the incoming documents waiting for the clerk',
  up(db) {
    db.exec(`CREATE INDEX documents_waiting ON documents (id) WHERE ${WAITING_INCOMING_WHERE};`);
  },
};
