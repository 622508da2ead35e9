/**
 * A signature field whose /Contents is reserved as zeros and whose /ByteRange is a fixed-width
 * placeholder: both are patched in place later, so the signed bytes never move.
 */
import { open } from 'node:fs/promises';
import { appendUpdate } from '../../pdf/incremental-writer.js';
import { findPage, FormUpdate } from '../../pdf/acro-form.js';
import { addAppearance, type SignatureAppearance } from './appearance.js';
import { FieldExistsError, listFormFields, widgetPageNumber, type FormField } from './form-fields.js';
import { dict, name, PdfFormatError } from '../../pdf/objects.js';
import { refuseForbiddenChange } from './modification-guard.js';
import { readPageGeometry, uprightSize, type Rect } from './page-geometry.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import { pdfDate, serialize, textString } from '../../pdf/serialize.js';

export type { Rect } from './page-geometry.js';

export interface SignaturePlaceholderOptions {
  fieldName: string;
  /** 1-based. */
  page?: number;
  /**
   * The widget in user space; [0 0 0 0] makes the signature invisible. Absent: the empty signature
   * field of that name already in the PDF is signed in its own box (else the signature is invisible).
   */
  rect?: Rect;
  /** Room for the DER CMS: the chain, the signature and a later timestamp must fit. */
  contentsBytes?: number;
  subFilter?: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /** Signing time: PAdES puts it here, not in a signed attribute. */
  m: Date;
  name?: string;
  reason?: string;
  location?: string;
  /** What a visible widget shows; absent: an empty appearance. */
  appearance?: SignatureAppearance;
}

/** File offsets of the two placeholders. */
export interface SignaturePlaceholder {
  /** The text between the brackets of /ByteRange [ … ]. */
  byteRangeOffset: number;
  byteRangeLength: number;
  /** The hex string including its angle brackets. */
  contentsOffset: number;
  contentsLength: number;
}

/** [offset, length] twice: everything but the /Contents hex string. */
export type ByteRanges = [[number, number], [number, number]];

const BYTE_RANGE_PLACEHOLDER = '0 ********** ********** **********';

export async function addSignaturePlaceholder(filePath: string, options: SignaturePlaceholderOptions): Promise<SignaturePlaceholder> {
  const rest = dict({ M: pdfDate(options.m) });
  if (options.name) rest.set('Name', textString(options.name));
  if (options.reason) rest.set('Reason', textString(options.reason));
  if (options.location) rest.set('Location', textString(options.location));
  return addPlaceholderField(filePath, options, `/Type /Sig /Filter /Adobe.PPKLite /SubFilter /${options.subFilter ?? 'ETSI.CAdES.detached'}`, serialize(rest).slice(2, -2), 'sign');
}

/**
 * An invisible field for a document time-stamp (PAdES B-LTA, ETSI EN 319 142-1): its value is
 * /Type /DocTimeStamp with /SubFilter /ETSI.RFC3161, and /Contents will hold a bare RFC 3161
 * TimeStampToken. Validation data and time-stamps are allowed by every certification (DocMDP),
 * so none refuses it.
 */
export function addDocumentTimestampPlaceholder(filePath: string, options: { fieldName: string; contentsBytes?: number }): Promise<SignaturePlaceholder> {
  return addPlaceholderField(filePath, { ...options, rect: [0, 0, 0, 0] }, '/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161', '', null);
}

