/**
 * `draft.send`: the clerk sends a sealed draft to other agencies. As the desktop sends one
 * (electron/core/service/sending-handlers.ts), the edXML package is built and stored first, by the
 * desktop's own builder, with the number and date the draft was issued under; then, in the
 * command's transaction, the draft becomes an outgoing document with its recipients and the
 * package goes into the hub's outbox, which the exchange leader sends over the axis
 * (docs/architecture.md, "Exchange loop"). Statuses from the recipients come back through it.
 */
import { DEFAULT_DOCUMENT_TYPE_CODES } from '../../shared/edxml/document-type-codes.js';
import { vietnamDate } from '../../shared/text/vietnam-time.js';
import { documentPackage, outgoingDocumentId, responseForArrival, unsendableFields } from '../../electron/core/exchange/package-contents.js';
import { storeDocumentPackage } from '../../electron/core/exchange/outgoing-packages.js';
import { appendAudit } from '../store/audit.js';
import { answeredArrival, attachmentHashes, documentState, lockDocument, toPlacesOf } from '../store/desk-documents.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';

interface Prepared {
  selfId: string;
  edxmlDocumentId: string;
  promulgationDate: string;
  packageSha256: string;
  /** The files the package carries: sent only if they are still the draft's. */
  files: string[];
}

const notSealed = (id: number) => new CommandRefused('invalid', `Document ${id} is not sealed yet: it leaves numbered and signed by the agency (Cấp số và ký số).`);
const sent = (id: number) => new CommandRefused('stale', `Document ${id} was sent already.`);

export const draftSend: CommandHandler<'draft.send', Prepared> = {
  async precheck({ account, read, pool, services, now }, { documentId, recipients }) {
    requireRole(account, ['clerk'], 'Only the agency clerk (văn thư) sends documents to other agencies.');
    const selfId = services.agencyCode();
    if (!selfId) throw new CommandRefused('invalid', 'The hub has no axis account, so it cannot send: its administrator must set one.');
    if (recipients.includes(selfId)) throw new CommandRefused('invalid', 'An agency does not send documents to itself: remove this agency from the recipients.');
    const state = await documentState(pool, documentId);
    if (!state) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
    if (state.direction !== 'draft') throw sent(documentId);
    if (state.internal) throw new CommandRefused('invalid', `Document ${documentId} is an internal document: it goes to units of the agency (Gửi nội bộ), not over the axis.`);
    if (state.signingState !== 'agency_signed') throw notSealed(documentId);
    const content = (await read.receivedContent(documentId))!;
    const missing = unsendableFields(content.columns, content.attachments.length);
    if (Object.keys(missing).length > 0) throw new CommandRefused('invalid', `The draft is not ready to send: ${Object.values(missing).join('; ')}.`);
    // Issued on the date the number was given (the date filled in when the agency sealed it).
    const promulgationDate = content.columns.promulgation_date ?? vietnamDate(now);
    const edxmlDocumentId = outgoingDocumentId(selfId, promulgationDate, content.columns);
    const clash = await read.findOutgoingId(edxmlDocumentId);
    if (clash !== null) throw new CommandRefused('stale', `A document numbered ${content.columns.code_number ?? ''} on that date was sent already (document ${clash}).`);
    const attachments = content.attachments.map((file, index) => ({ ...file, id: index + 1, documentId }));
    // A reply names the arrival it answers (ResponseFor), so the sender links it to its document.
    const answered = await answeredArrival(pool, documentId);
    const pkg = await documentPackage(read, {
      doc: { ...content.columns, edxml_document_id: null, to_places: await toPlacesOf(pool, documentId) },
      documentId: edxmlDocumentId,
      promulgationDate,
      attachments,
      recipients,
      selfId,
      now,
      typeCodes: DEFAULT_DOCUMENT_TYPE_CODES,
      responseFor: answered ? [responseForArrival(answered)] : [],
    });
    const packageSha256 = await storeDocumentPackage(services.blobs.files, pkg, attachments, false);
    return { selfId, edxmlDocumentId, promulgationDate, packageSha256, files: content.attachments.map((file) => file.sha256) };
  },

  async apply({ account, client, exchange, prepared, now }, { documentId, recipients }) {
    // A second send, or a new signature landing meanwhile, waits here; then one of them finds the draft moved on.
    const doc = await lockDocument(client, documentId);
    if (!doc) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
    if (doc.direction !== 'draft') throw sent(documentId);
    if (doc.signingState !== 'agency_signed') throw notSealed(documentId);
    const files = await attachmentHashes(client, documentId);
    if (files.join() !== prepared.files.join()) throw new CommandRefused('stale', `The files of document ${documentId} changed while it was being sent: send it again.`);
    const at = now.toISOString();
    const { selfId: senderId, edxmlDocumentId, promulgationDate, packageSha256 } = prepared;
    if (!(await exchange.queueDraftForSending(documentId, { edxmlDocumentId, promulgationDate, senderId, packageSha256 }, at))) throw sent(documentId);
    await exchange.insertRecipients(documentId, recipients, 'queued', at);
    await exchange.enqueueOutbox({ documentId, messageType: 'edoc', packageSha256, recipients, purpose: 'document' }, at);
    await appendAudit(client, { actor: account.username, action: 'document.send', subject: `document:${documentId}`, details: { documentId: edxmlDocumentId, recipients, package: packageSha256 } }, now);
    return { documentId, edxmlDocumentId, recipients };
  },
};
