/** Lists the signatures already in a PDF: their fields, byte ranges and CMS bytes. */
import { fieldName } from './acro-form.js';
import { isName, PdfString } from './objects.js';
import { PdfReader } from './pdf-reader.js';

export interface ExistingSignature {
  fieldName: string | undefined;
  subFilter: string | undefined;
  byteRange: number[];
  /** The /Contents string as stored: the DER CMS followed by the zero padding. */
  contents: Uint8Array;
}

export async function readSignatures(filePath: string): Promise<ExistingSignature[]> {
  const reader = await PdfReader.open(filePath);
  try {
    const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
    if (catalog.get('AcroForm') === undefined) return [];
    const acroForm = await reader.resolveDict(catalog.get('AcroForm'), '/AcroForm');
    const fields = await reader.resolve(acroForm.get('Fields'));
    const signatures: ExistingSignature[] = [];
    for (const ref of Array.isArray(fields) ? fields : []) {
      const field = await reader.resolveDict(ref, 'form field');
      if (!isName(field.get('FT'), 'Sig') || field.get('V') === undefined) continue;
      const value = await reader.resolveDict(field.get('V'), 'signature dictionary');
      const contents = value.get('Contents');
      const subFilter = value.get('SubFilter');
      signatures.push({
        fieldName: fieldName(field),
        subFilter: isName(subFilter) ? subFilter.name : undefined,
        byteRange: ((await reader.resolve(value.get('ByteRange'))) as number[] | undefined) ?? [],
        contents: contents instanceof PdfString ? contents.bytes : new Uint8Array(),
      });
    }
    return signatures;
  } finally {
    await reader.close();
  }
}
