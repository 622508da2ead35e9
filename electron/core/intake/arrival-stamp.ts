/**
 * The ĐẾN stamp (Decree 30/2020, Appendix IV §V: docs/formats.md#den-stamp) as a 50 × 35 mm PDF
 * page, for a label printer or to print on the paper original: the agency's name across the top,
 * ĐẾN on the left over two rows beside "Số:" (the số đến) and "Ngày:" (the arrival date), then
 * "Chuyển:" and "Số và ký hiệu HS:" left blank for the leader's instruction and the dossier.
 */
import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { assetPath, SIGNATURE_FONT } from '../signing/assets.js';
import { wrapText } from '../export/table-pdf.js';

const MM = 72 / 25.4;
const WIDTH = 50 * MM;
const HEIGHT = 35 * MM;
/** Row heights from the top, in mm: agency, Số, Ngày, Chuyển, Số và ký hiệu HS (35 in all). */
const ROWS = [9, 6.5, 6.5, 6.5, 6.5];
const DEN_WIDTH = 13 * MM;
const INK = rgb(0.1, 0.1, 0.45);

export interface ArrivalStampInput {
  agencyName: string;
  arrivalNumber: string;
  /** dd/MM/yyyy */
  arrivalDate: string;
}

export async function arrivalStampPdf(input: ArrivalStampInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(await readFile(assetPath(SIGNATURE_FONT)), { subset: false });
  doc.setTitle(`ĐẾN ${input.arrivalNumber}`);
  doc.setCreator('VanThu');
  const page = doc.addPage([WIDTH, HEIGHT]);
  const line = (x1: number, y1: number, x2: number, y2: number) => page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.8, color: INK });

  const tops = ROWS.reduce<number[]>((acc, h) => [...acc, acc[acc.length - 1]! - h * MM], [HEIGHT]);
  page.drawRectangle({ x: 0.6, y: 0.6, width: WIDTH - 1.2, height: HEIGHT - 1.2, borderColor: INK, borderWidth: 1.2 });
  for (const y of [tops[1]!, tops[3]!, tops[4]!]) line(0, y, WIDTH, y);
  line(DEN_WIDTH, tops[2]!, WIDTH, tops[2]!);
  line(DEN_WIDTH, tops[1]!, DEN_WIDTH, tops[3]!);

  const agencyLines = wrapText(input.agencyName.toLocaleUpperCase('vi'), WIDTH - 6, (s) => font.widthOfTextAtSize(s, 6.5)).slice(0, 2);
  agencyLines.forEach((text, i) => centred(page, font, text, 6.5, WIDTH / 2, tops[0]! - (agencyLines.length === 1 ? 5.6 : 3.6 + i * 3.2) * MM));
  centred(page, font, 'ĐẾN', 11, DEN_WIDTH / 2, (tops[1]! + tops[3]!) / 2 - 4);
  const cell = (label: string, value: string, top: number, x: number) => page.drawText(`${label} ${value}`, { x: x + 1.5 * MM, y: top - 4.6 * MM, size: 8, font, color: INK });
  cell('Số:', input.arrivalNumber, tops[1]!, DEN_WIDTH);
  cell('Ngày:', input.arrivalDate, tops[2]!, DEN_WIDTH);
  cell('Chuyển:', '', tops[3]!, 0);
  cell('Số và ký hiệu HS:', '', tops[4]!, 0);
  return doc.save();
}

function centred(page: PDFPage, font: PDFFont, text: string, size: number, cx: number, y: number): void {
  page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y, size, font, color: INK });
}
