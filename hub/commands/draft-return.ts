/**
 * `draft.return` (trả lại): a draft waiting for a leader's signature goes back to be edited, with
 * his comment, by the leader it waits for or any leader of the agency (a unit leader returns only
 * what was submitted to him). The comment is the draft's `leaderComment` until it is submitted
 * again, and a `draft_returned` step of its timeline, so the drafter reads it at his desk.
 * docs/architecture.md, "Điều hành".
 */
import { lockDocument, returnDraft } from '../store/desk-documents.js';
import { recordStep } from '../store/workflow.js';
import { CommandRefused, type CommandHandler } from './command-handler.js';

export const draftReturn: CommandHandler<'draft.return'> = {
  async apply({ account, client, now }, { documentId, comment }) {
    const doc = await lockDocument(client, documentId);
    if (!doc) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
    if (doc.signingLeaderId !== account.userId && !account.roles.includes('leader')) {
      throw new CommandRefused('forbidden', 'A draft is returned by the leader it was submitted to, or by a leader of the agency.');
    }
    if (doc.direction !== 'draft' || doc.signingState !== 'awaiting_leader') {
      throw new CommandRefused('stale', `Document ${documentId} is not waiting for a leader's signature (it was returned, signed or sent meanwhile).`);
    }
    await returnDraft(client, documentId, comment, now);
    await recordStep(client, { documentId, itemId: null, kind: 'draft_returned', actorId: account.userId, actor: account.username, text: comment, statuses: [], details: { leader: doc.signingLeaderId } }, now);
    return { documentId };
  },
};
