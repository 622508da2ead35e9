/**
 * The number and date fields ("Số", "ngày"): placed empty before the leader signs (with, in the
 * same update, the empty signature fields the signers will sign), filled by the clerk afterwards.
 * Filling rewrites only the field objects, an allowed change after a signature, and gives each its
 * appearance in an embedded font (Vietnamese drawn as typed), upright on a turned page, on a white
 * ground that covers the blank or dots the field was placed on. No /NeedAppearances: a viewer that
 * regenerates appearances would redraw the signature widgets too.
 */
import { appendUpdate } from '../../pdf/incremental-writer.js';
import { findPage, FormUpdate } from '../../pdf/acro-form.js';
import { addAppearance, type TextAlign } from './appearance.js';
import { listFormFields, requireNewFieldNames } from './form-fields.js';
import { dict, name, PdfDict, PdfRef, PdfString } from '../../pdf/objects.js';
import { normaliseRotation, uprightSize, type Rect } from './page-geometry.js';
import { refuseForbiddenChange } from './modification-guard.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import { textString } from '../../pdf/serialize.js';

export interface TextFieldSpec {
  name: string;
  /** 1-based. */
  page?: number;
  /** User space. */
  rect: Rect;
  fontSize?: number;
  /** Drawn in the italic face (Decree 30 sets the place and date in italics). */
  italic?: boolean;
  align?: TextAlign;
  /** The page's /Rotate, so that a viewer drawing the field turns it upright. */
  rotate?: number;
}

/** An empty signature field: its box is chosen now, the signature comes later. */
export interface EmptySignatureSpec {
  name: string;
  page?: number;
  rect: Rect;
  rotate?: number;
}

/** The fonts a filled field is drawn in: the DA of each field names which one. */
export interface FieldFonts {
  regular: Buffer;
  italic?: Buffer;
}

export class FieldNotFoundError extends Error {
  constructor(readonly fieldName: string) {
    super(`The PDF has no form field named "${fieldName}"`);
    this.name = 'FieldNotFoundError';
  }
}

/** The /DA font names: Times, as Decree 30 asks, for viewers that draw the field themselves. */
const REGULAR_DA = 'TiRo';
const ITALIC_DA = 'TiIt';
const WHITE: [number, number, number] = [1, 1, 1];
/** /Q: 0 left, 1 centred, 2 right (ISO 32000-1 §12.7.3.3). */
const QUADDING: readonly TextAlign[] = ['left', 'center', 'right'];

export async function addTextFields(filePath: string, fields: TextFieldSpec[], signatures: EmptySignatureSpec[] = []): Promise<void> {
  const reader = await PdfReader.open(filePath);
  try {
    await refuseForbiddenChange(reader, 'add_fields');
    await requireNewFieldNames(reader, [...fields.map((field) => field.name), ...signatures.map((signature) => signature.name)]);
    const update = new FormUpdate(reader);
    const pages = new Map<number, PdfRef>();
    for (const page of new Set([...fields, ...signatures].map((field) => field.page ?? 1))) pages.set(page, (await findPage(reader, page)).ref);
    // The widgets name their page (/P): a viewer, and the signing step, find it without walking every page.
    const pageOf = (page: number | undefined) => pages.get(page ?? 1)!;
    const rotation = (rotate: number | undefined): Record<string, PdfDict> => (normaliseRotation(rotate) === 0 ? {} : { MK: dict({ R: normaliseRotation(rotate) }) });
    const widgets = fields.map((field) => ({
      page: field.page ?? 1,
      ref: update.add(
        dict({
          Type: name('Annot'),
          Subtype: name('Widget'),
          FT: name('Tx'),
          T: textString(field.name),
          F: 4,
          Rect: field.rect,
          P: pageOf(field.page),
          DA: textString(`/${field.italic ? ITALIC_DA : REGULAR_DA} ${round(field.fontSize ?? 13)} Tf 0 g`),
          Q: QUADDING.indexOf(field.align ?? 'left'),
          ...rotation(field.rotate),
        }),
      ),
    }));
    for (const signature of signatures) {
      // Print and Locked, as a signed widget; /V comes with the signature.
      const fieldDict = dict({ Type: name('Annot'), Subtype: name('Widget'), FT: name('Sig'), T: textString(signature.name), F: 132, Rect: signature.rect, P: pageOf(signature.page), ...rotation(signature.rotate) });
      widgets.push({ page: signature.page ?? 1, ref: update.add(fieldDict) });
    }
    const resources = await defaultResources(update);
    await update.addFields(widgets, (acroForm) => {
      if (resources) acroForm.set('DR', resources);
    });
    await appendUpdate(filePath, reader, update.objects);
  } finally {
    await reader.close();
  }
}

