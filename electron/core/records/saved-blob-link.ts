/**
 * A link to save a stored record file (a certified copy, a handover package): served as an
 * attachment, never shown in the app, and checked against its SHA-256 in the background.
 */
import type { FileLink } from '../../../shared/api/file-links.js';
import type { RecordsContext } from './records-context.js';

export function savedBlobLink(ctx: Pick<RecordsContext, 'files' | 'blobs'>, blob: { sha256: string; size: number }, fileName: string, contentType: string): FileLink {
  return ctx.files.offer({ path: ctx.blobs.pathOf(blob.sha256), size: blob.size, fileName, contentType, disposition: 'attachment' }, { sha256: blob.sha256 });
}
