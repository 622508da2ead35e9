/** Lists the signatures already in a PDF: their fields, byte ranges and CMS bytes. */
import { fieldName } from './acro-form.js';
import type { PdfDict} from './objects.js';
import { isName, PdfString, type PdfValue } from './objects.js';
import { PdfReader } from './pdf-reader.js';
import { parsePdfDate } from './serialize.js';

export interface ExistingSignature {
  fieldName: string | undefined;
  subFilter: string | undefined;
  byteRange: number[];
  /** The /Contents string as stored: the DER CMS followed by the zero padding. */
  contents: Uint8Array;
  /** /M: the signing time the signer claims. */
  signingTime: Date | undefined;
}

export async function readSignatures(filePath: string): Promise<ExistingSignature[]> {
  const reader = await PdfReader.open(filePath);
  try {
    return await listSignatures(reader);
  } finally {
    await reader.close();
  }
}

/** The signed signature fields of the AcroForm, in /Fields order (terminal fields under /Kids too). */
export async function listSignatures(reader: PdfReader): Promise<ExistingSignature[]> {
  const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
  if (catalog.get('AcroForm') === undefined) return [];
  const acroForm = await reader.resolveDict(catalog.get('AcroForm'), '/AcroForm');
  const signatures: ExistingSignature[] = [];
  const visit = async (refs: PdfValue | undefined, inheritedType: PdfValue | undefined, depth: number): Promise<void> => {
    for (const ref of Array.isArray(refs) ? refs : []) {
      const field = await reader.resolveDict(ref, 'form field');
      const type = field.get('FT') ?? inheritedType;
      const kids = await reader.resolve(field.get('Kids'));
      if (Array.isArray(kids) && field.get('T') !== undefined && depth < 32) await visit(kids, type, depth + 1);
      if (!isName(type, 'Sig') || field.get('V') === undefined) continue;
      const value = await reader.resolveDict(field.get('V'), 'signature dictionary');
      signatures.push(await describe(reader, field, value));
    }
  };
  await visit(await reader.resolve(acroForm.get('Fields')), undefined, 0);
  return signatures;
}

async function describe(reader: PdfReader, field: PdfDict, value: PdfDict): Promise<ExistingSignature> {
  const contents = value.get('Contents');
  const subFilter = value.get('SubFilter');
  const m = value.get('M');
  return {
    fieldName: fieldName(field),
    subFilter: isName(subFilter) ? subFilter.name : undefined,
    byteRange: ((await reader.resolve(value.get('ByteRange'))) as number[] | undefined) ?? [],
    contents: contents instanceof PdfString ? contents.bytes : new Uint8Array(),
    signingTime: m instanceof PdfString ? parsePdfDate(m) : undefined,
  };
}
