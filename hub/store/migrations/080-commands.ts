import type { HubMigration } from './index.js';

/**
 * Desk commands (hub/commands/): every command the hub answered, keyed by the id the desk made,
 * so a command sent again (a retry after a lost answer, a desk killed after sending) gets the
 * first answer and its effects happen once. The row commits in the transaction of its effects;
 * a refusal is kept too, with its reason. `outcome` is null only inside the applying transaction.
 *
 * Drafts made at a desk: `created_by` (who may change it besides the leaders and clerks) and
 * `client_key`, the desk's name for a draft it made offline, so a second save of it finds it.
 */
export const migration080: HubMigration = {
  version: 80,
  name: 'desk commands, applied once',
  async up(client) {
    await client.query(`
      CREATE TABLE commands (
        id uuid PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users (id),
        -- The session it came from; kept when the session row goes.
        session_id uuid REFERENCES sessions (id) ON DELETE SET NULL,
        kind text NOT NULL,
        -- SHA-256 of the kind and the payload as validated: the same id with other content is refused.
        payload_sha256 text NOT NULL CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
        outcome jsonb CHECK (outcome IS NULL OR outcome ->> 'state' IN ('applied', 'refused')),
        applied_at timestamptz NOT NULL
      );
      CREATE INDEX commands_by_user ON commands (user_id, applied_at);

      ALTER TABLE documents
        ADD COLUMN created_by integer REFERENCES users (id),
        ADD COLUMN client_key uuid UNIQUE;
    `);
  },
};
