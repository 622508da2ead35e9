/** Any exported table (a register's book, a report, the audit log) as a PDF, XLSX or CSV file, offered by link. */
import type { ExportedFile, ExportFormat } from '../../../shared/api/registers.js';
import type { BlobLinks } from '../blobs/blob-links.js';
import type { ExportTable } from './table.js';
import { tableToCsv } from './table-csv.js';
import { tableToPdf } from './table-pdf.js';
import { tableToXlsx } from './table-xlsx.js';

const CONTENT_TYPE: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A table as a file, named `<base>.<format>`. */
export async function exportTable(files: BlobLinks, table: ExportTable, format: ExportFormat, baseName: string): Promise<ExportedFile> {
  const bytes = format === 'pdf' ? await tableToPdf(table) : format === 'csv' ? tableToCsv(table) : await tableToXlsx(table, table.title);
  return files.offerBytes(bytes, `${baseName}.${format}`, CONTENT_TYPE[format]);
}
