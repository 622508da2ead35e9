/**
 * Mailboxes, search, drafts and attachments.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { searchDocuments } from '../store/document-search.js';
import { addAttachment, createDraft, getAttachment, getDocument, listDocuments, updateDraft } from '../store/documents.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { sanitizeAttachmentName } from '../../../shared/edxml/attachment-name.js';
import { attachmentLink } from './attachment-links.js';

export function requireDocument(ctx: CoreContext, id: number) {
  const document = getDocument(ctx.db, id);
  if (!document) throw new ApiError('not_found', `Document ${id} does not exist.`);
  return document;
}

export function documentHandlers(ctx: CoreContext): HandlerMap<'documents.list' | 'documents.search' | 'drafts.create' | 'drafts.update' | 'documents.get' | 'attachments.add' | 'attachments.open'> {
  return {
    'documents.list': ({ box, limit, offset }) => listDocuments(ctx.db, box, limit, offset),

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

    'documents.get': ({ id }) => requireDocument(ctx, id),

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
