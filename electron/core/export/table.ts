/** A table to export (a register's book, a report): what the PDF and XLSX writers both take. */
import { formatDayMonthYear, formatMonthYear } from '../../../shared/text/display-formats.js';

/** A date: a real date in a spreadsheet (sortable, filterable), written day first in a PDF. */
export interface DateCell {
  /** yyyy-MM-dd, or yyyy-MM for a month. */
  iso: string;
}

/** Counts stay numbers and dates stay dates: a spreadsheet can sum and sort them. */
export type ExportCell = string | number | DateCell;

export interface ExportTable {
  /** The agency the record belongs to, printed above the title as on its papers. */
  agency: string;
  title: string;
  /** A line under the title: the register's year, a report's period. */
  subtitle: string;
  columns: readonly { header: string; /** Relative width. */ width: number }[];
  rows: readonly (readonly ExportCell[])[];
}

export const dateCell = (iso: string | null): ExportCell => (iso ? { iso } : '');

export const isMonth = (cell: DateCell) => cell.iso.length === 7;

/** The text of a cell as printed: 05/03/2026, 03/2026. */
export function cellText(cell: ExportCell): string {
  if (typeof cell !== 'object') return String(cell);
  return isMonth(cell) ? formatMonthYear(cell.iso) : formatDayMonthYear(cell.iso);
}
