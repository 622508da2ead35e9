/**
 * A register's book of a year as the decree's table (docs/formats.md#decree-30), with the Vietnamese headers of
 * the paper form whatever the UI language: the file is the agency's record.
 */
import { registerColumns, type RegisterColumn, type RegisterEntry, type RegisterInfo } from '../../../shared/api/registers.js';
import { t } from '../../../shared/i18n/messages.js';
import { fileNameWords } from './file-name.js';
import { dateCell, type ExportTable } from './table.js';

/** Relative column widths, close to the paper form's. */
const WIDTH: Record<RegisterColumn, number> = {
  arrivalDate: 8,
  arrivalNumber: 6,
  issuer: 16,
  numberNotation: 11,
  documentDate: 8,
  typeAndSubject: 30,
  receiver: 12,
  receiptSignature: 8,
  notes: 10,
  signer: 12,
  recipients: 18,
  keeper: 11,
  copies: 6,
};

export function registerTable(agency: string, register: RegisterInfo, year: number, entries: readonly RegisterEntry[]): ExportTable {
  const columns = registerColumns(register.direction);
  return {
    agency,
    title: register.name.toLocaleUpperCase('vi-VN'),
    subtitle: t('export.register.period', 'vi', { year: String(year), from: `01/01/${year}`, to: `31/12/${year}` }),
    columns: columns.map((column) => ({ header: t(`registers.col.${column}`, 'vi'), width: WIDTH[column] })),
    rows: entries.map((entry) => columns.map((column) => (column in entry.isoDates ? dateCell(entry.isoDates[column] ?? null) : (entry.cells[column] ?? '')))),
  };
}

/** so-dang-ky-van-ban-den-2026: the register's own name, then the year. */
export const registerFileName = (register: RegisterInfo, year: number) => `${fileNameWords(register.name)}-${year}`;
