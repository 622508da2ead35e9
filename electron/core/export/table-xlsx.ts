/**
 * A table as an XLSX workbook (exceljs): a title row, a subtitle row, the header row (bold,
 * repeated when printed) and the rows, with wrapped text and column widths from the table.
 */
import ExcelJS from 'exceljs';
import type { ExportTable } from './table.js';

/** Excel's width unit is about one character; a table's relative widths are scaled to this total. */
const TOTAL_CHARACTERS = 160;

export async function tableToXlsx(table: ExportTable, sheetName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'VanThu';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  const totalWeight = table.columns.reduce((sum, column) => sum + column.width, 0);
  sheet.columns = table.columns.map((column) => ({ width: Math.max(6, Math.round((TOTAL_CHARACTERS * column.width) / totalWeight)) }));
  const last = table.columns.length;

  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, last);
  sheet.addRow([table.subtitle]);
  sheet.mergeCells(2, 1, 2, last);
  for (const rowNumber of [1, 2]) sheet.getRow(rowNumber).alignment = { horizontal: 'center' };

  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const row of table.rows) sheet.addRow([...row]).alignment = { vertical: 'top', wrapText: true };
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
