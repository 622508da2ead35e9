/**
 * The clerk's exchange actions. Each builds its package file first, then writes the document's
 * change, the outbox row and the audit row in one transaction, then asks the sync process to
 * send now; if the axis is away, the outbox keeps the package until it is back.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { canRespond, RESPONSE_STATE } from '../../../shared/domain/handling-status.js';
import { BUSINESS_DOC_TYPE, STATUS_CODE } from '../../../shared/edxml/codes.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { getDocumentRow, listAttachments, metadataOf, type DocumentRow } from '../store/documents.js';
import { readValue } from '../store/key-value.js';
import { enqueueOutbox, getOutboxItem, listOutbox, setOutboxState } from '../store/outbox.js';
import { getQuarantined, listQuarantine, setQuarantineState } from '../store/quarantine.js';
import { enterInRegister } from '../store/registers.js';
import { getRequest, removeRequest } from '../store/requests.js';
import { insertRecipients, recordStatusEvent } from '../store/status-events.js';
import { documentPackage, outgoingDocumentId, statusPackage, type BusinessIntent } from '../exchange/package-contents.js';
import { storeDocumentPackage, storeStatusPackage } from '../exchange/package-files.js';
import { applyUpdate } from '../exchange/apply-update.js';
import { requireDocument } from './document-handlers.js';
import { requireRegister } from './register-handlers.js';
import type { CoreContext, HandlerMap } from './handlers.js';

/** Setting: wrap attachments in a zip before base64, for receivers that expect VNPT's form. */
export const ZIP_ATTACHMENTS_SETTING = 'exchange.zipAttachments';


type ExchangeMethods =
  | 'documents.send'
  | 'documents.respond'
  | 'documents.takeBack'
  | 'documents.revoke'
  | 'documents.replace'
  | 'documents.update'
  | 'documents.answerRequest'
  | 'outbox.list'
  | 'outbox.retry'
  | 'quarantine.list'
  | 'quarantine.retry'
  | 'quarantine.ignore';

