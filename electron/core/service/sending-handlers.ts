/**
 * Sending a draft: as a new outgoing document, or as the replacement of one sent before. The
 * package file is built first; the document's change, its recipients, the outbox row and the
 * audit row then commit in one transaction.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { BUSINESS_DOC_TYPE } from '../../../shared/edxml/codes.js';
import { formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { findOutgoingId, linkReplacement, numberUnsignedDraft } from '../store/document-transitions.js';
import { getDocumentRow, listAttachments, type DocumentRow } from '../store/documents.js';
import { markTakeBackRequested, recipientIdsOf } from '../store/status-events.js';
import { outgoingDocumentId, unsendableFields, type BusinessIntent } from '../exchange/package-contents.js';
import { requireRegister } from './register-handlers.js';
import type { ExchangeDesk } from './exchange-desk.js';
import type { CoreContext, HandlerMap } from './handlers.js';

function checkSendable(draft: DocumentRow, attachmentCount: number): void {
  const fields = unsendableFields(draft, attachmentCount);
  if (Object.keys(fields).length > 0) throw new ApiError('invalid_input', 'The draft is not ready to send.', fields);
}

export function sendingHandlers(ctx: CoreContext, desk: ExchangeDesk): HandlerMap<'documents.send' | 'documents.replace'> {
  const { db } = ctx;

  /**
   * Sends `draft` as a new outgoing document (or as the replacement of an earlier one). It leaves
   * signed by the agency, with the number the register gave it then; only the AllowUnsignedSending
   * policy lets an unsigned one go, and it then takes its number from the register here.
   */
  async function sendDraft(sending: DocumentRow, recipients: string[], options: { intent?: BusinessIntent; register?: number }): Promise<void> {
    const { intent } = options;
    const self = desk.selfId();
    if (recipients.includes(self)) throw new ApiError('invalid_input', 'An agency does not send documents to itself.', { recipients: 'remove this agency from the recipients' });
    if (sending.signing_state === 'none' && !ctx.policy.policy.allowUnsignedSending?.value) {
      throw new ApiError('conflict', `Document ${sending.id} is not signed: submit it for signing (Trình ký), then number and sign it for the agency before sending it.`, { signing: 'required' });
    }
    if (sending.signing_state !== 'none' && sending.signing_state !== 'agency_signed') {
      throw new ApiError('conflict', `Document ${sending.id} is being signed (${sending.signing_state}): finish the signatures before sending it.`, { signing: sending.signing_state });
    }
    checkSendable(sending, listAttachments(db, sending.id).length);
    const draft = sending.signing_state === 'none' ? await numberUnsigned(sending, options.register) : sending;
    const now = new Date();
    // A signed document was issued on the date filled in when the agency signed it.
    const promulgationDate = draft.promulgation_date ?? vietnamDate(now);
    const documentId = outgoingDocumentId(self, promulgationDate, draft);
    const clash = findOutgoingId(db, documentId);
    if (clash !== null) throw new ApiError('conflict', `Document ${documentId} was already sent (document ${clash}).`, { codeNumber: 'this number was already used' });
    const sha = await desk.documentPackageFor(draft, recipients, promulgationDate, documentId, intent);
    await ctx.exchange.write(async (tx) => {
      const at = now.toISOString();
      const queued = await tx.queueDraftForSending(draft.id, { edxmlDocumentId: documentId, promulgationDate, senderId: self, packageSha256: sha }, at);
      if (!queued) throw new ApiError('conflict', `Document ${draft.id} was sent meanwhile.`);
      await tx.insertRecipients(draft.id, recipients, 'queued', at);
      await tx.enqueueOutbox({ documentId: draft.id, messageType: 'edoc', packageSha256: sha, recipients, purpose: 'document' }, at);
      await tx.appendAudit({ actor: ctx.actor, action: 'document.send', subject: `document:${draft.id}`, details: { documentId, recipients, package: sha, business: intent?.docType ?? 0 } }, now);
    });
  }

  /**
   * An unsigned document sent under the policy takes the outgoing register's next number, in its
   * own transaction as the agency signature's numbering does: a send that then fails keeps the
   * number (no gap), and a second try reuses it.
   */
  async function numberUnsigned(draft: DocumentRow, register: number | undefined): Promise<DocumentRow> {
    if (draft.register_id !== null && draft.code_number) return draft;
    const book = requireRegister(db, 'out', register);
    const now = new Date();
    // The number is taken in the exchange's write transaction (exchange-store.ts); the draft's own row joins it on the same connection.
    return ctx.exchange.write(async (tx) => {
      const number = formatDocumentNumber(await tx.enterInRegister(draft.id, book, now));
      if (!numberUnsignedDraft(db, draft.id, number, vietnamDate(now), now.toISOString())) throw new ApiError('conflict', `Document ${draft.id} changed meanwhile.`);
      await tx.appendAudit({ actor: ctx.actor, action: 'document.number', subject: `document:${draft.id}`, details: { register: book.code, number, unsigned: true, policy: 'AllowUnsignedSending' } }, now);
      return getDocumentRow(db, draft.id)!;
    });
  }

  return {
    'documents.send': async ({ id, recipients, register }) => {
      await sendDraft(desk.row(id, 'draft'), [...new Set(recipients)], { register });
      return desk.done(id);
    },

    'documents.replace': async ({ id, replacementDraftId, reason }) => {
      const doc = desk.row(id, 'outgoing');
      const replacement = desk.row(replacementDraftId, 'draft');
      await sendDraft(replacement, recipientIdsOf(db, doc.id), { intent: { docType: BUSINESS_DOC_TYPE.replace, reason, documentId: doc.edxml_document_id ?? '' } });
      writeTransaction(db, () => {
        const at = new Date().toISOString();
        linkReplacement(db, replacementDraftId, id, at);
        markTakeBackRequested(db, id, 'all', at);
        appendAudit(db, { actor: ctx.actor, action: 'document.replace', subject: `document:${id}`, details: { reason, replacement: replacementDraftId } });
      });
      ctx.emit({ type: 'documents.changed', ids: [id, replacementDraftId] });
      return desk.done(replacementDraftId);
    },
  };
}
