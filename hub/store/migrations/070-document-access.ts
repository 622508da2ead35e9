import type { HubMigration } from './index.js';

/**
 * Who may see a document, decided in SQL in one place: `readable_documents(reader)`, the documents
 * a user may see now. Every by-id read, attachment download, list, snapshot and feed audience of
 * a document goes through it (hub/store/document-access.ts); docs/architecture.md, "Agency hub",
 * states the rule in words.
 *
 * Registers may be restricted (sổ mật): their documents are seen by the register's named readers
 * only. Documents are given (giao) to units and to people through document_grants; a grant is
 * never taken back here, so it is a history as well as a right.
 *
 * readable_documents is a plain SQL function of one SELECT, so PostgreSQL inlines it into the
 * query that calls it: asked for one id, it looks at that document alone.
 */
export const migration070: HubMigration = {
  version: 70,
  name: 'document access: restricted registers, grants, the visibility rule',
  async up(client) {
    await client.query(`
      ALTER TABLE registers ADD COLUMN restricted boolean NOT NULL DEFAULT false;

      CREATE TABLE register_readers (
        register_id integer NOT NULL REFERENCES registers (id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (register_id, user_id)
      );

      CREATE TABLE document_grants (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        unit_id integer REFERENCES units (id),
        user_id integer REFERENCES users (id),
        granted_by integer REFERENCES users (id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((unit_id IS NULL) <> (user_id IS NULL))
      );
      CREATE UNIQUE INDEX document_grants_one_per_unit ON document_grants (document_id, unit_id) WHERE unit_id IS NOT NULL;
      CREATE UNIQUE INDEX document_grants_one_per_user ON document_grants (document_id, user_id) WHERE user_id IS NOT NULL;
      CREATE INDEX document_grants_by_document ON document_grants (document_id);
      CREATE INDEX document_grants_by_unit ON document_grants (unit_id, document_id) WHERE unit_id IS NOT NULL;
      CREATE INDEX document_grants_by_user ON document_grants (user_id, document_id) WHERE user_id IS NOT NULL;

      -- The rule. An enabled user holding a role other than admin (admin manages accounts and sees
      -- no document); then, for a document in a restricted register, only that register's named
      -- readers; for any other: clerks and leaders; the people it was given to; the specialists and
      -- unit leaders of a unit it was given to; and the unit leaders of the units above that unit.
      CREATE FUNCTION readable_documents(reader integer) RETURNS TABLE (document_id integer)
      LANGUAGE sql STABLE AS $$
        SELECT d.id
        FROM users u
        CROSS JOIN documents d
        LEFT JOIN register_entries e ON e.document_id = d.id
        LEFT JOIN registers g ON g.id = e.register_id
        WHERE u.id = reader AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role <> 'admin')
          AND CASE WHEN coalesce(g.restricted, false)
            THEN EXISTS (SELECT 1 FROM register_readers rr WHERE rr.register_id = g.id AND rr.user_id = u.id)
            ELSE EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('clerk', 'leader'))
              -- One look at the document's own grants (by its id), whatever kind they are: a
              -- check PostgreSQL cannot turn into a hash of every grant of the agency.
              OR EXISTS (
                SELECT 1 FROM document_grants dg
                WHERE dg.document_id = d.id
                  AND (dg.user_id = u.id
                    OR (dg.unit_id = u.unit_id AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('specialist', 'unit_leader')))
                    OR (dg.unit_id IS NOT NULL AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'unit_leader') AND u.unit_id IN (
                      WITH RECURSIVE above (id) AS (
                        SELECT parent_id FROM units WHERE id = dg.unit_id
                        UNION
                        SELECT units.parent_id FROM units JOIN above ON units.id = above.id
                      )
                      SELECT id FROM above WHERE id IS NOT NULL))))
          END
      $$;
    `);
  },
};
