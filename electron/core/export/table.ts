/** A table to export (a register's book, a report): what the PDF and XLSX writers both take. */
export interface ExportTable {
  title: string;
  /** A line under the title (the register's year, a report's period). */
  subtitle: string;
  columns: readonly { header: string; /** Relative width. */ width: number }[];
  /** Counts stay numbers: a spreadsheet can sum them. */
  rows: readonly (readonly (string | number)[])[];
}
