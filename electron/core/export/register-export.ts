/**
 * A register's book of a year as the decree's table (docs/formats.md#decree-30), with the Vietnamese headers of
 * the paper form whatever the UI language: the file is the agency's record.
 */
import { registerColumns, type RegisterColumn, type RegisterEntry, type RegisterInfo } from '../../../shared/api/registers.js';
import { t } from '../../../shared/i18n/messages.js';
import type { ExportTable } from './table.js';

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

export function registerTable(register: RegisterInfo, year: number, entries: readonly RegisterEntry[]): ExportTable {
  const columns = registerColumns(register.direction);
  return {
    title: register.name.toLocaleUpperCase('vi-VN'),
    subtitle: `Năm ${year}`,
    columns: columns.map((column) => ({ header: t(`registers.col.${column}`, 'vi'), width: WIDTH[column] })),
    rows: entries.map((entry) => columns.map((column) => entry.cells[column] ?? '')),
  };
}
