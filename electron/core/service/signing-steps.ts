/**
 * The first signing steps (docs/formats.md#decree-30): trình ký places the empty number and date
 * fields and the leader's empty signature field on the main PDF where the document's layout says
 * (signing-placement.ts); then the leader signs. Each step is an incremental update of the
 * previous version; the row moves on only if nobody moved it meanwhile.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiOutputs, ApiParsedInput } from '../../../shared/api/contract.js';
import type { SigningImageKind } from '../../../shared/api/signing.js';
import { FieldExistsError } from '../signing/pdf/form-fields.js';
import { LEADER_FIELD, placeIssueFields } from '../signing/placement/placement.js';
import { leaderAppearance, POINTS_PER_MM } from '../signing/visible-signature.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { moveSigningState } from '../store/document-transitions.js';
import { addAttachmentVersion, getDocumentRow, type DocumentRow } from '../store/documents.js';
import { requireCertificateKind } from './certificate-kinds.js';
import { refuseDemo, requireDocument } from './document-handlers.js';
import type { CoreContext } from './handlers.js';
import { requireDriver } from './signing-driver.js';
import { legacyLeaderPlace } from './signing-geometry.js';
import { certificateSha256Of, effectiveImage, sealDiameterMm } from './signing-images.js';
import { mainPdf, newPdfVersion, refuseUnsignable } from './signing-pdfs.js';
import { placementPreview, proposeFor, rememberClerkBoxes, requireComplete } from './signing-placement.js';
import { signerOf, usableCertificate } from './token-certificates.js';
import { signWithToken } from './token-signature.js';

/** The draft, refused unless it is at one of `states`. */
export function draftAt(ctx: CoreContext, id: number, states: DocumentRow['signing_state'][]): DocumentRow {
  const row = getDocumentRow(ctx.db, id);
  if (!row) throw new ApiError('not_found', `Document ${id} does not exist.`);
  if (row.direction !== 'draft' || !states.includes(row.signing_state)) {
    throw new ApiError('conflict', `Document ${id} is not at this signing step (it is ${row.direction}, ${row.signing_state}).`);
  }
  refuseDemo(row);
  return row;
}

export async function signingImage(ctx: CoreContext, kind: SigningImageKind, certificateSha256?: string): Promise<Buffer> {
  const { png } = await effectiveImage(ctx, kind, certificateSha256);
  return Buffer.from(png.buffer, png.byteOffset, png.length);
}

export function changedDocument(ctx: CoreContext, id: number): ApiOutputs['documents.signAsLeader'] {
  ctx.emit({ type: 'documents.changed', ids: [id] });
  return requireDocument(ctx, id);
}

export async function submitForSigning(ctx: CoreContext, { id, placement: clerk }: ApiParsedInput<'documents.submitForSigning'>) {
  const row = draftAt(ctx, id, ['none']);
  await refuseUnsignable(ctx, id, ['add_fields', 'sign', 'fill_fields']);
  const main = mainPdf(ctx, id);
  const { placement, template } = await proposeFor(ctx.db, row, ctx.blobs.pathOf(main.sha256), clerk);
  requireComplete(placement);
  const version = await newPdfVersion(ctx, main, (file) =>
    placeIssueFields(file, placement).catch((error: unknown) => {
      // A PDF issued before (by this app or another) already has these fields: it is no draft.
      if (error instanceof FieldExistsError) throw new ApiError('invalid_input', `${error.message} Attach the draft, not an issued PDF.`, { attachments: error.message });
      throw error;
    }),
  );
  const now = new Date();
  writeTransaction(ctx.db, () => {
    const at = now.toISOString();
    if (!moveSigningState(ctx.db, id, 'none', 'awaiting_leader', at, { leaderComment: null })) throw new ApiError('conflict', `Document ${id} was submitted meanwhile.`);
    addAttachmentVersion(ctx.db, version.attachmentId, version.blob, 'fields', at);
    rememberClerkBoxes(ctx.db, template, placement, at);
    const sources = Object.fromEntries(Object.entries(placement.boxes).map(([kind, { source }]) => [kind, source]));
    appendAudit(ctx.db, { actor: ctx.actor, action: 'document.sign.submit', subject: `document:${id}`, details: { attachment: version.attachmentId, previous: version.previous, pdf: version.blob.sha256, placement: sources } }, now);
  });
  return changedDocument(ctx, id);
}

export async function signingPlacement(ctx: CoreContext, { id, leader }: ApiParsedInput<'documents.signingPlacement'>) {
  const row = getDocumentRow(ctx.db, id);
  if (!row || row.direction !== 'draft') throw new ApiError('not_found', `Draft ${id} does not exist.`);
  // A PDF that cannot be signed is said before the clerk places anything (the preview shows the reason).
  if (row.signing_state === 'none') await refuseUnsignable(ctx, id, ['add_fields', 'sign', 'fill_fields']);
  const connection = ctx.connection();
  return placementPreview(ctx.db, row, ctx.blobs.pathOf(mainPdf(ctx, id).sha256), {
    ...(leader ? { leader } : {}),
    signatureImage: await signingImage(ctx, 'signature'),
    sealSize: sealDiameterMm(ctx.db) * POINTS_PER_MM,
    agencyName: connection?.agencyName ?? connection?.agencyCode ?? '',
  });
}

export async function signAsLeader(ctx: CoreContext, input: ApiParsedInput<'documents.signAsLeader'>) {
  const draft = draftAt(ctx, input.id, ['awaiting_leader']);
  await refuseUnsignable(ctx, input.id, ['sign', 'fill_fields']);
  const module = requireDriver(ctx);
  const now = new Date();
  const certificate = await usableCertificate(ctx, module, input.slot, input.certificateId, now);
  requireCertificateKind(ctx.db, certificate, 'person');
  // The signer certificate's own image first: several leaders may share this computer.
  const appearance = leaderAppearance(await signingImage(ctx, 'signature', certificateSha256Of(certificate.der)));
  const version = await newPdfVersion(ctx, mainPdf(ctx, input.id), async (file) =>
    signWithToken(ctx, file, input, { module, certificate, fieldName: LEADER_FIELD, place: await legacyLeaderPlace(ctx, draft, file), reason: 'Phê duyệt', at: now, appearance }),
  );
  writeTransaction(ctx.db, () => {
    const at = now.toISOString();
    if (!moveSigningState(ctx.db, input.id, 'awaiting_leader', 'leader_signed', at)) throw new ApiError('conflict', `Document ${input.id} was signed meanwhile.`);
    addAttachmentVersion(ctx.db, version.attachmentId, version.blob, 'leader', at);
    appendAudit(ctx.db, { actor: ctx.actor, action: 'document.sign.leader', subject: `document:${input.id}`, details: { ...signerOf(certificate), pdf: version.blob.sha256 } }, now);
  });
  return changedDocument(ctx, input.id);
}
