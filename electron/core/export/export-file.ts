/** Any exported table (a register's book, a report) as a PDF or XLSX file. */
import type { ExportedFile, ExportFormat } from '../../../shared/api/registers.js';
import type { ExportTable } from './table.js';
import { tableToPdf } from './table-pdf.js';
import { tableToXlsx } from './table-xlsx.js';

const CONTENT_TYPE: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A table as a file, named `<base>.<format>`. */
export async function exportTable(table: ExportTable, format: ExportFormat, baseName: string): Promise<ExportedFile> {
  const bytes = format === 'pdf' ? await tableToPdf(table) : await tableToXlsx(table, table.title);
  return { fileName: `${baseName}.${format}`, contentType: CONTENT_TYPE[format], bytes };
}
