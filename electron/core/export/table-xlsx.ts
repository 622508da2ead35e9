/**
 * A table as an XLSX workbook (exceljs): the agency's row, a title row, a subtitle row, the header
 * row (bold, repeated when printed) and the rows, with wrapped text and column widths from the
 * table. Dates are Excel dates shown dd/mm/yyyy (or mm/yyyy): they sort and filter as dates.
 */
import ExcelJS from 'exceljs';
import { isMonth, type ExportCell, type ExportTable } from './table.js';

/** The rows above the header: agency, title, subtitle. */
const HEADER_ROW = 4;

/** A date cell as the UTC midnight exceljs turns into the day's serial number. */
function cellValue(cell: ExportCell): string | number | Date {
  if (typeof cell !== 'object') return cell;
  const [year, month, day = 1] = cell.iso.split('-').map(Number) as [number, number, number?];
  return new Date(Date.UTC(year, month - 1, day));
}

/** Excel's width unit is about one character; a table's relative widths are scaled to this total. */
const TOTAL_CHARACTERS = 160;

export async function tableToXlsx(table: ExportTable, sheetName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'VanThu';
  // Excel refuses these characters in a sheet's name, and more than 31 of them.
  const sheet = workbook.addWorksheet(sheetName.replace(/[*?:\\/[\]]/g, '-').slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  const totalWeight = table.columns.reduce((sum, column) => sum + column.width, 0);
  sheet.columns = table.columns.map((column) => ({ width: Math.max(6, Math.round((TOTAL_CHARACTERS * column.width) / totalWeight)) }));
  const last = table.columns.length;

  sheet.addRow([table.agency.toLocaleUpperCase('vi-VN')]).font = { bold: true };
  sheet.mergeCells(1, 1, 1, last);
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  sheet.mergeCells(2, 1, 2, last);
  sheet.addRow([table.subtitle]);
  sheet.mergeCells(3, 1, 3, last);
  for (const rowNumber of [2, 3]) sheet.getRow(rowNumber).alignment = { horizontal: 'center' };

  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(cellValue));
    added.alignment = { vertical: 'top', wrapText: true };
    row.forEach((cell, i) => {
      if (typeof cell === 'object') added.getCell(i + 1).numFmt = isMonth(cell) ? 'mm/yyyy' : 'dd/mm/yyyy';
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
