/**
 * The terminal fields of a PDF's interactive form with their full names (parents' /T joined by
 * dots, ISO 32000-1 §12.7.3.2), so that a new field never takes a name the form already has and
 * an empty signature field placed beforehand can be found and signed.
 */
import { fieldName } from '../../pdf/acro-form.js';
import { isName, PdfRef, type PdfDict, type PdfValue } from '../../pdf/objects.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import type { Rect } from './page-geometry.js';

/** A new field would take a name the form already has (or an empty signature field is given another box). */
export class FieldExistsError extends Error {
  constructor(readonly fieldName: string, readonly reason: 'signed' | 'taken' | 'has_box') {
    super(
      reason === 'signed'
        ? `The PDF already has a signed field named "${fieldName}"; choose another name.`
        : reason === 'taken'
          ? `The PDF already has a form field named "${fieldName}"; choose another name.`
          : `The PDF already has an empty signature field "${fieldName}" with its own box; sign it without giving another box.`,
    );
    this.name = 'FieldExistsError';
  }
}

/** Refuses names the form already has. */
export async function requireNewFieldNames(reader: PdfReader, names: string[]): Promise<void> {
  const taken = new Set((await listFormFields(reader)).map((field) => field.fullName));
  for (const fieldName of names) if (taken.has(fieldName)) throw new FieldExistsError(fieldName, 'taken');
}

export interface FormField {
  fullName: string;
  ref: PdfRef;
  dict: PdfDict;
  /** /FT, inherited from a parent when the field has none. */
  type: string | undefined;
  /** A signature field with a value (/V), i.e. signed. */
  signed: boolean;
  /** The widget's /Rect when the field is its own widget. */
  rect: Rect | undefined;
  /** The widget's page (/P), when it names one. */
  page: PdfRef | undefined;
}

export async function listFormFields(reader: PdfReader): Promise<FormField[]> {
  const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
  if (catalog.get('AcroForm') === undefined) return [];
  const acroForm = await reader.resolveDict(catalog.get('AcroForm'), '/AcroForm');
  const found: FormField[] = [];
  const seen = new Set<number>();
  const visit = async (refs: PdfValue | undefined, parentName: string, inheritedType: PdfValue | undefined, depth: number): Promise<void> => {
    for (const ref of Array.isArray(refs) ? refs : []) {
      if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > 32) continue;
      seen.add(ref.num);
      const field = await reader.resolveDict(ref, 'form field');
      const own = fieldName(field);
      const fullName = own === undefined ? parentName : parentName ? `${parentName}.${own}` : own;
      const type = field.get('FT') ?? inheritedType;
      const kids = await reader.resolve(field.get('Kids'));
      // Kids with their own /T are fields; kids without are this field's widgets.
      const childFields = Array.isArray(kids) ? await Promise.all(kids.map(async (kid) => ((await reader.resolveDict(kid, 'form field')).get('T') !== undefined ? kid : null))) : [];
      const named = childFields.filter((kid): kid is PdfValue => kid !== null);
      if (named.length > 0) await visit(named, fullName, type, depth + 1);
      if (named.length > 0 && named.length === childFields.length) continue;
      const rect = await reader.resolve(field.get('Rect'));
      const page = field.get('P');
      found.push({
        fullName,
        ref,
        dict: field,
        type: isName(type) ? type.name : undefined,
        signed: isName(type, 'Sig') && field.get('V') !== undefined && field.get('V') !== null,
        rect: Array.isArray(rect) && rect.length === 4 && rect.every((n) => typeof n === 'number') ? (rect as Rect) : undefined,
        page: page instanceof PdfRef ? page : undefined,
      });
    }
  };
  await visit(await reader.resolve(acroForm.get('Fields')), '', undefined, 0);
  return found;
}

/** The 1-based number of the page a field's widget is on: the one its /P names, else the one whose /Annots lists it. */
export async function widgetPageNumber(reader: PdfReader, field: Pick<FormField, 'ref' | 'page'>): Promise<number | undefined> {
  const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
  let count = 0;
  const holds = async (leaf: PdfRef, leafDict: PdfDict): Promise<boolean> => {
    if (field.page) return leaf.num === field.page.num;
    const annots = await reader.resolve(leafDict.get('Annots'));
    return Array.isArray(annots) && annots.some((annot) => annot instanceof PdfRef && annot.num === field.ref.num);
  };
  const walk = async (node: PdfValue | undefined, depth: number): Promise<number | undefined> => {
    if (!(node instanceof PdfRef) || depth > 64) return undefined;
    const nodeDict = await reader.resolveDict(node, 'page tree node');
    const kids = await reader.resolve(nodeDict.get('Kids'));
    if (!Array.isArray(kids)) {
      count++;
      return (await holds(node, nodeDict)) ? count : undefined;
    }
    for (const kid of kids) {
      const found = await walk(kid, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(catalog.get('Pages'), 0);
}

/** Whether the form of the PDF at `filePath` has a field of that full name. */
export async function hasField(filePath: string, fullName: string): Promise<boolean> {
  const reader = await PdfReader.open(filePath);
  try {
    return (await listFormFields(reader)).some((field) => field.fullName === fullName);
  } finally {
    await reader.close();
  }
}

/** How many pages the document has (/Count of the page tree's root). */
export async function pageCount(reader: PdfReader): Promise<number> {
  const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
  const count = (await reader.resolveDict(catalog.get('Pages'), 'page tree')).get('Count');
  return typeof count === 'number' && count > 0 ? count : 1;
}
