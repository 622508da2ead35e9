/**
 * How the page may read an attachment (docs/architecture.md, "Files and what the app shows"):
 * by link, with the type and disposition decided here from the file's first bytes. A PDF or a
 * raster image may be shown inside the app, served as what its bytes are; everything else, and
 * anything with an executable name, is served as application/octet-stream to save, never to open,
 * whatever type and name the sender gave it.
 */
import type { AttachmentInfo } from '../../../shared/api/documents.js';
import type { AttachmentLink } from '../../../shared/api/file-links.js';
import { isExecutableName, sniffViewable, SNIFF_BYTES, VIEWABLE_CONTENT_TYPES } from '../../../shared/domain/attachment-safety.js';
import { readHead } from '../fs/read-head.js';
import type { CoreContext } from './handlers.js';

export async function attachmentLink(ctx: CoreContext, attachment: AttachmentInfo, purpose: 'view' | 'save'): Promise<AttachmentLink> {
  const path = ctx.blobs.pathOf(attachment.sha256);
  const executable = isExecutableName(attachment.name);
  const kind = purpose === 'view' && !executable ? sniffViewable(await readHead(path, SNIFF_BYTES)) : null;
  const link = ctx.files.offer(
    {
      path,
      size: attachment.size,
      fileName: attachment.name,
      contentType: kind ? VIEWABLE_CONTENT_TYPES[kind] : 'application/octet-stream',
      disposition: kind ? 'inline' : 'attachment',
    },
    { sha256: attachment.sha256 },
  );
  return { ...link, view: kind === null ? 'download' : kind === 'pdf' ? 'pdf' : 'image', executable };
}
