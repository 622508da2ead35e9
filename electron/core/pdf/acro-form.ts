/**
 * Adds widget fields to a page and the interactive form, as the objects of one update: the new
 * fields, a copy of the page with them in /Annots and a copy of the AcroForm with them in /Fields.
 * The AcroForm becomes an object of its own if it was inline in the catalog, so later updates
 * (the clerk's number, the agency's signature) leave the catalog alone.
 */
import { asDict, dict, PdfFormatError, PdfRef, PdfString, type PdfDict, type PdfValue } from './objects.js';
import type { PdfReader } from './pdf-reader.js';
import type { UpdateObject } from './incremental-writer.js';
import { decodeText } from './serialize.js';

export class FormUpdate {
  readonly objects: UpdateObject[] = [];
  private nextNum: number;

  constructor(readonly reader: PdfReader) {
    this.nextNum = reader.nextObjectNumber;
  }

  allocate(): PdfRef {
    return new PdfRef(this.nextNum++, 0);
  }

  add(value: UpdateObject['value'], streamData?: Buffer): PdfRef {
    const ref = this.allocate();
    this.objects.push({ ref, value, streamData });
    return ref;
  }

  async catalogRef(): Promise<PdfRef> {
    const root = this.reader.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw new PdfFormatError('trailer has no /Root');
    return root;
  }

  /** Places widgets on their pages (1-based) and lists them as form fields; `edit` may change the AcroForm copy. */
  async addFields(widgets: { ref: PdfRef; page: number }[], edit: (acroForm: PdfDict) => void = () => {}): Promise<void> {
    for (const pageNumber of new Set(widgets.map((widget) => widget.page))) {
      const page = await findPage(this.reader, pageNumber);
      const pageCopy = page.dict.clone();
      const annots = await this.reader.resolve(pageCopy.get('Annots'));
      const onPage = widgets.filter((widget) => widget.page === pageNumber).map((widget) => widget.ref);
      pageCopy.set('Annots', [...(Array.isArray(annots) ? annots : []), ...onPage]);
      this.objects.push({ ref: page.ref, value: pageCopy });
    }

    await this.editAcroForm((acroForm, fields) => {
      acroForm.set('Fields', [...fields, ...widgets.map((widget) => widget.ref)]);
      edit(acroForm);
    });
  }

  /** Writes a changed copy of the AcroForm (made an object of its own if it was inline in the catalog). */
  async editAcroForm(edit: (acroForm: PdfDict, fields: PdfValue[]) => void): Promise<void> {
    const catalogRef = await this.catalogRef();
    const catalog = asDict(await this.reader.getObject(catalogRef.num), 'catalog');
    const acroFormEntry = catalog.get('AcroForm');
    const acroForm = acroFormEntry === undefined ? dict({}) : (await this.reader.resolveDict(acroFormEntry, '/AcroForm')).clone();
    const fields = await this.reader.resolve(acroForm.get('Fields'));
    edit(acroForm, Array.isArray(fields) ? fields : []);
    if (acroFormEntry instanceof PdfRef) {
      this.objects.push({ ref: acroFormEntry, value: acroForm });
    } else {
      const acroFormRef = this.add(acroForm);
      this.objects.push({ ref: catalogRef, value: catalog.clone().set('AcroForm', acroFormRef) });
    }
  }
}

export async function findPage(reader: PdfReader, pageNumber: number): Promise<{ ref: PdfRef; dict: PdfDict }> {
  const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
  let node = catalog.get('Pages');
  let remaining = pageNumber - 1;
  for (let depth = 0; depth < 64; depth++) {
    if (!(node instanceof PdfRef)) throw new PdfFormatError('page tree node is not an indirect object');
    const nodeDict = await reader.resolveDict(node, 'page tree node');
    const kids = await reader.resolve(nodeDict.get('Kids'));
    if (!Array.isArray(kids)) return { ref: node, dict: nodeDict };
    let next: PdfValue | undefined;
    for (const kid of kids) {
      const kidDict = await reader.resolveDict(kid, 'page tree node');
      const count = Array.isArray(kidDict.get('Kids')) || kidDict.get('Count') !== undefined ? Number(kidDict.get('Count') ?? 1) : 1;
      if (remaining < count) {
        next = kid;
        break;
      }
      remaining -= count;
    }
    if (next === undefined) throw new PdfFormatError(`the document has no page ${pageNumber}`);
    node = next;
  }
  throw new PdfFormatError('page tree is too deep');
}

/** The field name of a widget, decoded from PDFDocEncoding or UTF-16BE. */
export function fieldName(field: PdfDict): string | undefined {
  const title = field.get('T');
  return title instanceof PdfString ? decodeText(title) : undefined;
}
