/**
 * What the sending agency may still do with a document it sent: take it back from some
 * recipients, revoke it, or send an update of its header. Each builds its packages first, then
 * commits the document's change, the outbox rows and the audit row in one transaction.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { BUSINESS_DOC_TYPE, STATUS_CODE } from '../../../shared/edxml/codes.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { recordRevision, revokeDocument, updateIssuedHeader } from '../store/document-transitions.js';
import { metadataOf } from '../store/document-metadata.js';
import { listAttachments, type DocumentRow } from '../store/documents.js';
import { enqueueOutbox } from '../store/outbox.js';
import { markTakeBackRequested, recipientIdsOf } from '../store/status-events.js';
import type { ExchangeDesk } from './exchange-desk.js';
import type { CoreContext, HandlerMap } from './handlers.js';

export function issuedDocumentHandlers(ctx: CoreContext, desk: ExchangeDesk): HandlerMap<'documents.takeBack' | 'documents.revoke' | 'documents.update'> {
  const { db } = ctx;
  return {
    'documents.takeBack': async ({ id, reason, recipients }) => {
      const doc = desk.row(id, 'outgoing');
      const targets = [...new Set(recipients)];
      const known = recipientIdsOf(db, doc.id);
      const unknown = targets.filter((r) => !known.includes(r));
      if (unknown.length) throw new ApiError('invalid_input', `Not a recipient of this document: ${unknown.join(', ')}`, { recipients: 'choose among the recipients' });
      const packages = await Promise.all(targets.map(async (recipient) => [recipient, await desk.statusFor(doc, recipient, STATUS_CODE.takeBack, reason)] as const));
      const now = new Date();
      writeTransaction(db, () => {
        const at = now.toISOString();
        for (const [recipient, status] of packages) desk.queueStatus(doc, recipient, STATUS_CODE.takeBack, reason, status, at);
        markTakeBackRequested(db, id, targets, at);
        appendAudit(db, { actor: ctx.actor, action: 'document.takeback', subject: `document:${id}`, details: { reason, recipients: targets } }, now);
      });
      return desk.done(id);
    },

    'documents.revoke': async ({ id, reason }) => {
      const doc = desk.row(id, 'outgoing');
      if (doc.revoked_at) throw new ApiError('conflict', `Document ${id} was already revoked.`);
      const recipients = recipientIdsOf(db, doc.id);
      const intent = { docType: BUSINESS_DOC_TYPE.revoke, reason, documentId: doc.edxml_document_id ?? '' };
      const sha = await desk.documentPackageFor(doc, recipients, doc.promulgation_date ?? vietnamDate(new Date()), doc.edxml_document_id ?? '', intent);
      const now = new Date();
      writeTransaction(db, () => {
        const at = now.toISOString();
        enqueueOutbox(db, { documentId: id, messageType: 'edoc', packageSha256: sha, recipients, purpose: 'revoke' }, at);
        // The issuing agency's own copy is revoked now; each recipient's agreement is tracked on its row.
        revokeDocument(db, id, reason, at);
        markTakeBackRequested(db, id, recipients, at);
        appendAudit(db, { actor: ctx.actor, action: 'document.revoke', subject: `document:${id}`, details: { reason } }, now);
      });
      return desk.done(id);
    },

    'documents.update': async ({ id, reason, fields }) => {
      const doc = desk.row(id, 'outgoing');
      if (doc.revoked_at) throw new ApiError('conflict', `Document ${id} was revoked: it cannot be updated.`);
      const now = new Date();
      const at = now.toISOString();
      // The new header is built from the document as it will be, before anything is written.
      const updated: DocumentRow = {
        ...doc,
        subject: fields.subject ?? doc.subject,
        summary: fields.summary ?? doc.summary,
        type_name: fields.typeName ?? doc.type_name,
        signer_name: fields.signerFullName ?? doc.signer_name,
        signer_position: fields.signerPosition ?? doc.signer_position,
        signer_competence: fields.signerCompetence ?? doc.signer_competence,
        place: fields.place ?? doc.place,
        due_date: fields.dueDate === undefined ? doc.due_date : fields.dueDate,
        priority: fields.priority ?? doc.priority,
      };
      const recipients = recipientIdsOf(db, doc.id);
      const intent = { docType: BUSINESS_DOC_TYPE.update, reason, documentId: doc.edxml_document_id ?? '' };
      const sha = await desk.documentPackageFor(updated, recipients, doc.promulgation_date ?? vietnamDate(now), doc.edxml_document_id ?? '', intent);
      writeTransaction(db, () => {
        recordRevision(db, id, reason, { metadata: metadataOf(doc), attachments: listAttachments(db, id) }, at);
        updateIssuedHeader(db, id, updated, at);
        enqueueOutbox(db, { documentId: id, messageType: 'edoc', packageSha256: sha, recipients, purpose: 'update' }, at);
        appendAudit(db, { actor: ctx.actor, action: 'document.update', subject: `document:${id}`, details: { reason, fields: Object.keys(fields) } }, now);
      });
      return desk.done(id);
    },
  };
}
