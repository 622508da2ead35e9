/**
 * What `npm run sign` does with the PDF before and besides the token: the issuing flow's steps
 * that need no token (placing the fields, filling number and date), and, for a signature, where it
 * goes — checked against the document (the box on its page, the field name free or an empty
 * signature field, the leader signed before the agency) so that every refusal comes before the
 * PIN is asked for. The steps are the app's own (signing/placement/), so a document issued from
 * the command line looks like one issued in the app.
 */
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '../../fs/sync-directory.js';
import { assetPath, ITALIC_FONT, SIGNATURE_FONT } from '../assets.js';
import type { SignatureAppearance } from '../pdf/appearance.js';
import { listFormFields, pageCount, type FormField } from '../pdf/form-fields.js';
import { readPageGeometry, viewBoxToRect, type Rect } from '../pdf/page-geometry.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import { fillTextFields } from '../pdf/text-fields.js';
import { issueFieldValues } from '../placement/field-values.js';
import { measureWith } from '../placement/measure.js';
import {
  BOX_KINDS,
  BoxOffPageError,
  DATE_FIELD,
  LEADER_FIELD,
  missingBoxes,
  NUMBER_FIELD,
  placeIssueFields,
  proposePlacement,
  requireOnPages,
  type BoxKind,
  type PlacedBox,
} from '../placement/placement.js';
import { planStamp, stampWidget } from '../placement/stamp.js';
import { POINTS_PER_MM } from '../visible-signature.js';
import { UsageError } from '../../process/usage-error.js';
import type { CliBox, CliCommand } from './args.js';

type FieldsCommand = Extract<CliCommand, { kind: 'fields' }>;
type NumberCommand = Extract<CliCommand, { kind: 'number' }>;
type SignCommand = Extract<CliCommand, { kind: 'sign' }>;

const OPTION: Record<BoxKind, string> = { number: '--number-rect', date: '--date-rect', leader: '--leader-rect' };

/** --step fields: the boxes from the text, or as given; what neither gives is refused with the option to give it. */
export async function placeFields(command: FieldsCommand): Promise<string> {
  const regular = await readFile(assetPath(SIGNATURE_FONT));
  const reader = await openPdf(command.input);
  let clerk: Partial<Record<BoxKind, PlacedBox & { given: CliBox }>>;
  try {
    await requireFree(reader, [NUMBER_FIELD, DATE_FIELD, LEADER_FIELD], 'the fields are placed already');
    const pages = await pageCount(reader);
    clerk = {};
    for (const kind of BOX_KINDS) {
      const box = command.boxes[kind];
      if (box) clerk[kind] = await fromLowerLeft(reader, kind === 'leader' ? (command.boxes.leader?.page ?? pages) : 1, box);
    }
  } finally {
    await reader.close();
  }
  await requireBoxesOnPages(command.input, clerk);
  const placement = await proposePlacement(command.input, { signer: command.signer, measure: measureWith(regular), clerk });
  const missing = missingBoxes(placement);
  if (missing.length > 0) {
    const why: Record<BoxKind, string> = {
      number: 'page 1 has no "Số:" label in its header',
      date: 'page 1 has no "…, ngày … tháng … năm …" line in its header',
      leader: command.signer.name || command.signer.titles.length > 0 ? 'the signer\'s block (--signer-name, --signer-title) was not found' : 'no --signer-name or --signer-title names the signer\'s block',
    };
    throw new UsageError(missing.map((kind) => `${why[kind]}: give ${OPTION[kind]}`).join('; '));
  }
  await onCopy(command.input, command.output, (file) => placeIssueFields(file, placement));
  return BOX_KINDS.map((kind) => {
    const { box, source } = placement.boxes[kind];
    return `${kind}: page ${box.page}, ${round(box.x)},${round(box.y)} ${round(box.width)}×${round(box.height)} pt from the top left (${source === 'text' ? 'found in the text' : 'as given'})`;
  }).join('\n');
}

/** --step number: after the leader's signature, the number and the date in their fields. */
export async function fillNumber(command: NumberCommand): Promise<Record<string, string>> {
  const [regular, italic] = await Promise.all([readFile(assetPath(SIGNATURE_FONT)), readFile(assetPath(ITALIC_FONT))]);
  const reader = await openPdf(command.input);
  try {
    const fields = await listFormFields(reader);
    for (const name of [NUMBER_FIELD, DATE_FIELD]) {
      if (!fields.some((field) => field.fullName === name)) throw new UsageError(`the PDF has no "${name}" field: run --step fields first`);
    }
    if (!fields.some((field) => field.fullName === LEADER_FIELD && field.signed)) throw new UsageError(`"${LEADER_FIELD}" is not signed: the number is given after the leader signs (--step leader)`);
  } finally {
    await reader.close();
  }
  const values = await issueFieldValues(command.input, command, measureWith(regular));
  await onCopy(command.input, command.output, (file) => fillTextFields(file, values, { regular, italic }));
  return values;
}

export interface SignatureTarget {
  page: number;
  /** Absent: the empty signature field's own box, or an invisible signature when `visible` is false (the agency's: see agencyStamp). */
  rect?: Rect;
  visible: boolean;
}

/** --step agency: the seal and its lines laid out against the leader's signature in the PDF. */
export async function agencyStamp(file: string, stamp: { seal: Buffer; lines: string[]; diameterMm: number }): Promise<{ page: number; rect: Rect; appearance: SignatureAppearance }> {
  const regular = await readFile(assetPath(SIGNATURE_FONT));
  const planned = await planStamp(file, { sealSize: stamp.diameterMm * POINTS_PER_MM, lines: stamp.lines, measure: measureWith(regular) });
  return stampWidget(planned, stamp.seal, stamp.lines, regular);
}

