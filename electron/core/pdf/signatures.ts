/**
 * Lists the signatures already in a PDF: their fields, byte ranges and CMS bytes, and what each
 * lets later revisions change (certification and field locks, docs/formats.md#change-rules).
 */
import { fieldName } from './acro-form.js';
import { isName, PdfDict, PdfRef, PdfString, type PdfValue } from './objects.js';
import { PdfReader } from './pdf-reader.js';
import { decodeText, parsePdfDate } from './serialize.js';

/** DocMDP /P (ISO 32000-1 §12.8.2.2): 1 no changes, 2 form filling and signing, 3 also annotations. */
export type MdpPermission = 1 | 2 | 3;

/** A FieldMDP transform or a signature field's /Lock (§12.8.2.4, §12.7.5.5): the fields a signature locks. */
export interface FieldLock {
  action: 'All' | 'Include' | 'Exclude';
  /** Fully qualified field names, for Include and Exclude. */
  fields: string[];
  /** /P of a /Lock dictionary (PDF 2.0): a DocMDP-like limit on every later change. */
  permission: MdpPermission | null;
}

export interface ExistingSignature {
  fieldName: string | undefined;
  subFilter: string | undefined;
  byteRange: number[];
  /** The /Contents string as stored: the DER CMS followed by the zero padding. */
  contents: Uint8Array;
  /** /M: the signing time the signer claims. */
  signingTime: Date | undefined;
  /** The signature certifies the document (a DocMDP transform, or /Perms /DocMDP names it): its /P. */
  certification: MdpPermission | null;
  /** The fields it locks, from a FieldMDP transform or its field's /Lock. */
  lock: FieldLock | null;
  /** A document time-stamp (PAdES B-LTA), not a person's signature. */
  documentTimestamp: boolean;
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
  const perms = await reader.resolve(catalog.get('Perms'));
  const certified = perms instanceof PdfDict ? perms.get('DocMDP') : undefined;
  const signatures: ExistingSignature[] = [];
  const visit = async (refs: PdfValue | undefined, inheritedType: PdfValue | undefined, depth: number): Promise<void> => {
    for (const ref of Array.isArray(refs) ? refs : []) {
      const field = await reader.resolveDict(ref, 'form field');
      const type = field.get('FT') ?? inheritedType;
      const kids = await reader.resolve(field.get('Kids'));
      if (Array.isArray(kids) && field.get('T') !== undefined && depth < 32) await visit(kids, type, depth + 1);
      if (!isName(type, 'Sig') || field.get('V') === undefined) continue;
      const value = await reader.resolveDict(field.get('V'), 'signature dictionary');
      const named = certified instanceof PdfRef && field.get('V') instanceof PdfRef && (field.get('V') as PdfRef).num === certified.num;
      signatures.push(await describe(reader, field, value, named));
    }
  };
  await visit(await reader.resolve(acroForm.get('Fields')), undefined, 0);
  return signatures;
}

async function describe(reader: PdfReader, field: PdfDict, value: PdfDict, namedByPerms: boolean): Promise<ExistingSignature> {
  const contents = value.get('Contents');
  const subFilter = value.get('SubFilter');
  const m = value.get('M');
  let certification: MdpPermission | null = namedByPerms ? 2 : null;
  let lock: FieldLock | null = null;
  const references = await reader.resolve(value.get('Reference'));
  for (const entry of Array.isArray(references) ? references : []) {
    const reference = await reader.resolve(entry);
    if (!(reference instanceof PdfDict)) continue;
    const method = reference.get('TransformMethod');
    const params = await reader.resolve(reference.get('TransformParams'));
    if (isName(method, 'DocMDP')) certification = params instanceof PdfDict ? (permissionOf(params.get('P')) ?? 2) : 2;
    else if (isName(method, 'FieldMDP') && params instanceof PdfDict) lock = await lockOf(reader, params);
  }
  const fieldLock = await reader.resolve(field.get('Lock'));
  if (fieldLock instanceof PdfDict) lock = await lockOf(reader, fieldLock);
  return {
    fieldName: fieldName(field),
    subFilter: isName(subFilter) ? subFilter.name : undefined,
    byteRange: ((await reader.resolve(value.get('ByteRange'))) as number[] | undefined) ?? [],
    contents: contents instanceof PdfString ? contents.bytes : new Uint8Array(),
    signingTime: m instanceof PdfString ? parsePdfDate(m) : undefined,
    certification,
    lock,
    documentTimestamp: isName(subFilter, 'ETSI.RFC3161') || isName(value.get('Type'), 'DocTimeStamp'),
  };
}

function permissionOf(value: PdfValue | undefined): MdpPermission | null {
  return value === 1 || value === 2 || value === 3 ? value : null;
}

async function lockOf(reader: PdfReader, dict: PdfDict): Promise<FieldLock> {
  const action = dict.get('Action');
  const fields = await reader.resolve(dict.get('Fields'));
  return {
    action: isName(action, 'Include') ? 'Include' : isName(action, 'Exclude') ? 'Exclude' : 'All',
    fields: (Array.isArray(fields) ? fields : []).filter((entry): entry is PdfString => entry instanceof PdfString).map(decodeText),
    permission: permissionOf(dict.get('P')),
  };
}
