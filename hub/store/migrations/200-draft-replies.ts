import type { HubMigration } from './index.js';

/**
 * A draft that answers an arrival, and the co-operating units' opinions on it (ý kiến phối hợp;
 * docs/architecture.md "Điều hành"). `documents.answers_id` names the arrival a draft replies to
 * (its ResponseFor when sent); an opinion is a `comment` step of the draft's workflow timeline.
 *
 * The access rule (migration 070) gains one case: a draft answering an arrival is seen by those
 * who hold work on that arrival — a lead (chủ trì) or co-operating (phối hợp) item given to them,
 * or to their unit (its specialists and unit leaders, as a unit's grant is seen) — so that the
 * co-operating units read the draft they give their opinion on. Those given the arrival only for
 * information (để biết) do not. The rest of the rule is unchanged.
 */
export const migration200: HubMigration = {
  version: 200,
  name: 'draft replies and co-operating opinions',
  async up(client) {
    await client.query(`
      ALTER TABLE documents ADD COLUMN answers_id integer REFERENCES documents (id);
      CREATE INDEX documents_answers ON documents (answers_id) WHERE answers_id IS NOT NULL;

      ALTER TABLE workflow_steps DROP CONSTRAINT workflow_steps_kind_check;
      ALTER TABLE workflow_steps ADD CONSTRAINT workflow_steps_kind_check
        CHECK (kind IN ('presented', 'assigned', 'settled', 'passed', 'progress', 'done', 'returned', 'extension_asked', 'extension_approved', 'extension_refused', 'comment'));

      CREATE OR REPLACE FUNCTION readable_documents(reader integer) RETURNS TABLE (document_id integer)
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
              -- A draft answering an arrival: those holding its lead or co-operating work (by the arrival's id).
              OR (d.answers_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM work_items w
                WHERE w.document_id = d.answers_id AND w.role IN ('lead', 'cooperate')
                  AND (w.user_id = u.id
                    OR (w.unit_id = u.unit_id AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('specialist', 'unit_leader'))))))
          END
      $$;
    `);
  },
};