async function addPlaceholderField(
  filePath: string,
  options: Pick<SignaturePlaceholderOptions, 'fieldName' | 'page' | 'rect' | 'contentsBytes' | 'appearance'>,
  head: string,
  tail: string,
  guard: 'sign' | null,
): Promise<SignaturePlaceholder> {
  const reader = await PdfReader.open(filePath);
  try {
    if (guard) await refuseForbiddenChange(reader, guard);
    const update = new FormUpdate(reader);
    const contentsHex = `<${'0'.repeat(2 * (options.contentsBytes ?? 16384))}>`;
    const signatureBody = `<<${head} /ByteRange [${BYTE_RANGE_PLACEHOLDER}] /Contents ${contentsHex}${tail ? ` ${tail}` : ''}>>`;
    const signatureRef = update.add({ raw: signatureBody });

    const existing = (await listFormFields(reader)).find((field) => field.fullName === options.fieldName);
    const target = existing ? await emptySignatureField(reader, existing, options) : undefined;
    const pageNumber = target?.page ?? options.page ?? 1;
    const { ref: pageRef } = await findPage(reader, pageNumber);
    const rect = target?.rect ?? options.rect ?? [0, 0, 0, 0];
    const widget = (target ? existing!.dict.clone() : dict({ Type: name('Annot'), Subtype: name('Widget'), FT: name('Sig'), T: textString(options.fieldName) }))
      // Print and Locked: the signature shows on paper and cannot be moved.
      .set('F', 132)
      .set('Rect', rect)
      .set('P', pageRef)
      .set('V', signatureRef);
    if (rect[2] - rect[0] > 0 && rect[3] - rect[1] > 0) {
      // Viewers require an appearance for a visible widget; it is part of this update, so the signature covers it.
      const { rotate } = await readPageGeometry(reader, pageNumber);
      const { width, height } = uprightSize(rotate, rect);
      const appearance = options.appearance
        ? addAppearance(update, options.appearance, width, height, rotate)
        : update.add(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, width, height] }), Buffer.alloc(0));
      widget.set('AP', dict({ N: appearance }));
      // What a viewer that redraws the widget should turn it by (ISO 32000-1 §12.5.6.19).
      if (rotate !== 0) widget.set('MK', dict({ R: rotate }));
    }
    if (target) {
      update.objects.push({ ref: existing!.ref, value: widget });
      await update.editAcroForm((acroForm) => acroForm.set('SigFlags', 3));
    } else {
      const widgetRef = update.add(widget);
      await update.addFields([{ ref: widgetRef, page: pageNumber }], (acroForm) => acroForm.set('SigFlags', 3));
    }

    const bodies = await appendUpdate(filePath, reader, update.objects);
    const bodyOffset = bodies.get(signatureRef.num)!;
    return {
      byteRangeOffset: bodyOffset + signatureBody.indexOf(BYTE_RANGE_PLACEHOLDER),
      byteRangeLength: BYTE_RANGE_PLACEHOLDER.length,
      contentsOffset: bodyOffset + signatureBody.indexOf(contentsHex),
      contentsLength: contentsHex.length,
    };
  } finally {
    await reader.close();
  }
}

export function computeByteRange(placeholder: SignaturePlaceholder, fileSize: number): ByteRanges {
  const afterContents = placeholder.contentsOffset + placeholder.contentsLength;
  return [
    [0, placeholder.contentsOffset],
    [afterContents, fileSize - afterContents],
  ];
}

/** Writes the real /ByteRange over the placeholder, padded with spaces to the same width. */
export async function patchByteRange(filePath: string, placeholder: SignaturePlaceholder): Promise<ByteRanges> {
  const handle = await open(filePath, 'r+');
  try {
    const { size } = await handle.stat();
    const ranges = computeByteRange(placeholder, size);
    const text = ranges.flat().join(' ');
    if (text.length > placeholder.byteRangeLength) throw new Error('the /ByteRange does not fit its placeholder (file over 9.9 GB)');
    const bytes = Buffer.from(text.padEnd(placeholder.byteRangeLength, ' '), 'latin1');
    await handle.write(bytes, 0, bytes.length, placeholder.byteRangeOffset);
    await handle.sync();
    return ranges;
  } finally {
    await handle.close();
  }
}

/** The empty signature field `options` names, with its box and page; a taken name is refused. */
async function emptySignatureField(reader: PdfReader, field: FormField, options: Pick<SignaturePlaceholderOptions, 'fieldName' | 'rect'>): Promise<{ rect: Rect; page: number }> {
  if (field.type !== 'Sig') throw new FieldExistsError(options.fieldName, 'taken');
  if (field.signed) throw new FieldExistsError(options.fieldName, 'signed');
  if (options.rect !== undefined) throw new FieldExistsError(options.fieldName, 'has_box');
  const page = await widgetPageNumber(reader, field);
  if (!field.rect || page === undefined) throw new PdfFormatError(`the empty signature field "${options.fieldName}" has no widget on a page`);
  return { rect: field.rect, page };
}
