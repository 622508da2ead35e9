/**
 * Where the issuing steps draw on a draft's main PDF, for the signing handlers: the boxes found in
 * the document, remembered for its template or placed by the clerk (checked to lie on their
 * pages), the preview the viewer overlays, and the agency's stamp (docs/formats.md#signature-layout).
 */
import { readFile } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors.js';
import type { PageBox, SigningPlacement } from '../../../shared/api/signing.js';
import { displayVietnamTime } from '../../../shared/text/vietnam-time.js';
import { assetPath, ITALIC_FONT, SIGNATURE_FONT } from '../signing/assets.js';
import { pageCount } from '../signing/pdf/form-fields.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import type { FieldFonts } from '../signing/pdf/text-fields.js';
import type { Measure, SignerText } from '../signing/placement/find-boxes.js';
import { inkOfPng } from '../signing/placement/ink-box.js';
import { measureWith } from '../signing/placement/measure.js';
import {
  BOX_KINDS,
  BoxOffPageError,
  missingBoxes,
  placedFields,
  proposePlacement,
  requireOnPages,
  templateKey,
  toTemplate,
  type BoxKind,
  type Placement,
  type PlacedBox,
  type TemplateBoxes,
} from '../signing/placement/placement.js';
import { planStamp } from '../signing/placement/stamp.js';
import type { Db } from '../store/database.js';
import type { DocumentRow } from '../store/documents.js';
import { readPlacementTemplate, rememberPlacement } from '../store/placement-templates.js';

/** The faces fields and stamps are drawn in, and the metrics placement measures with: read once. */
let fonts: Promise<FieldFonts & { measure: Measure }> | null = null;
export function signingFonts(): Promise<FieldFonts & { measure: Measure }> {
  fonts ??= Promise.all([readFile(assetPath(SIGNATURE_FONT)), readFile(assetPath(ITALIC_FONT))]).then(([regular, italic]) => ({ regular, italic, measure: measureWith(regular) }));
  return fonts;
}

/** What placing the boxes reads of a draft: a local draft's row, or a hub document's header in the same names. */
export type PlacementSource = Pick<DocumentRow, 'signer_name' | 'signer_competence' | 'signer_position' | 'type_name'>;

/** The signer's block as the draft names it: the full name under the competence and position lines. */
export function signerText(row: PlacementSource): SignerText {
  return { name: row.signer_name ?? '', titles: [row.signer_competence, row.signer_position].map((title) => title.trim()).filter((title) => title.length > 0) };
}

/** The boxes for Trình ký: the clerk's first, then the document's, then the template's. */
export async function proposeFor(db: Db, row: PlacementSource, file: string, clerk: Partial<Record<BoxKind, PageBox>> = {}): Promise<{ placement: Placement; template: string }> {
  try {
    await requireOnPages(file, clerk);
  } catch (error) {
    if (error instanceof BoxOffPageError) throw new ApiError('invalid_input', error.message, { placement: error.what, [error.what]: error.message });
    throw error;
  }
  const { measure } = await signingFonts();
  let template = '';
  const placement = await proposePlacement(file, {
    signer: signerText(row),
    measure,
    clerk,
    template: (pages) => {
      template = templateKey(row.type_name, pages);
      return readPlacementTemplate<TemplateBoxes>(db, template);
    },
  }).catch((error: unknown) => {
    // A PDF that cannot be read (damaged, password-protected) cannot be signed either: say so now.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError('invalid_input', `The main PDF cannot be read to place the signing boxes: ${reason}`, { attachments: reason });
  });
  return { placement, template };
}

/** Refuses a submission whose boxes are not all known, naming the missing ones. */
export function requireComplete(placement: Placement): void {
  const missing = missingBoxes(placement);
  if (missing.length > 0) {
    throw new ApiError('invalid_input', `Place the ${missing.join(', ')} box${missing.length === 1 ? '' : 'es'} on the document first: the document's text does not say where they go.`, {
      placement: missing.join(','),
    });
  }
}

/** Keeps the clerk's boxes for the template, so the next document of its kind starts there. */
export function rememberClerkBoxes(db: Db, template: string, placement: Placement, at: string): void {
  const clerk = Object.fromEntries(BOX_KINDS.filter((kind) => placement.boxes[kind].source === 'clerk').map((kind) => [kind, placement.boxes[kind].box]));
  if (Object.keys(clerk).length > 0) rememberPlacement(db, template, toTemplate(clerk, placement.pageCount), at);
}

/**
 * What the viewer overlays before each step: the boxes (proposed, or the PDF's own fields once
 * placed) and the agency's stamp — against the image the leader would sign with until he has
 * signed, then against his signature in the PDF.
 */
export async function placementPreview(
  db: Db,
  row: DocumentRow,
  file: string,
  options: { leader?: PageBox; signatureImage: Buffer; sealSize: number; agencyName: string },
): Promise<SigningPlacement> {
  let boxes: SigningPlacement['boxes'];
  let pageCount: number;
  if (row.signing_state === 'none') {
    const { placement } = await proposeFor(db, row, file, options.leader ? { leader: options.leader } : {});
    boxes = placement.boxes;
    pageCount = placement.pageCount;
  } else {
    const placed = await placedFields(file);
    const proposed = BOX_KINDS.every((kind) => placed[kind]) ? null : (await proposeFor(db, row, file)).placement;
    boxes = Object.fromEntries(BOX_KINDS.map((kind) => [kind, placed[kind] ? { box: placed[kind], source: 'field' } : proposed!.boxes[kind]])) as SigningPlacement['boxes'];
    pageCount = proposed?.pageCount ?? (await pageCountOf(file));
  }
  if (row.signing_state === 'agency_signed') return { pageCount, boxes, stamp: null };
  const { measure } = await signingFonts();
  // The agency's certificate is chosen only when it signs: lines of the usual length stand in for its name and email.
  const lines = [options.agencyName, 'vanthu@coquan.gov.vn', displayVietnamTime(new Date())];
  const leaderSigned = row.signing_state === 'leader_signed' || row.signing_state === 'numbered';
  const leader: PlacedBox = boxes.leader.box;
  const planned = await planStamp(file, { sealSize: options.sealSize, lines, measure, ...(leaderSigned ? {} : { ink: { page: leader.page, ink: inkOfPng(options.signatureImage, leader) } }) });
  const onPage = (box: { x: number; y: number; width: number; height: number }): PageBox => ({ page: planned.page, ...box });
  return { pageCount, boxes, stamp: { seal: onPage(planned.layout.seal), text: onPage(planned.layout.text) } };
}

async function pageCountOf(file: string): Promise<number> {
  const reader = await PdfReader.open(file);
  try {
    return await pageCount(reader);
  } finally {
    await reader.close();
  }
}
