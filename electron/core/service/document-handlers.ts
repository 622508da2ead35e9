/**
 * Mailboxes, search, drafts and attachments.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { searchDocuments } from '../store/document-search.js';
import { addAttachment, createDraft, getAttachment, getDocument, updateDraft, type DocumentRow } from '../store/documents.js';
import { documentSource } from './document-source.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { sanitizeAttachmentName } from '../../../shared/edxml/attachment-name.js';
import { attachmentLink } from './attachment-links.js';

export function requireDocument(ctx: CoreContext, id: number) {
  const document = getDocument(ctx.db, id);
  if (!document) throw new ApiError('not_found', `Document ${id} does not exist.`);
  return document;
}

/** A demo document kept after the switch to a real axis is read-only: nothing about it may reach the real axis. */
export function refuseDemo(row: Pick<DocumentRow, 'id' | 'demo'>): void {
  if (row.demo === 1) throw new ApiError('conflict', `Document ${row.id} was made in demo mode: it is kept to be read, and cannot be changed or sent.`, { demo: 'read-only' });
}

export function documentHandlers(ctx: CoreContext): HandlerMap<'documents.list' | 'documents.search' | 'drafts.create' | 'drafts.update' | 'documents.get' | 'attachments.add' | 'attachments.open'> {
  return {
    'documents.list': ({ box, tab, limit, offset }) => documentSource(ctx.db).list(box, limit, offset, tab ? { tab, today: vietnamDate(new Date()) } : undefined),

    'documents.search': (input) => searchDocuments(ctx.db, input),

    'drafts.create': (input) => {
      const id = createDraft(ctx.db, input, ctx.actor);
      ctx.emit({ type: 'documents.changed', ids: [id] });
      return requireDocument(ctx, id);
    },

    'drafts.update': ({ id, fields }) => {
      requireDocument(ctx, id);
      if (!updateDraft(ctx.db, id, fields, ctx.actor)) throw new ApiError('conflict', `Document ${id} is no longer a draft: it cannot be edited.`);
      ctx.emit({ type: 'documents.changed', ids: [id] });
      return requireDocument(ctx, id);
    },

    'documents.get': ({ id }) => {
      const document = documentSource(ctx.db).get(id);
      if (!document) throw new ApiError('not_found', `Document ${id} does not exist.`);
      return document;
    },

    'attachments.add': async ({ documentId, name, contentType, bytes }) => {
      requireDocument(ctx, documentId);
      const blob = await ctx.blobs.putBytes(bytes);
      // A name from the clerk's disk may carry bidi controls too: stored as it will be shown.
      const attachment = addAttachment(ctx.db, { documentId, name: sanitizeAttachmentName(name, 1, bytes.subarray(0, 8)), contentType, ...blob }, ctx.actor);
      if (!attachment) throw new ApiError('conflict', `Document ${documentId} is no longer a draft: attachments cannot be added.`);
      ctx.emit({ type: 'documents.changed', ids: [documentId] });
      return attachment;
    },

    'attachments.open': ({ attachmentId, purpose }) => {
      const info = getAttachment(ctx.db, attachmentId);
      if (!info) throw new ApiError('not_found', `Attachment ${attachmentId} does not exist.`);
      return attachmentLink(ctx, info, purpose);
    },
  };
}
