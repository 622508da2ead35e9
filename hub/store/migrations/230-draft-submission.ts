import type { HubMigration } from './index.js';

/**
 * Submitting a draft for signature (trình ký) and its return (trả lại), docs/architecture.md
 * "Điều hành": `documents.signing_leader_id` names the leader a draft `awaiting_leader` waits for
 * (his "Chờ ký"); the submission and the return are steps of the draft's timeline
 * (`submitted`, `draft_returned`), the return's comment its text. A leader deleted keeps no
 * draft waiting for him: the draft keeps its state and names nobody.
 */
export const migration230: HubMigration = {
  version: 230,
  name: 'draft submission',
  async up(client) {
    await client.query(`
      ALTER TABLE documents ADD COLUMN signing_leader_id integer REFERENCES users (id) ON DELETE SET NULL;
      CREATE INDEX documents_awaiting_leader ON documents (signing_leader_id) WHERE signing_state = 'awaiting_leader';

      ALTER TABLE workflow_steps DROP CONSTRAINT workflow_steps_kind_check;
      ALTER TABLE workflow_steps ADD CONSTRAINT workflow_steps_kind_check
        CHECK (kind IN ('presented', 'assigned', 'settled', 'passed', 'progress', 'done', 'returned', 'extension_asked', 'extension_approved', 'extension_refused', 'comment', 'submitted', 'draft_returned'));
    `);
  },
};
