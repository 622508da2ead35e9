/** Changes made to a signed PDF after its signature, as a forger would: each one an incremental update. */
import { FormUpdate } from '../../electron/core/signing/pdf/acro-form.js';
import { appendUpdate } from '../../electron/core/signing/pdf/incremental-writer.js';
import { dict, name, type PdfRef } from '../../electron/core/signing/pdf/objects.js';
import { PdfReader } from '../../electron/core/signing/pdf/pdf-reader.js';

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
