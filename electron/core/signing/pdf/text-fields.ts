/**
 * The number and date fields ("Số", "ngày"): placed empty before the leader signs, filled by the
 * clerk afterwards. Filling rewrites only the field objects, an allowed change after a signature;
 * /NeedAppearances (set when the fields are placed) asks viewers to draw the values.
 */
import { appendUpdate } from './incremental-writer.js';
import { fieldName, FormUpdate } from './acro-form.js';
import { dict, name, PdfRef, type PdfDict } from './objects.js';
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
      acroForm.set('NeedAppearances', true);
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

export async function fillTextFields(filePath: string, values: Record<string, string>): Promise<void> {
  const reader = await PdfReader.open(filePath);
  try {
    const acroForm = await reader.resolveDict(
      (await reader.resolveDict(reader.trailer.get('Root'), 'catalog')).get('AcroForm'),
      '/AcroForm',
    );
    const fields = await reader.resolve(acroForm.get('Fields'));
    const found = new Map<string, { ref: PdfRef; field: PdfDict }>();
    for (const ref of Array.isArray(fields) ? fields : []) {
      if (!(ref instanceof PdfRef)) continue;
      const field = await reader.resolveDict(ref, 'form field');
      const title = fieldName(field);
      if (title !== undefined && title in values) found.set(title, { ref, field });
    }
    const objects = Object.entries(values).map(([title, value]) => {
      const match = found.get(title);
      if (!match) throw new FieldNotFoundError(title);
      return { ref: match.ref, value: match.field.clone().set('V', textString(value)) };
    });
    await appendUpdate(filePath, reader, objects);
  } finally {
    await reader.close();
  }
}
