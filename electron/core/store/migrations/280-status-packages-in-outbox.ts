import type { Migration } from './index.js';

/**
 * A status package is kept in its outbox row (docs/reliability.md#status-packages): a few KB,
 * committed with the row that queues it, where it was a file of the blob store made and flushed
 * before the transaction. Rows queued before keep their file (package_bytes NULL).
 */
export const migration280: Migration = {
  version: 280,
  name: 'status-packages-in-outbox',
  up(db) {
    db.exec('ALTER TABLE outbox ADD COLUMN package_bytes BLOB');
  },
};
