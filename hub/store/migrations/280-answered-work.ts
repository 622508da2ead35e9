import type { HubMigration } from './index.js';

/**
 * Work on an arrival that a document answers (a reply drafted from it): where the list and search
 * of one who sees few documents look for the drafts answering the arrivals he or his units hold
 * (hub/store/document-access.ts narrowReadablePage). Migration 260's indexes held every lead and
 * co-operating item, so each page read them all, some 24,000 for a unit at a million documents,
 * and looked for a reply to each (50 of a page's 65 ms, `npm run bench -- hub-desks`); these
 * hold only the items whose arrival has a reply.
 *
 * `answered` is kept by triggers, whichever comes first, the work or the reply. Both lock the
 * arrival's row (the reply to be written, the work to be shared), so a reply and an item written
 * at once by two transactions wait for each other and the second sees the first. A flag left set
 * when a reply goes costs the walk a look, never access: the rule itself (migration 070's
 * readable_documents) still decides every document met.
 */
export const migration280: HubMigration = {
  version: 280,
  name: 'answered work',
  async up(client) {
    await client.query(`
      ALTER TABLE work_items ADD COLUMN answered boolean NOT NULL DEFAULT false;
      UPDATE work_items w SET answered = true WHERE EXISTS (SELECT 1 FROM documents d WHERE d.answers_id = w.document_id);

      CREATE FUNCTION work_item_answered() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM documents WHERE id = NEW.document_id FOR SHARE;
        NEW.answered := EXISTS (SELECT 1 FROM documents WHERE answers_id = NEW.document_id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER work_item_answered BEFORE INSERT OR UPDATE OF document_id ON work_items
        FOR EACH ROW EXECUTE FUNCTION work_item_answered();

      CREATE FUNCTION document_answers() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM documents WHERE id = NEW.answers_id FOR NO KEY UPDATE;
        UPDATE work_items SET answered = true WHERE document_id = NEW.answers_id AND NOT answered;
        RETURN NULL;
      END $$;
      CREATE TRIGGER document_answers AFTER INSERT OR UPDATE OF answers_id ON documents
        FOR EACH ROW WHEN (NEW.answers_id IS NOT NULL) EXECUTE FUNCTION document_answers();

      DROP INDEX work_items_held_by_user;
      DROP INDEX work_items_held_by_unit;
      CREATE INDEX work_items_answered_by_user ON work_items (user_id, document_id) WHERE answered AND role IN ('lead', 'cooperate') AND user_id IS NOT NULL;
      CREATE INDEX work_items_answered_by_unit ON work_items (unit_id, document_id) WHERE answered AND role IN ('lead', 'cooperate') AND unit_id IS NOT NULL;
    `);
  },
};
