/**
 * A table as a printable PDF: A4 landscape, the header row repeated on every page, cells wrapped
 * to their column, "Trang i/n" at the foot; the agency's name at the top left, as on its papers. Written by pdf-lib with the embedded Liberation Serif
 * (the whole font: pdf-lib's subsetter needs the old fontkit stream API, fontkit 2 has no
 * encodeStream), so Vietnamese marks print and stay extractable.
 */
import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { assetPath, SIGNATURE_FONT } from '../signing/assets.js';
import { cellText, type ExportCell, type ExportTable } from './table.js';

const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 28;
const FONT_SIZE = 9;
const LINE = FONT_SIZE * 1.25;
const PAD = 3;
const TITLE_SIZE = 14;

/** Splits text into lines no wider than `width`, breaking between words (and inside a word too long for the cell). */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (measure(rest) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export async function tableToPdf(table: ExportTable): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // fontkit 2 has what pdf-lib needs to embed a whole font; its types declare font collections too.
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(await readFile(assetPath(SIGNATURE_FONT)), { subset: false });
  doc.setTitle(table.title);
  if (table.agency) doc.setAuthor(table.agency);
  doc.setCreator('VanThu');

  const usable = PAGE[0] - 2 * MARGIN;
  const totalWeight = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = table.columns.map((column) => (usable * column.width) / totalWeight);
  const measure = (s: string) => font.widthOfTextAtSize(s, FONT_SIZE);
  const cellLines = (cells: readonly ExportCell[]) => cells.map((cell, i) => wrapText(cellText(cell), widths[i]! - 2 * PAD, measure));
  const header = cellLines(table.columns.map((column) => column.header));

  let page!: PDFPage;
  let y = 0;
  const newPage = (first: boolean) => {
    page = doc.addPage(PAGE);
    y = PAGE[1] - MARGIN;
    if (first) {
      if (table.agency) {
        page.drawText(table.agency.toLocaleUpperCase('vi-VN'), { x: MARGIN, y: y - FONT_SIZE - 1, size: FONT_SIZE + 1, font });
        y -= LINE * 2;
      }
      y = drawCentred(page, font, table.title, TITLE_SIZE, y);
      if (table.subtitle) y = drawCentred(page, font, table.subtitle, FONT_SIZE + 2, y);
      y -= LINE / 2;
    }
    y = drawRow(page, font, header, widths, y, true);
  };
  newPage(true);
  for (const row of table.rows) {
    const lines = cellLines(row);
    if (y - rowHeight(lines) < MARGIN + LINE) newPage(false);
    y = drawRow(page, font, lines, widths, y, false);
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const text = `Trang ${i + 1}/${pages.length}`;
    p.drawText(text, { x: PAGE[0] - MARGIN - font.widthOfTextAtSize(text, FONT_SIZE), y: MARGIN / 2, size: FONT_SIZE, font });
  });
  return doc.save();
}

function rowHeight(lines: string[][]): number {
  return Math.max(1, ...lines.map((cell) => cell.length)) * LINE + 2 * PAD;
}

function drawCentred(page: PDFPage, font: PDFFont, text: string, size: number, top: number): number {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (PAGE[0] - width) / 2, y: top - size, size, font });
  return top - size * 1.5;
}

/** Draws one row with its cell borders; returns the y under it. */
function drawRow(page: PDFPage, font: PDFFont, lines: string[][], widths: number[], top: number, isHeader: boolean): number {
  const height = rowHeight(lines);
  let x = MARGIN;
  lines.forEach((cell, i) => {
    const width = widths[i]!;
    page.drawRectangle({ x, y: top - height, width, height, borderColor: rgb(0, 0, 0), borderWidth: 0.5, ...(isHeader && { color: rgb(0.92, 0.92, 0.92) }) });
    cell.forEach((line, j) => {
      const lineX = isHeader ? x + (width - font.widthOfTextAtSize(line, FONT_SIZE)) / 2 : x + PAD;
      page.drawText(line, { x: lineX, y: top - PAD - (j + 1) * LINE + (LINE - FONT_SIZE) / 2, size: FONT_SIZE, font });
    });
    x += width;
  });
  return top - height;
}
