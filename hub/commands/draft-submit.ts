/**
 * `draft.submit` (trình ký): the draft being edited goes to a leader for his signature, with a
 * note. Submitted by whoever may change it (its drafter, a leader, a unit leader or the clerk,
 * requireEditable), to a person who signs: a leader or a unit leader, not disabled. It is edited no
 * more (draft.save and draft.attach refuse it) until he signs it or returns it (draft.return). A
 * unit leader who does not see the draft yet is given it, so that the feed brings it to his "Chờ
 * ký" ("Việc của tôi"), as presenting an arrival brings it to the leader's. docs/architecture.md, "Điều hành".
 */
import { grantDocument, mayReadDocument } from '../store/document-access.js';
import { lockDocument, mainPdfId, submitDraft } from '../store/desk-documents.js';
import { userById } from '../store/users.js';
import { recordStep } from '../store/workflow.js';
import { CommandRefused, type CommandHandler } from './command-handler.js';
import { requireEditable } from './draft-save.js';

/** The roles that sign a draft at the hub (revision.upload's leader step). */
export const DRAFT_SIGNERS = ['leader', 'unit_leader'] as const;

export const draftSubmit: CommandHandler<'draft.submit'> = {
  async apply({ account, client, now }, { documentId, leaderId, note }) {
    const doc = await lockDocument(client, documentId);
    if (!doc) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
    requireEditable(account, doc);
    const leader = await userById(client, leaderId);
    if (!leader || leader.disabled || !DRAFT_SIGNERS.some((role) => leader.roles.includes(role))) {
      throw new CommandRefused('invalid', 'The person named does not sign drafts: choose a leader or a unit leader (whose account is not disabled).');
    }
    if ((await mainPdfId(client, documentId)) === null) throw new CommandRefused('invalid', `Draft ${documentId} has no PDF file: add the file the leader signs, then submit it.`);
    if (!(await mayReadDocument(client, leaderId, documentId))) {
      const granted = await grantDocument(client, { documentId, units: [], users: [leaderId], actorUserId: account.userId }, now);
      if (granted.state === 'refused') throw new CommandRefused(granted.reason, granted.message);
    }
    await submitDraft(client, documentId, leaderId, now);
    await recordStep(client, { documentId, itemId: null, kind: 'submitted', actorId: account.userId, actor: account.username, text: note, statuses: [], details: { leader: leaderId } }, now);
    return { documentId };
  },
};
