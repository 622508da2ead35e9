import type { HubMigration } from './index.js';

/**
 * The work a person or his units hold as lead or co-operating (chủ trì, phối hợp), in any state:
 * where the list of one who sees few documents looks for the drafts answering those arrivals
 * (hub/store/document-access.ts narrowReadablePage, the access rule's case of migration 200).
 * Without them that place read every work item of the agency on every page (a sequential scan:
 * 310 ms of a 396 ms page at 100 000 documents, `npm run bench -- workflow`, docs/architecture.md
 * "The bench"); the indexes of 140 hold open items only. One by person, one by unit, so the
 * planner ORs the two; the document id in them answers the query from the index alone.
 */
export const migration260: HubMigration = {
  version: 260,
  name: 'held work indexes',
  async up(client) {
    await client.query(`
      CREATE INDEX work_items_held_by_user ON work_items (user_id, document_id) WHERE role IN ('lead', 'cooperate') AND user_id IS NOT NULL;
      CREATE INDEX work_items_held_by_unit ON work_items (unit_id, document_id) WHERE role IN ('lead', 'cooperate') AND unit_id IS NOT NULL;
    `);
  },
};
