/** The admin's filtered audit log as a table for export, in Vietnamese (the agency's record). */
import type { AuditRow } from '../../../shared/hub/audit-log.js';
import { auditRowWords } from '../../../shared/hub/audit-words.js';
import { t } from '../../../shared/i18n/messages.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { vietnamDate, vietnamDayAndMinute } from '../../../shared/text/vietnam-time.js';
import { fileNameDate } from './file-name.js';
import type { ExportTable } from './table.js';

export interface AuditExport {
  rows: readonly AuditRow[];
  /** The filter's period, if any (days, both included). */
  from?: string | undefined;
  to?: string | undefined;
  /** More rows matched than the file holds (the newest are kept). */
  truncated: boolean;
  now: Date;
}

export function auditTable(agency: string, data: AuditExport): ExportTable {
  const today = vietnamDate(data.now);
  const period = t('export.report.period', 'vi', { from: formatDayMonthYear(data.from ?? (data.rows.length > 0 ? vietnamDate(new Date(data.rows.at(-1)!.at)) : today)), to: formatDayMonthYear(data.to ?? today) });
  const subtitle = data.from || data.to ? period : t('audit.export.all', 'vi', { date: formatDayMonthYear(today) });
  return {
    agency,
    title: t('audit.export.title', 'vi').toLocaleUpperCase('vi-VN'),
    subtitle: data.truncated ? `${subtitle} — ${t('audit.export.truncated', 'vi', { count: data.rows.length })}` : subtitle,
    columns: [
      { header: t('audit.col.at', 'vi'), width: 2 },
      { header: t('audit.col.actor', 'vi'), width: 3 },
      { header: t('audit.col.desk', 'vi'), width: 3 },
      { header: t('audit.col.action', 'vi'), width: 3 },
      { header: t('audit.col.document', 'vi'), width: 5 },
    ],
    rows: data.rows.map((row) => {
      const words = auditRowWords(row, 'vi');
      return [vietnamDayAndMinute(new Date(row.at)), words.actor, words.desk, words.action, words.document];
    }),
  };
}

/** nhat-ky-may-chu-den-06-12-2026 */
export function auditFileName(now: Date): string {
  return `nhat-ky-may-chu-den-${fileNameDate(vietnamDate(now))}`;
}
