/**
 * `document.share`: gives a document to units and people (they see it from then on), by the
 * clerk, a leader or a unit leader who sees it; the grant and the document sent to its new readers
 * are grantDocument's (hub/store/document-access.ts), in the command's transaction.
 */
import { DOCUMENT_SHARERS } from '../../shared/hub/sharing.js';
import { grantDocument } from '../store/document-access.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';

export const documentShare: CommandHandler<'document.share'> = {
  async apply({ account, client, now }, { documentId, units, users }) {
    requireRole(account, DOCUMENT_SHARERS, 'Only the clerk, a leader or a unit leader gives documents to units and people.');
    const outcome = await grantDocument(client, { documentId, units, users, actorUserId: account.userId }, now);
    if (outcome.state === 'refused') throw new CommandRefused(outcome.reason, outcome.message);
    return { documentId, added: outcome.added };
  },
};
