import type { HubMigration } from './index.js';

/**
 * A status package is kept in its outbox row, as at the desk (the desk's migration 280,
 * docs/reliability.md#status-packages). Rows queued before keep their file (package_bytes NULL).
 */
export const migration290: HubMigration = {
  version: 290,
  name: 'status packages in outbox',
  async up(client) {
    await client.query('ALTER TABLE outbox ADD COLUMN package_bytes bytea');
  },
};