/**
 * Where the signature goes, refusing what cannot be: a taken field name, a box off its page or on
 * a page the document lacks, a step out of order.
 */
export async function signatureTarget(command: SignCommand): Promise<SignatureTarget> {
  const reader = await openPdf(command.input);
  let given: (PlacedBox & { given: CliBox }) | undefined;
  let fieldBox = false;
  try {
    const fields = await listFormFields(reader);
    const existing = fields.find((field) => field.fullName === command.field);
    if (command.step === 'agency') {
      // The stamp's widget is laid out now, so no field of that name may be there already.
      if (existing) throw new UsageError(`the PDF already has a field named "${command.field}": the agency has signed it already`);
      if (!fields.some((field) => field.fullName === LEADER_FIELD && field.signed)) throw new UsageError(`"${LEADER_FIELD}" is not signed: the agency signs after the leader (--step leader)`);
      const number = fields.find((field) => field.fullName === NUMBER_FIELD);
      if (number && (number.dict.get('V') ?? null) === null) throw new UsageError(`"${NUMBER_FIELD}" is empty: give the number first (--step number)`);
    } else if (existing) {
      requireEmptySignature(existing);
      if (command.box) throw new UsageError(`the PDF already has an empty signature field "${command.field}" with its own box: leave out --rect to sign it, or choose another --field`);
      fieldBox = existing.rect !== undefined;
    } else if (command.step === 'leader') {
      throw new UsageError(`the PDF has no "${LEADER_FIELD}" field: run --step fields first`);
    } else if (command.box) {
      given = await fromLowerLeft(reader, command.page, command.box);
    } else {
      const count = await pageCount(reader);
      if (command.page > count) throw new UsageError(`--page ${command.page}: the document has ${count} page${count === 1 ? '' : 's'}`);
    }
  } finally {
    await reader.close();
  }
  if (given) {
    await requireBoxesOnPages(command.input, { rect: given });
    return { page: given.page, rect: viewBoxToRect(await geometryOf(command.input, given.page), given), visible: true };
  }
  if (command.step === 'agency') return { page: 1, visible: true };
  if (!fieldBox && command.appearance) throw new UsageError('--image, --agency, --seal, --seal-mm and --text draw a visible signature: give its --rect');
  return { page: command.page, visible: fieldBox };
}

function requireEmptySignature(field: FormField): void {
  if (field.type !== 'Sig') throw new UsageError(`the PDF already has a form field named "${field.fullName}" that is not a signature field: choose another --field`);
  if (field.signed) throw new UsageError(`the PDF already has a signed field named "${field.fullName}": choose another --field`);
}

async function requireFree(reader: PdfReader, names: string[], why: string): Promise<void> {
  const taken = (await listFormFields(reader)).map((field) => field.fullName).filter((name) => names.includes(name));
  if (taken.length > 0) throw new UsageError(`the PDF already has the field${taken.length === 1 ? '' : 's'} ${taken.map((name) => `"${name}"`).join(', ')}: ${why}`);
}

/** The boxes as given (from the lower left corner), refused in those terms when off their page. */
async function requireBoxesOnPages(file: string, boxes: Partial<Record<string, PlacedBox & { given: CliBox }>>): Promise<void> {
  try {
    await requireOnPages(file, boxes);
  } catch (error) {
    if (!(error instanceof BoxOffPageError)) throw error;
    const option = error.what in OPTION ? OPTION[error.what as BoxKind] : '--rect';
    const { x, y, width, height } = boxes[error.what]!.given;
    const where = error.size
      ? `is not wholly on page ${error.page}, which is ${round(error.size.width)} × ${round(error.size.height)} pt as shown (x,y from its lower left corner)`
      : `is on page ${error.page}, but the document has ${error.pages} page${error.pages === 1 ? '' : 's'}`;
    throw new UsageError(`${option} ${[x, y, width, height].join(',')} ${where}`);
  }
}

/** A box given from the lower left corner of the page as shown, in view space (from the top left). */
async function fromLowerLeft(reader: PdfReader, page: number, box: CliBox): Promise<PlacedBox & { given: CliBox }> {
  const count = await pageCount(reader);
  // Left to requireBoxesOnPages to refuse, in the terms the box was given.
  if (page > count) return { page, ...box, given: box };
  const { height } = await readPageGeometry(reader, page);
  return { page, x: box.x, y: height - box.y - box.height, width: box.width, height: box.height, given: box };
}

async function geometryOf(file: string, page: number) {
  const reader = await openPdf(file);
  try {
    return await readPageGeometry(reader, page);
  } finally {
    await reader.close();
  }
}

async function openPdf(file: string): Promise<PdfReader> {
  try {
    return await PdfReader.open(file);
  } catch (error) {
    throw new UsageError(`--in ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs `change` on a copy at `output`; a failed step leaves no output file. */
async function onCopy(input: string, output: string, change: (file: string) => Promise<void>): Promise<void> {
  if (path.resolve(input) !== path.resolve(output)) await copyFile(input, output);
  try {
    await change(output);
    await syncDirectory(path.dirname(path.resolve(output)));
  } catch (error) {
    if (path.resolve(input) !== path.resolve(output)) await rm(output, { force: true });
    throw error;
  }
}

const round = (value: number) => Math.round(value * 10) / 10;
