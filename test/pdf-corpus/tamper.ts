/** Changes made to a signed PDF after its signature, as a forger would: each one an incremental update. */
import { fieldName as fieldNameOf, findPage, FormUpdate } from '../../electron/core/pdf/acro-form.js';
import { appendUpdate } from '../../electron/core/pdf/incremental-writer.js';
import { dict, name, type PdfRef } from '../../electron/core/pdf/objects.js';
import { PdfReader } from '../../electron/core/pdf/pdf-reader.js';
import { textString } from '../../electron/core/pdf/serialize.js';

/** Appends an update that adds a blank page after the signed revision. */
export async function appendBlankPage(file: string): Promise<void> {
  const reader = await PdfReader.open(file);
  try {
    const update = new FormUpdate(reader);
    const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
    const pagesRef = catalog.get('Pages') as PdfRef;
    const pages = await reader.resolveDict(pagesRef, 'pages');
    const kids = (await reader.resolve(pages.get('Kids'))) as PdfRef[];
    const newPage = update.add(dict({ Type: name('Page'), Parent: pagesRef, MediaBox: [0, 0, 595, 842] }));
    update.objects.push({ ref: pagesRef, value: pages.clone().set('Kids', [...kids, newPage]).set('Count', kids.length + 1) });
    await appendUpdate(file, reader, update.objects);
  } finally {
    await reader.close();
  }
}

/** Appends an update that adds a comment (a /FreeText annotation) to page 1, the way a reviewer's viewer does. */
export async function addComment(file: string, text: string): Promise<void> {
  const reader = await PdfReader.open(file);
  try {
    const update = new FormUpdate(reader);
    const page = await findPage(reader, 1);
    const annots = await reader.resolve(page.dict.get('Annots'));
    const comment = update.add(dict({ Type: name('Annot'), Subtype: name('FreeText'), Rect: [72, 600, 300, 640], Contents: textString(text), DA: textString('/Helv 12 Tf 0 g'), P: page.ref }));
    update.objects.push({ ref: page.ref, value: page.dict.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), comment]) });
    await appendUpdate(file, reader, update.objects);
  } finally {
    await reader.close();
  }
}

/** Appends an update that sets a text field's value, whatever the document's certification says (the app's writer would refuse). */
export async function setFieldValue(file: string, fieldName: string, value: string): Promise<void> {
  const reader = await PdfReader.open(file);
  try {
    const acroForm = await reader.resolveDict((await reader.resolveDict(reader.trailer.get('Root'), 'catalog')).get('AcroForm'), 'AcroForm');
    for (const ref of (await reader.resolve(acroForm.get('Fields'))) as PdfRef[]) {
      const field = await reader.resolveDict(ref, 'field');
      if (fieldNameOf(field) !== fieldName) continue;
      await appendUpdate(file, reader, [{ ref, value: field.clone().set('V', textString(value)) }]);
      return;
    }
    throw new Error(`no field ${fieldName}`);
  } finally {
    await reader.close();
  }
}
