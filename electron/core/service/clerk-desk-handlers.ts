/**
 * Where the clerk works: the counts of the inbox tabs, undoing a held handling status, and the
 * recipient groups the agency keeps.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { RESPONSE_STATE, type ResponseStatusCode } from '../../../shared/domain/handling-status.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { getDocumentRow } from '../store/documents.js';
import { documentSource } from './document-source.js';
import { setDocumentState } from '../store/document-transitions.js';
import { dropUnsentStatusEvent } from '../store/status-events.js';
import { dropUnsentOutboxEntry, heldStatusOf } from '../store/outbox.js';
import { listRecipientGroups, removeRecipientGroup, saveRecipientGroup } from '../store/recipient-groups.js';
import { requireDocument } from './document-handlers.js';
import type { CoreContext, HandlerMap } from './handlers.js';

type ClerkDeskMethods = 'documents.inboxCounts' | 'documents.undoStatus' | 'recipientGroups.list' | 'recipientGroups.save' | 'recipientGroups.remove';

/** The state an incoming document returns to once a status is undone: the one its last remaining status gave it. */
function stateBefore(codes: readonly string[]): (typeof RESPONSE_STATE)[ResponseStatusCode] {
  const last = [...codes].reverse().find((code): code is ResponseStatusCode => code in RESPONSE_STATE);
  return last ? RESPONSE_STATE[last] : 'arrived';
}

export function clerkDeskHandlers(ctx: CoreContext): HandlerMap<ClerkDeskMethods> {
  const { db } = ctx;
  return {
    'documents.inboxCounts': () => documentSource(db).inboxCounts(vietnamDate(new Date())),

    'documents.undoStatus': ({ id }) => {
      const now = new Date();
      writeTransaction(db, () => {
        const document = getDocumentRow(db, id);
        if (!document || document.direction !== 'incoming') throw new ApiError('not_found', `Incoming document ${id} does not exist.`);
        const held = heldStatusOf(db, id, now.toISOString());
        if (!held || !dropUnsentOutboxEntry(db, held.id)) throw new ApiError('conflict', `The status of document ${id} has already left for the axis (or there is none to undo).`);
        const code = held.purpose.replace(/^status:/, '');
        // The timeline line written with it goes too: it was never sent.
        const remaining = dropUnsentStatusEvent(db, id, code);
        const state = stateBefore(remaining);
        setDocumentState(db, id, state, now.toISOString());
        appendAudit(db, { actor: ctx.actor, action: 'document.status.undo', subject: `document:${id}`, details: { status: code, outbox: held.id, back: state } }, now);
      });
      ctx.emit({ type: 'documents.changed', ids: [id] });
      return requireDocument(ctx, id);
    },

    'recipientGroups.list': () => listRecipientGroups(db),

    'recipientGroups.save': (group) => {
      const at = new Date();
      const id = writeTransaction(db, () => {
        const saved = saveRecipientGroup(db, group, at.toISOString());
        if (saved !== null) appendAudit(db, { actor: ctx.actor, action: 'recipientGroup.save', subject: `recipientGroup:${saved}`, details: { name: group.name, members: group.members } }, at);
        return saved;
      });
      if (id === null) {
        if (group.id !== undefined && !listRecipientGroups(db).some((existing) => existing.id === group.id)) throw new ApiError('not_found', `Recipient group ${group.id} does not exist.`);
        throw new ApiError('conflict', `A recipient group named “${group.name}” exists already.`, { name: 'a name no other group has' });
      }
      return listRecipientGroups(db).find((saved) => saved.id === id)!;
    },

    'recipientGroups.remove': ({ id }) => {
      writeTransaction(db, () => {
        if (!removeRecipientGroup(db, id)) throw new ApiError('not_found', `Recipient group ${id} does not exist.`);
        appendAudit(db, { actor: ctx.actor, action: 'recipientGroup.remove', subject: `recipientGroup:${id}` });
      });
      return listRecipientGroups(db);
    },
  };
}
