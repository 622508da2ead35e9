import type { HubMigration } from './index.js';

/**
 * Extensions of a work item's deadline (gia hạn; docs/architecture.md "Điều hành"): each one asked,
 * with its reason, the deadline it would move and the day proposed (already moved to a working
 * day), and its decision. The approved ones are the item's history of deadlines; one at a time
 * waits for a decision. The workflow timeline gets the three steps that ask and decide.
 */
export const migration160: HubMigration = {
  version: 160,
  name: 'deadline extensions',
  async up(client) {
    await client.query(`
      CREATE TABLE deadline_extensions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        item_id integer NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
        asked_by integer NOT NULL REFERENCES users (id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        from_deadline date NOT NULL,
        proposed date NOT NULL CHECK (proposed > from_deadline),
        asked_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'asked' CHECK (state IN ('asked', 'approved', 'refused')),
        to_deadline date CHECK (to_deadline > from_deadline),
        decided_by integer REFERENCES users (id),
        decision_note text NOT NULL DEFAULT '',
        decided_at timestamptz,
        CHECK ((state = 'asked') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL)),
        CHECK ((state = 'approved') = (to_deadline IS NOT NULL))
      );
      CREATE UNIQUE INDEX deadline_extensions_one_asked ON deadline_extensions (item_id) WHERE state = 'asked';
      CREATE INDEX deadline_extensions_by_item ON deadline_extensions (item_id, id);

      ALTER TABLE workflow_steps DROP CONSTRAINT workflow_steps_kind_check;
      ALTER TABLE workflow_steps ADD CONSTRAINT workflow_steps_kind_check
        CHECK (kind IN ('presented', 'assigned', 'settled', 'passed', 'progress', 'done', 'returned', 'extension_asked', 'extension_approved', 'extension_refused'));
    `);
  },
};
