/**
 * Agency mode's files on demand: open a hub document's file (fetched and checked first if it is
 * not on this computer) through the same links as any attachment, and keep a document's files
 * for offline use. docs/architecture.md, "Files on demand at the desk".
 */
import type { FilesOnDemand } from '../hub-link/files-on-demand.js';
import { attachmentLink } from './attachment-links.js';
import type { CoreContext, HandlerMap } from './handlers.js';

type HubFileMethod = 'hub.openAttachment' | 'hub.documentFiles' | 'hub.pinDocument';

export function hubFileHandlers(ctx: CoreContext, files: FilesOnDemand): HandlerMap<HubFileMethod> {
  return {
    'hub.openAttachment': async ({ documentId, sha256, purpose }) => attachmentLink(ctx, await files.open(documentId, sha256), purpose),
    'hub.documentFiles': ({ documentId }) => files.files(documentId),
    'hub.pinDocument': async ({ documentId, pinned }) => {
      const state = await files.setPinned(documentId, pinned);
      ctx.emit({ type: 'hub.files', documentId });
      return state;
    },
  };
}
