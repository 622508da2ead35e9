/**
 * The last signing step (docs/formats.md#decree-30): the number from the outgoing register, the
 * number and date filled into their fields, and the agency's signature with its seal on the main
 * PDF, then on each other PDF (top right of page 1, text only).
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import { formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { isoVietnamTime, vietnamDate } from '../../../shared/text/vietnam-time.js';
import { fillTextFields } from '../signing/pdf/text-fields.js';
import { issueFieldValues, type IssueValues } from '../signing/placement/field-values.js';
import { AGENCY_FIELD, DATE_FIELD, NUMBER_FIELD } from '../signing/placement/placement.js';
import { planStamp, stampWidget } from '../signing/placement/stamp.js';
import { agencyLines, POINTS_PER_MM, textAppearance } from '../signing/visible-signature.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { moveSigningState } from '../store/document-transitions.js';
import { addAttachmentVersion, getDocumentRow, listAttachments, type DocumentRow } from '../store/documents.js';
import { enterInRegister } from '../store/registers.js';
import { requireCertificateKind } from './certificate-kinds.js';
import type { CoreContext } from './handlers.js';
import { requireRegister } from './register-handlers.js';
import { requireDriver } from './signing-driver.js';
import { attachmentSignaturePlace } from './signing-geometry.js';
import { sealDiameterMm } from './signing-images.js';
import { isPdf, mainPdf, newPdfVersion, refuseUnsignable, type PdfVersion } from './signing-pdfs.js';
import { signingFonts } from './signing-placement.js';
import { changedDocument, draftAt, signingImage } from './signing-steps.js';
import { signerOf, usableCertificate } from './token-certificates.js';
import { signWithToken, type TokenInput } from './token-signature.js';
import type { TokenCertificate } from '../signing/pkcs11/token-service.js';

type AgencySignatureInput = ApiParsedInput<'documents.numberAndSignAsAgency'>;

export async function numberAndSignAsAgency(ctx: CoreContext, input: AgencySignatureInput) {
  const draft = draftAt(ctx, input.id, ['leader_signed', 'numbered']);
  await refuseUnsignable(ctx, input.id, ['fill_fields', 'sign']);
  const book = requireRegister(ctx.db, 'out', input.register);
  const module = requireDriver(ctx);
  const now = new Date();
  const certificate = await usableCertificate(ctx, module, input.slot, input.certificateId, now);
  requireCertificateKind(ctx.db, certificate, 'organization');
  // The number is taken and recorded in one transaction; a failed signature keeps it (no gap).
  const numbered = draft.signing_state === 'numbered' ? draft : takeNumber(ctx, input.id, book, now);
  const numberText = numbered.code_notation ? `${numbered.code_number}/${numbered.code_notation}` : (numbered.code_number ?? '');
  const { regular: font } = await signingFonts();
  const main = mainPdf(ctx, input.id);
  const signature = { module, certificate, fieldName: AGENCY_FIELD, reason: 'Phát hành', at: now };
  let filled: Record<string, string> = {};
  const values = { number: numbered.code_number ?? '', notation: numbered.code_notation ?? '', date: numbered.promulgation_date ?? vietnamDate(now), place: numbered.place };
  const version = await newPdfVersion(ctx, main, async (file) => {
    filled = await sealMainPdf(ctx, file, values, { input, module, certificate, at: now });
  });
  const attachmentAppearance = textAppearance([numberText, isoVietnamTime(now)], font);
  const attachmentVersions: PdfVersion[] = [];
  for (const attachment of listAttachments(ctx.db, input.id).filter((candidate) => candidate.id !== main.id && isPdf(candidate))) {
    attachmentVersions.push(
      await newPdfVersion(ctx, attachment, async (file) => {
        await signWithToken(ctx, file, input, { ...signature, place: await attachmentSignaturePlace(file), appearance: attachmentAppearance });
      }),
    );
  }
  writeTransaction(ctx.db, () => {
    const at = now.toISOString();
    if (!moveSigningState(ctx.db, input.id, 'numbered', 'agency_signed', at)) throw new ApiError('conflict', `Document ${input.id} was signed meanwhile.`);
    addAttachmentVersion(ctx.db, version.attachmentId, version.blob, 'agency', at);
    for (const signed of attachmentVersions) addAttachmentVersion(ctx.db, signed.attachmentId, signed.blob, 'agency', at);
    appendAudit(ctx.db, { actor: ctx.actor, action: 'document.fields.fill', subject: `document:${input.id}`, details: { number: filled[NUMBER_FIELD], date: filled[DATE_FIELD] } }, now);
    appendAudit(ctx.db, { actor: ctx.actor, action: 'document.sign.agency', subject: `document:${input.id}`, details: { ...signerOf(certificate), pdf: version.blob.sha256, attachments: attachmentVersions.map((signed) => signed.blob.sha256) } }, now);
  });
  return changedDocument(ctx, input.id);
}

/**
 * The number and date filled into their fields, then the agency's signature with its seal placed
 * by the stamp rules (docs/formats.md#signature-layout), on the main PDF `file` in place; returns
 * what the fields were filled with. Also the clerk's seal of a hub draft at her desk (hub-sealing.ts).
 */
export async function sealMainPdf(ctx: CoreContext, file: string, values: IssueValues, signer: { input: TokenInput; module: string; certificate: TokenCertificate; at: Date }): Promise<Record<string, string>> {
  const { regular: font, italic, measure } = await signingFonts();
  const sealSize = sealDiameterMm(ctx.db) * POINTS_PER_MM;
  const sealImage = await signingImage(ctx, 'seal');
  const lines = agencyLines(signer.certificate.holder, signer.at);
  const filled = await issueFieldValues(file, values, measure);
  await fillTextFields(file, filled, { regular: font, italic });
  const stamp = stampWidget(await planStamp(file, { sealSize, lines, measure }), sealImage, lines, font);
  await signWithToken(ctx, file, signer.input, { module: signer.module, certificate: signer.certificate, fieldName: AGENCY_FIELD, reason: 'Phát hành', at: signer.at, place: stamp, appearance: stamp.appearance });
  return filled;
}

/** The next number of `book`, entered in it and written on the draft, in one transaction. */
function takeNumber(ctx: CoreContext, id: number, book: ReturnType<typeof requireRegister>, now: Date): DocumentRow {
  return writeTransaction(ctx.db, () => {
    const at = now.toISOString();
    const number = formatDocumentNumber(enterInRegister(ctx.db, id, book, now));
    if (!moveSigningState(ctx.db, id, 'leader_signed', 'numbered', at, { codeNumber: number, promulgationDate: vietnamDate(now) })) throw new ApiError('conflict', `Document ${id} was numbered meanwhile.`);
    appendAudit(ctx.db, { actor: ctx.actor, action: 'document.number', subject: `document:${id}`, details: { register: book.code, number } }, now);
    return getDocumentRow(ctx.db, id)!;
  });
}
