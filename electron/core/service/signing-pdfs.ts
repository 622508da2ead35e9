/** The PDFs a signing step works on, and each step's output stored as the PDF's next version. */
import { copyFile, rm, stat } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors.js';
import { sha256OfFile } from '../fs/file-hash.js';
import { refusalFor, type Modification } from '../signing/pdf/modification-guard.js';
import { listAttachments } from '../store/documents.js';
import type { CoreContext } from './handlers.js';

type Attachment = ReturnType<typeof listAttachments>[number];

export const isPdf = (attachment: { contentType: string; name: string }) => attachment.contentType === 'application/pdf' || attachment.name.toLowerCase().endsWith('.pdf');

/** The main PDF: the first attachment that is a PDF. */
export function mainPdf(ctx: CoreContext, id: number): Attachment {
  const pdf = listAttachments(ctx.db, id).find(isPdf);
  if (!pdf) throw new ApiError('invalid_input', 'Attach the document as a PDF before submitting it for signing.', { attachments: 'a PDF is required to sign' });
  return pdf;
}

/**
 * Refused before any PIN is asked: an encrypted PDF, or one whose certification forbids what
 * this step writes into the main PDF (`main`) or the agency's signature on the other PDFs.
 */
export async function refuseUnsignable(ctx: CoreContext, id: number, main: readonly Modification[]): Promise<void> {
  const mainId = mainPdf(ctx, id).id;
  for (const attachment of listAttachments(ctx.db, id).filter(isPdf)) {
    const refusal = await refusalFor(ctx.blobs.pathOf(attachment.sha256), attachment.id === mainId ? main : ['sign']);
    if (refusal) throw new ApiError('conflict', `${attachment.name}: ${refusal.message}`, { pdf: refusal.code, file: attachment.name });
  }
}

export type PdfVersion = Awaited<ReturnType<typeof newPdfVersion>>;

/** Runs `change` on a copy of the PDF's latest version and stores the result as a blob (its row is the caller's). */
export async function newPdfVersion(ctx: CoreContext, pdf: Pick<Attachment, 'id' | 'sha256'>, change: (file: string) => Promise<void>) {
  const file = ctx.blobs.tempPath('.pdf');
  try {
    await copyFile(ctx.blobs.pathOf(pdf.sha256), file);
    await change(file);
    const sha256 = await sha256OfFile(file);
    const blob = await ctx.blobs.adoptFile(file, { sha256, size: (await stat(file)).size });
    return { attachmentId: pdf.id, previous: pdf.sha256, blob };
  } finally {
    await rm(file, { force: true });
  }
}
