import type { HubMigration } from './index.js';

/**
 * The handling of arrivals inside the agency (điều hành; docs/architecture.md "Điều hành"):
 * `work_items`, a tree per document (presented to a leader → his assignments → passed on to a
 * specialist), and `workflow_steps`, the document's workflow timeline, each step also a record of
 * the audit chain. A holder is a unit (its unit leaders act for it) or a person.
 */
export const migration140: HubMigration = {
  version: 140,
  name: 'workflow: work items and their steps',
  async up(client) {
    await client.query(`
      CREATE TABLE work_items (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        parent_id integer REFERENCES work_items (id),
        role text NOT NULL CHECK (role IN ('decide', 'lead', 'cooperate', 'inform')),
        unit_id integer REFERENCES units (id),
        user_id integer REFERENCES users (id),
        assigned_by integer NOT NULL REFERENCES users (id),
        note text NOT NULL DEFAULT '',
        deadline date,
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'started', 'passed', 'done', 'closed')),
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        ended_at timestamptz,
        CHECK ((unit_id IS NULL) <> (user_id IS NULL)),
        -- A decision is asked of a person, a leader.
        CHECK (role <> 'decide' OR user_id IS NOT NULL)
      );
      CREATE INDEX work_items_by_document ON work_items (document_id, id);
      CREATE INDEX work_items_by_parent ON work_items (parent_id) WHERE parent_id IS NOT NULL;
      -- "Việc của tôi": a person's open items, and a unit's.
      CREATE INDEX work_items_open_by_user ON work_items (user_id, deadline) WHERE state IN ('open', 'started') AND user_id IS NOT NULL;
      CREATE INDEX work_items_open_by_unit ON work_items (unit_id, deadline) WHERE state IN ('open', 'started') AND unit_id IS NOT NULL;

      CREATE TABLE workflow_steps (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        item_id integer REFERENCES work_items (id),
        kind text NOT NULL CHECK (kind IN ('presented', 'assigned', 'settled', 'passed', 'progress', 'done', 'returned')),
        actor_id integer NOT NULL REFERENCES users (id),
        text text NOT NULL DEFAULT '',
        statuses text[] NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL
      );
      CREATE INDEX workflow_steps_by_document ON workflow_steps (document_id, id);

      ALTER TABLE documents ADD COLUMN presented_at timestamptz;
    `);
  },
};