/**
 * The form's default resources with the two faces the fields' /DA name, for viewers that draw a
 * field themselves; undefined when they are there already. An existing /DR keeps its fonts.
 */
async function defaultResources(update: FormUpdate): Promise<PdfDict | undefined> {
  const { reader } = update;
  const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
  const acroForm = catalog.get('AcroForm') === undefined ? undefined : await reader.resolveDict(catalog.get('AcroForm'), '/AcroForm');
  const existing = acroForm?.get('DR') === undefined ? undefined : await reader.resolveDict(acroForm.get('DR'), '/DR');
  const fonts = existing?.get('Font') === undefined ? undefined : await reader.resolveDict(existing.get('Font'), '/DR /Font');
  if (fonts?.get(REGULAR_DA) !== undefined && fonts.get(ITALIC_DA) !== undefined) return undefined;
  const font = (baseFont: string) => update.add(dict({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name(baseFont), Encoding: name('WinAnsiEncoding') }));
  const merged = (fonts ?? dict({})).clone();
  if (merged.get(REGULAR_DA) === undefined) merged.set(REGULAR_DA, font('Times-Roman'));
  if (merged.get(ITALIC_DA) === undefined) merged.set(ITALIC_DA, font('Times-Italic'));
  return (existing ?? dict({})).clone().set('Font', merged);
}

/**
 * Fills the fields and draws each value in the face and size its /DA names, aligned as its /Q says.
 * `fonts` may be one TrueType file (every field in it) or a regular and an italic one.
 */
export async function fillTextFields(filePath: string, values: Record<string, string>, fonts: Buffer | FieldFonts): Promise<void> {
  const faces: FieldFonts = Buffer.isBuffer(fonts) ? { regular: fonts } : fonts;
  const reader = await PdfReader.open(filePath);
  try {
    await refuseForbiddenChange(reader, 'fill_fields');
    const acroFormEntry = (await reader.resolveDict(reader.trailer.get('Root'), 'catalog')).get('AcroForm');
    const acroForm = acroFormEntry === undefined ? undefined : await reader.resolveDict(acroFormEntry, '/AcroForm');
    const found = new Map((acroForm ? await listFormFields(reader) : []).filter((field) => field.fullName in values).map((field) => [field.fullName, field]));
    const update = new FormUpdate(reader);
    for (const [title, value] of Object.entries(values)) {
      const match = found.get(title);
      if (!match) throw new FieldNotFoundError(title);
      const field = match.dict.clone().set('V', textString(value));
      if (match.rect) {
        const da = parseDa(field);
        const rotate = rotationOf(field);
        const { width, height } = uprightSize(rotate, match.rect);
        const font = da.italic && faces.italic ? faces.italic : faces.regular;
        const align = QUADDING[field.get('Q') as number] ?? 'left';
        const appearance = addAppearance(update, { lines: [value], font, fontSize: da.size, align, background: WHITE }, width, height, rotate);
        field.set('AP', dict({ N: appearance }));
      }
      update.objects.push({ ref: match.ref, value: field });
    }
    // Files placed by an earlier version asked viewers to regenerate every appearance: stop that.
    if (acroForm?.get('NeedAppearances') === true && acroFormEntry instanceof PdfRef) {
      update.objects.push({ ref: acroFormEntry, value: acroForm.clone().set('NeedAppearances', false) });
    }
    await appendUpdate(filePath, reader, update.objects);
  } finally {
    await reader.close();
  }
}

/** The size in a /DA such as `/TiRo 13 Tf 0 g` (12 when it names none), and whether its font is an italic one. */
function parseDa(field: PdfDict): { size: number; italic: boolean } {
  const da = field.get('DA');
  const text = da instanceof PdfString ? Buffer.from(da.bytes).toString('latin1') : '';
  const match = /\/([^\s/]+)\s+(\d+(?:\.\d+)?)\s+Tf/.exec(text);
  const size = match ? Number(match[2]) : 0;
  return { size: size > 0 ? size : 12, italic: match?.[1] === ITALIC_DA };
}

function rotationOf(field: PdfDict) {
  const mk = field.get('MK');
  return normaliseRotation(mk instanceof PdfDict ? mk.get('R') : 0);
}

const round = (value: number) => Math.round(value * 10) / 10;
