/**
 * A signature field whose /Contents is reserved as zeros and whose /ByteRange is a fixed-width
 * placeholder: both are patched in place later, so the signed bytes never move.
 */
import { open } from 'node:fs/promises';
import { appendUpdate } from './incremental-writer.js';
import { findPage, FormUpdate } from './acro-form.js';
import { addAppearance, type SignatureAppearance } from './appearance.js';
import { dict, name, type PdfDict } from './objects.js';
import { refuseForbiddenChange } from './modification-guard.js';
import { PdfReader } from './pdf-reader.js';
import { pdfDate, serialize, textString } from './serialize.js';

export type Rect = [number, number, number, number];

export interface SignaturePlaceholderOptions {
  fieldName: string;
  /** 1-based. */
  page?: number;
  /** [0 0 0 0] makes the signature invisible. */
  rect: Rect;
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

    const pageNumber = options.page ?? 1;
    const { ref: pageRef } = await findPage(reader, pageNumber);
    const [x1, y1, x2, y2] = options.rect;
    const widget = dict({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: textString(options.fieldName),
      // Print and Locked: the signature shows on paper and cannot be moved.
      F: 132,
      Rect: options.rect,
      P: pageRef,
      V: signatureRef,
    });
    if (x2 - x1 > 0 && y2 - y1 > 0) {
      // Viewers require an appearance for a visible widget; it is part of this update, so the signature covers it.
      const appearance = options.appearance
        ? addAppearance(update, options.appearance, x2 - x1, y2 - y1)
        : update.add(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, x2 - x1, y2 - y1] }), Buffer.alloc(0));
      widget.set('AP', dict({ N: appearance }));
    }
    const widgetRef = update.add(widget);
    await update.addFields([{ ref: widgetRef, page: pageNumber }], (acroForm) => acroForm.set('SigFlags', 3));

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

/** A page's /MediaBox (inherited from the page tree when the page has none), for placing a widget. */
export async function pageMediaBox(filePath: string, pageNumber = 1): Promise<Rect> {
  const reader = await PdfReader.open(filePath);
  try {
    let node: PdfDict | undefined = (await findPage(reader, pageNumber)).dict;
    for (let depth = 0; node && depth < 64; depth++) {
      const box = await reader.resolve(node.get('MediaBox'));
      if (Array.isArray(box) && box.length === 4 && box.every((value) => typeof value === 'number')) {
        const [a, b, c, d] = box as number[];
        return [Math.min(a!, c!), Math.min(b!, d!), Math.max(a!, c!), Math.max(b!, d!)];
      }
      const parent = node.get('Parent');
      node = parent === undefined ? undefined : await reader.resolveDict(parent, 'page tree node');
    }
    return [0, 0, 595, 842];
  } finally {
    await reader.close();
  }
}
