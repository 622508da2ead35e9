/**
 * The number and date fields ("Số", "ngày"): placed empty before the leader signs, filled by the
 * clerk afterwards. Filling rewrites only the field objects, an allowed change after a signature,
 * and gives each its appearance in an embedded font (Vietnamese drawn as typed). No
 * /NeedAppearances: a viewer that regenerates appearances would redraw the signature widgets too.
 */
import { appendUpdate } from './incremental-writer.js';
import { fieldName, FormUpdate } from './acro-form.js';
import { addAppearance } from './appearance.js';
import { dict, name, PdfRef, PdfString, type PdfDict } from './objects.js';
import { refuseForbiddenChange } from './modification-guard.js';
import { PdfReader } from './pdf-reader.js';
import type { Rect } from './signature-placeholder.js';
import { textString } from './serialize.js';

export interface TextFieldSpec {
  name: string;
  /** 1-based. */
  page?: number;
  rect: Rect;
  fontSize?: number;
}

export class FieldNotFoundError extends Error {
  constructor(readonly fieldName: string) {
    super(`The PDF has no form field named "${fieldName}"`);
    this.name = 'FieldNotFoundError';
  }
}

export async function addTextFields(filePath: string, fields: TextFieldSpec[]): Promise<void> {
  const reader = await PdfReader.open(filePath);
  try {
    await refuseForbiddenChange(reader, 'add_fields');
    const update = new FormUpdate(reader);
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
          DA: textString(`/Helv ${field.fontSize ?? 13} Tf 0 g`),
        }),
      ),
    }));
    await update.addFields(widgets, (acroForm) => {
      if (acroForm.get('DR') === undefined) {
        const helvetica = dict({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Helvetica'), Encoding: name('WinAnsiEncoding') });
        acroForm.set('DR', dict({ Font: dict({ Helv: update.add(helvetica) }) }));
      }
    });
    await appendUpdate(filePath, reader, update.objects);
  } finally {
    await reader.close();
  }
}

/** Fills the fields and draws each value with `font` (a TrueType file) at the size its /DA names. */
export async function fillTextFields(filePath: string, values: Record<string, string>, font: Buffer): Promise<void> {
  const reader = await PdfReader.open(filePath);
  try {
    await refuseForbiddenChange(reader, 'fill_fields');
    const acroFormEntry = (await reader.resolveDict(reader.trailer.get('Root'), 'catalog')).get('AcroForm');
    const acroForm = await reader.resolveDict(acroFormEntry, '/AcroForm');
    const fields = await reader.resolve(acroForm.get('Fields'));
    const found = new Map<string, { ref: PdfRef; field: PdfDict }>();
    for (const ref of Array.isArray(fields) ? fields : []) {
      if (!(ref instanceof PdfRef)) continue;
      const field = await reader.resolveDict(ref, 'form field');
      const title = fieldName(field);
      if (title !== undefined && title in values) found.set(title, { ref, field });
    }
    const update = new FormUpdate(reader);
    for (const [title, value] of Object.entries(values)) {
      const match = found.get(title);
      if (!match) throw new FieldNotFoundError(title);
      const field = match.field.clone().set('V', textString(value));
      const rect = await reader.resolve(field.get('Rect'));
      if (Array.isArray(rect) && rect.length === 4 && rect.every((n) => typeof n === 'number')) {
        const [x1, y1, x2, y2] = rect as number[];
        const appearance = addAppearance(update, { lines: [value], font, fontSize: daFontSize(field) }, Math.abs(x2! - x1!), Math.abs(y2! - y1!));
        field.set('AP', dict({ N: appearance }));
      }
      update.objects.push({ ref: match.ref, value: field });
    }
    // Files placed by an earlier version asked viewers to regenerate every appearance: stop that.
    if (acroForm.get('NeedAppearances') === true && acroFormEntry instanceof PdfRef) {
      update.objects.push({ ref: acroFormEntry, value: acroForm.clone().set('NeedAppearances', false) });
    }
    await appendUpdate(filePath, reader, update.objects);
  } finally {
    await reader.close();
  }
}

/** The size in a /DA such as `/Helv 13 Tf 0 g`; 12 when it names none. */
function daFontSize(field: PdfDict): number {
  const da = field.get('DA');
  const match = da instanceof PdfString ? /(\d+(?:\.\d+)?)\s+Tf/.exec(Buffer.from(da.bytes).toString('latin1')) : null;
  const size = match ? Number(match[1]) : 0;
  return size > 0 ? size : 12;
}
