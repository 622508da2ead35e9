/**
 * A PDF built from scanned images (the clerk drops photos or a scanner writes one file per page):
 * one page per image, at 100 % of its scanned size (200 dpi taken when the file says nothing,
 * the decree's digitisation floor: docs/formats.md#paper-arrivals), the JPEG kept as it is.
 */
import { PDFDocument } from 'pdf-lib';

const ASSUMED_DPI = 200;

export type ScanImageType = 'image/jpeg' | 'image/png';

export function imageTypeOf(bytes: Uint8Array): ScanImageType | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  return null;
}

export const isPdf = (bytes: Uint8Array): boolean => bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;

export async function imagesToPdf(images: readonly Uint8Array[], title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreator('VanThu');
  for (const bytes of images) {
    const type = imageTypeOf(bytes);
    if (!type) throw new Error('not a JPEG or PNG image');
    const image = type === 'image/jpeg' ? await pdf.embedJpg(bytes) : await pdf.embedPng(bytes);
    const width = (image.width * 72) / ASSUMED_DPI;
    const height = (image.height * 72) / ASSUMED_DPI;
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return pdf.save();
}
