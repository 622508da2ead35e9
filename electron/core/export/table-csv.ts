/**
 * A table as CSV (RFC 4180) for another program to read: the header row and the rows only (the
 * agency and title lines of the PDF and XLSX would break a reader's columns), dates day first as
 * printed, UTF-8 with a byte-order mark so that Excel reads the Vietnamese right, CRLF line ends.
 */
import { cellText, type ExportTable } from './table.js';

const BOM = '\uFEFF';

/**
 * A text a spreadsheet would run as a formula (=, +, -, @, or a tab or return first) is kept as
 * text by a leading apostrophe: a document's subject is typed by people outside the agency.
 */
function field(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(table: ExportTable): Uint8Array {
  const lines = [table.columns.map((column) => field(column.header)), ...table.rows.map((row) => row.map((cell) => field(cellText(cell))))];
  return new TextEncoder().encode(BOM + lines.map((line) => line.join(',')).join('\r\n') + '\r\n');
}
