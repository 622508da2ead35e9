/**
 * `draft.comment`: an opinion on a draft that answers an arrival (ý kiến phối hợp), by one who
 * holds the arrival's co-operating or lead work or stands above it (mayCommentOnDraft, in SQL).
 * It is a `comment` step of the draft's timeline and its audit record, seen at every desk that
 * sees the draft: the drafter and the leader read the opinions beside it. Given while the draft
 * is still a draft (signing does not end it; sending does).
 */
import { lockDocument } from '../store/desk-documents.js';
import { mayCommentOnDraft, recordStep } from '../store/workflow.js';
import { CommandRefused, type CommandHandler } from './command-handler.js';

export const draftComment: CommandHandler<'draft.comment'> = {
  async apply({ account, client, now }, { documentId, text }) {
    const doc = await lockDocument(client, documentId);
    if (!doc) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
    if (doc.direction !== 'draft') throw new CommandRefused('stale', `Document ${documentId} is no longer a draft (it was sent): opinions are given on drafts.`);
    if (!(await mayCommentOnDraft(client, account.userId, documentId))) {
      throw new CommandRefused('forbidden', 'Opinions on a draft are given by those who co-operate on, or lead, the work on the arrival it answers.');
    }
    await recordStep(client, { documentId, itemId: null, kind: 'comment', actorId: account.userId, actor: account.username, text, statuses: [] }, now);
    return { documentId };
  },
};
