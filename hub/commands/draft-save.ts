/**
 * `draft.save`: creates a draft (documentId null) named by the desk's `clientKey` — saving under
 * that key again changes the same draft, so a desk that drafted offline and sent twice makes one
 * document — or changes an existing draft. A draft is changed by the one who made it, a leader or
 * the clerk, and only while it is being edited (not once submitted for signing or sent). A new
 * draft may answer an arrival the drafter sees ("Soạn trả lời"): it is sent as its reply.
 */
import type { PoolClient } from 'pg';
import { appendAudit } from '../store/audit.js';
import { reindexDocumentHeader } from '../store/content-search.js';
import { mayReadDocument } from '../store/document-access.js';
import { documentState, insertDraft, lockDocument, lockDraftByClientKey, updateDraftFields, type LockedDocument } from '../store/desk-documents.js';
import { setDraftInternal } from '../store/internal-documents.js';
import type { SessionHolder } from '../store/sessions.js';
import { CommandRefused, type CommandHandler } from './command-handler.js';

const EDITORS_OF_ANY_DRAFT = ['leader', 'unit_leader', 'clerk'] as const;

/** Who may change a draft, and only while it is being edited (draft.save, draft.attach). */
export function requireEditable(account: SessionHolder, doc: LockedDocument): void {
  if (doc.createdBy !== account.userId && !EDITORS_OF_ANY_DRAFT.some((role) => account.roles.includes(role))) {
    throw new CommandRefused('forbidden', `Draft ${doc.id} was made by someone else: only they, a leader or the clerk may change it.`);
  }
  if (doc.direction !== 'draft' || doc.signingState !== 'none') {
    throw new CommandRefused('stale', `Document ${doc.id} is no longer a draft being edited (it was submitted for signing or sent): your changes were not saved.`);
  }
}

/** A reply answers an arrival the drafter may see (the same answer as a document he may not see: not found). */
async function requireAnswerable(client: PoolClient, userId: number, arrivalId: number): Promise<void> {
  const arrival = await documentState(client, arrivalId);
  if (!arrival || arrival.direction !== 'incoming' || !(await mayReadDocument(client, userId, arrivalId))) {
    throw new CommandRefused('not_found', `No arrived document ${arrivalId} that this account may see, to answer.`);
  }
}

export const draftSave: CommandHandler<'draft.save'> = {
  async apply({ account, client, now }, { documentId, clientKey, fields, answers, internal }) {
    if (documentId !== null && answers !== undefined) throw new CommandRefused('invalid', 'The arrival a draft answers is named when the draft is made.');
    let doc = documentId === null ? await lockDraftByClientKey(client, clientKey) : await lockDocument(client, documentId);
    if (documentId !== null && !doc) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
    if (!doc) {
      const { subject } = fields;
      if (!subject) throw new CommandRefused('invalid', 'A new draft needs its subject (trích yếu).');
      if (answers !== undefined) await requireAnswerable(client, account.userId, answers);
      const id = await insertDraft(client, { clientKey, createdBy: account.userId, fields: { ...fields, subject }, answers: answers ?? null, at: now });
      if (id !== null) {
        if (internal !== undefined) await setDraftInternal(client, id, internal, now);
        await appendAudit(client, { actor: account.username, action: 'draft.create', subject: `document:${id}`, details: { subject, clientKey, answers: answers ?? null, ...(internal !== undefined && { internal }) } }, now);
        await reindexDocumentHeader(client, id);
        return { documentId: id };
      }
      // Another copy of this draft's first save, under another command id, committed meanwhile.
      doc = (await lockDraftByClientKey(client, clientKey))!;
    }
    requireEditable(account, doc);
    await updateDraftFields(client, doc.id, fields, now);
    if (internal !== undefined) await setDraftInternal(client, doc.id, internal, now);
    await appendAudit(client, { actor: account.username, action: 'draft.update', subject: `document:${doc.id}`, details: { fields: Object.keys(fields), ...(internal !== undefined && { internal }) } }, now);
    await reindexDocumentHeader(client, doc.id);
    return { documentId: doc.id };
  },
};