export function exchangeHandlers(ctx: CoreContext): HandlerMap<ExchangeMethods> {
  const { db } = ctx;

  function selfId(): string {
    const connection = ctx.connection();
    if (!connection) throw new ApiError('not_configured', 'Choose demo or connect to an axis first.');
    return connection.agencyCode;
  }

  function row(id: number, direction: DocumentRow['direction']): DocumentRow {
    const found = getDocumentRow(db, id);
    if (!found) throw new ApiError('not_found', `Document ${id} does not exist.`);
    if (found.direction !== direction) throw new ApiError('conflict', `Document ${id} is not ${direction === 'draft' ? 'a draft' : `an ${direction} document`}.`);
    return found;
  }

  function done(id: number) {
    ctx.emit({ type: 'documents.changed', ids: [id] });
    ctx.kickSync();
    return requireDocument(ctx, id);
  }

  /** Checks what the header needs before a draft can leave (SPEC §3 minimal header). */
  function checkSendable(draft: DocumentRow, attachmentCount: number): void {
    const fields: Record<string, string> = {};
    if (!draft.code_number) fields.codeNumber = 'the number (Số) is required to send';
    if (!draft.code_notation) fields.codeNotation = 'the notation (Ký hiệu) is required to send';
    if (!draft.type_name) fields.typeName = 'the document type is required to send';
    if (!draft.signer_name) fields.signerFullName = 'the signer is required to send';
    if (attachmentCount === 0) fields.attachments = 'attach the document file (PDF) before sending';
    if (Object.keys(fields).length > 0) throw new ApiError('invalid_input', 'The draft is not ready to send.', fields);
  }

  /** Builds and stores a document package for `doc`, as it would be issued today. */
  async function documentPackageFor(doc: DocumentRow, recipients: string[], promulgationDate: string, documentId: string, intent?: BusinessIntent) {
    const attachments = listAttachments(db, doc.id);
    const pkg = documentPackage(db, doc, documentId, promulgationDate, attachments, recipients, selfId(), new Date(), intent);
    return storeDocumentPackage(ctx.blobs, pkg, attachments, readValue<boolean>(db, 'settings', ZIP_ATTACHMENTS_SETTING) ?? false);
  }

  async function statusFor(doc: DocumentRow, addressee: string, code: string, description: string): Promise<string> {
    return storeStatusPackage(ctx.blobs, statusPackage(db, doc, addressee, selfId(), code, description, ctx.actor, new Date()));
  }

  function queueStatus(doc: DocumentRow, addressee: string, code: string, description: string, sha: string, at: string): void {
    enqueueOutbox(db, { documentId: doc.id, messageType: 'status', packageSha256: sha, recipients: [addressee], purpose: `status:${code}` }, at);
    recordStatusEvent(db, { documentId: doc.id, agencyId: addressee, direction: 'out', statusCode: code, description: description || null, staff: ctx.actor, occurredAt: at, axisDocId: null });
  }

  function recipientsOf(doc: DocumentRow): string[] {
    return (db.prepare('SELECT recipient_id FROM recipient_statuses WHERE document_id = ? ORDER BY recipient_id').all(doc.id) as { recipient_id: string }[]).map((r) => r.recipient_id);
  }

  /** Sends `draft` as a new outgoing document (or as the replacement of an earlier one). */
  async function sendDraft(draft: DocumentRow, recipients: string[], intent?: BusinessIntent): Promise<void> {
    const self = selfId();
    if (recipients.includes(self)) throw new ApiError('invalid_input', 'An agency does not send documents to itself.', { recipients: 'remove this agency from the recipients' });
    if (draft.signing_state !== 'none' && draft.signing_state !== 'agency_signed') {
      throw new ApiError('conflict', `Document ${draft.id} is being signed (${draft.signing_state}): finish the signatures before sending it.`);
    }
    checkSendable(draft, listAttachments(db, draft.id).length);
    const now = new Date();
    // A signed document was issued on the date filled in when the agency signed it.
    const promulgationDate = draft.promulgation_date ?? vietnamDate(now);
    const documentId = outgoingDocumentId(self, promulgationDate, draft);
    const clash = db.prepare("SELECT id FROM documents WHERE direction = 'outgoing' AND edxml_document_id = ?").get(documentId) as { id: number } | undefined;
    if (clash) throw new ApiError('conflict', `Document ${documentId} was already sent (document ${clash.id}): give this draft its own number.`, { codeNumber: 'this number was already used today' });
    const sha = await documentPackageFor(draft, recipients, promulgationDate, documentId, intent);
    writeTransaction(db, () => {
      const at = now.toISOString();
      const changed = db
        .prepare(
          `UPDATE documents SET direction = 'outgoing', state = 'queued', edxml_document_id = ?, promulgation_date = ?, sender_id = ?,
             package_sha256 = ?, updated_at = ? WHERE id = ? AND direction = 'draft'`,
        )
        .run(documentId, promulgationDate, self, sha, at, draft.id).changes;
      if (changed !== 1) throw new ApiError('conflict', `Document ${draft.id} was sent meanwhile.`);
      insertRecipients(db, draft.id, recipients, 'queued', at);
      enqueueOutbox(db, { documentId: draft.id, messageType: 'edoc', packageSha256: sha, recipients, purpose: 'document' }, at);
      appendAudit(db, { actor: ctx.actor, action: 'document.send', subject: `document:${draft.id}`, details: { documentId, recipients, package: sha, business: intent?.docType ?? 0 } }, now);
    });
  }

  return {
    'documents.send': async ({ id, recipients }) => {
      await sendDraft(row(id, 'draft'), [...new Set(recipients)]);
      return done(id);
    },

    'documents.respond': async ({ id, status, description, register }) => {
      const doc = row(id, 'incoming');
      if (!canRespond(doc.state, status)) throw new ApiError('conflict', `Status ${status} cannot follow “${doc.state}”: handling statuses only move forward.`);
      const book = status === STATUS_CODE.accepted ? requireRegister(db, 'in', register) : null;
      const sha = await statusFor(doc, doc.sender_id ?? '', status, description);
      const now = new Date();
      writeTransaction(db, () => {
        const at = now.toISOString();
        const current = getDocumentRow(db, id)!;
        if (!canRespond(current.state, status)) throw new ApiError('conflict', `Document ${id} changed meanwhile.`);
        const arrival = book ? enterInRegister(db, id, book, now) : current.arrival_number;
        db.prepare('UPDATE documents SET state = ?, arrival_number = ?, updated_at = ? WHERE id = ?').run(RESPONSE_STATE[status], arrival, at, id);
        queueStatus(current, current.sender_id ?? '', status, description, sha, at);
        appendAudit(db, { actor: ctx.actor, action: `document.status.${status}`, subject: `document:${id}`, details: { description, arrivalNumber: arrival, ...(book && { register: book.code }) } }, now);
      });
      return done(id);
    },

    'documents.takeBack': async ({ id, reason, recipients }) => {
      const doc = row(id, 'outgoing');
      const targets = recipients?.length ? recipients : recipientsOf(doc);
      const unknown = targets.filter((r) => !recipientsOf(doc).includes(r));
      if (unknown.length) throw new ApiError('invalid_input', `Not a recipient of this document: ${unknown.join(', ')}`, { recipients: 'choose among the recipients' });
      const packages = await Promise.all(targets.map(async (recipient) => [recipient, await statusFor(doc, recipient, STATUS_CODE.takeBack, reason)] as const));
      const now = new Date();
      writeTransaction(db, () => {
        const at = now.toISOString();
        for (const [recipient, sha] of packages) {
          queueStatus(doc, recipient, STATUS_CODE.takeBack, reason, sha, at);
          db.prepare("UPDATE recipient_statuses SET state = 'takeback_requested', updated_at = ? WHERE document_id = ? AND recipient_id = ?").run(at, id, recipient);
        }
        appendAudit(db, { actor: ctx.actor, action: 'document.takeback', subject: `document:${id}`, details: { reason, recipients: targets } }, now);
      });
      return done(id);
    },

    'documents.revoke': async ({ id, reason }) => {
      const doc = row(id, 'outgoing');
      if (doc.revoked_at) throw new ApiError('conflict', `Document ${id} was already revoked.`);
      const recipients = recipientsOf(doc);
      const intent = { docType: BUSINESS_DOC_TYPE.revoke, reason, documentId: doc.edxml_document_id ?? '' };
      const sha = await documentPackageFor(doc, recipients, doc.promulgation_date ?? vietnamDate(new Date()), doc.edxml_document_id ?? '', intent);
      const now = new Date();
      writeTransaction(db, () => {
        const at = now.toISOString();
        enqueueOutbox(db, { documentId: id, messageType: 'edoc', packageSha256: sha, recipients, purpose: 'revoke' }, at);
        // The issuing agency's own copy is revoked now; each recipient's agreement is tracked on its row.
        db.prepare("UPDATE documents SET state = 'revoked', revoked_at = ?, revoke_reason = ?, updated_at = ? WHERE id = ?").run(at, reason, at, id);
        for (const recipient of recipients) {
          db.prepare("UPDATE recipient_statuses SET state = 'takeback_requested', updated_at = ? WHERE document_id = ? AND recipient_id = ?").run(at, id, recipient);
        }
        appendAudit(db, { actor: ctx.actor, action: 'document.revoke', subject: `document:${id}`, details: { reason } }, now);
      });
      return done(id);
    },

    'documents.replace': async ({ id, replacementDraftId, reason }) => {
      const doc = row(id, 'outgoing');
      const replacement = row(replacementDraftId, 'draft');
      await sendDraft(replacement, recipientsOf(doc), { docType: BUSINESS_DOC_TYPE.replace, reason, documentId: doc.edxml_document_id ?? '' });
      writeTransaction(db, () => {
        const at = new Date().toISOString();
        db.prepare('UPDATE documents SET replaces_id = ?, updated_at = ? WHERE id = ?').run(id, at, replacementDraftId);
        db.prepare("UPDATE recipient_statuses SET state = 'takeback_requested', updated_at = ? WHERE document_id = ?").run(at, id);
        appendAudit(db, { actor: ctx.actor, action: 'document.replace', subject: `document:${id}`, details: { reason, replacement: replacementDraftId } });
      });
      ctx.emit({ type: 'documents.changed', ids: [id, replacementDraftId] });
      return done(replacementDraftId);
    },

    'documents.update': async ({ id, reason, fields }) => {
      const doc = row(id, 'outgoing');
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
      const recipients = recipientsOf(doc);
      const intent = { docType: BUSINESS_DOC_TYPE.update, reason, documentId: doc.edxml_document_id ?? '' };
      const sha = await documentPackageFor(updated, recipients, doc.promulgation_date ?? vietnamDate(now), doc.edxml_document_id ?? '', intent);
      writeTransaction(db, () => {
        db.prepare('INSERT INTO document_revisions (document_id, revised_at, reason, previous) VALUES (?, ?, ?, ?)').run(
          id,
          at,
          reason,
          JSON.stringify({ metadata: metadataOf(doc), attachments: listAttachments(db, id) }),
        );
        db.prepare(
          `UPDATE documents SET subject = ?, summary = ?, type_name = ?, signer_name = ?, signer_position = ?, signer_competence = ?, place = ?,
             due_date = ?, priority = ?, updated_at = ? WHERE id = ?`,
        ).run(updated.subject, updated.summary, updated.type_name, updated.signer_name, updated.signer_position, updated.signer_competence, updated.place, updated.due_date, updated.priority, at, id);
        enqueueOutbox(db, { documentId: id, messageType: 'edoc', packageSha256: sha, recipients, purpose: 'update' }, at);
        appendAudit(db, { actor: ctx.actor, action: 'document.update', subject: `document:${id}`, details: { reason, fields: Object.keys(fields) } }, now);
      });
      return done(id);
    },

    'documents.answerRequest': async ({ id, agree, reason }) => {
      const doc = row(id, 'incoming');
      const request = getRequest(db, id);
      if (!request) throw new ApiError('conflict', `Document ${id} has no request waiting for an answer.`);
      const code = agree ? STATUS_CODE.changeAgreed : STATUS_CODE.changeRefused;
      const sha = await statusFor(doc, request.requester_id, code, reason);
      const now = new Date();
      writeTransaction(db, () => {
        const at = now.toISOString();
        if (agree && request.kind === 'update') applyUpdate(db, doc, request, at);
        else if (agree) {
          const why = request.kind === 'replace' ? `Thay thế bởi văn bản khác: ${request.reason}` : request.reason;
          db.prepare("UPDATE documents SET state = 'revoked', revoked_at = ?, revoke_reason = ?, updated_at = ? WHERE id = ?").run(at, why, at, id);
        }
        removeRequest(db, id);
        queueStatus(doc, request.requester_id, code, reason, sha, at);
        appendAudit(db, { actor: ctx.actor, action: `request.${agree ? 'agree' : 'refuse'}`, subject: `document:${id}`, details: { kind: request.kind, reason } }, now);
      });
      // The update brought new files: the stored verdict was about the ones it replaced.
      if (agree && request.kind === 'update') ctx.verifier.schedule([id]);
      return done(id);
    },

    'outbox.list': ({ limit, offset }) => listOutbox(db, limit, offset),

    'outbox.retry': ({ id }) => {
      const item = getOutboxItem(db, id);
      if (!item) throw new ApiError('not_found', `Outbox entry ${id} does not exist.`);
      if (item.state !== 'failed') throw new ApiError('conflict', 'Only a failed package can be retried; the others are retried by themselves.');
      writeTransaction(db, () => {
        setOutboxState(db, id, { state: 'queued', retryStep: 0 }, new Date().toISOString());
        appendAudit(db, { actor: ctx.actor, action: 'outbox.retry', subject: `outbox:${id}` });
      });
      ctx.kickSync();
      return getOutboxItem(db, id)!;
    },

    'quarantine.list': () => listQuarantine(db),

    'quarantine.retry': ({ id }) => changeQuarantine(id, 'retrying'),
    'quarantine.ignore': ({ id }) => changeQuarantine(id, 'ignored'),
  };

  function changeQuarantine(id: number, state: 'retrying' | 'ignored') {
    const item = getQuarantined(db, id);
    if (!item) throw new ApiError('not_found', `Quarantine entry ${id} does not exist.`);
    writeTransaction(db, () => {
      setQuarantineState(db, id, state, new Date().toISOString());
      appendAudit(db, { actor: ctx.actor, action: `quarantine.${state === 'retrying' ? 'retry' : 'ignore'}`, subject: `axis:${item.axisDocId}`, details: { reason: item.reason } });
    });
    ctx.emit({ type: 'quarantine.changed' });
    if (state === 'retrying') ctx.kickSync();
    const { packageSha256: _sha, ...rest } = getQuarantined(db, id)!;
    return rest;
  }
}
