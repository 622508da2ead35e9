/** A report as a table for export, with Vietnamese headers (the agency's record). */
import type { CountRow, OverdueRow, ProcessingTimes, ReportKind } from '../../../shared/api/registers.js';
import { t } from '../../../shared/i18n/messages.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import type { Period } from '../store/reports.js';
import { fileNameDate, fileNameWords } from './file-name.js';
import { dateCell, type ExportTable } from './table.js';

export type ReportData =
  | { kind: 'byMonth' | 'byAgency' | 'byType'; rows: CountRow[] }
  | { kind: 'processingTimes'; times: ProcessingTimes }
  /** `today`: the day the overdue documents are counted on. */
  | { kind: 'overdue'; rows: OverdueRow[]; today: string };

const typeLabel = (label: string) => label || t('reports.untyped', 'vi');
const titleOf = (kind: ReportKind) => t(`reports.kind.${kind}`, 'vi');

export function reportTable(agency: string, data: ReportData, period: Period): ExportTable {
  const title = titleOf(data.kind).toLocaleUpperCase('vi-VN');
  const subtitle = t('export.report.period', 'vi', { from: formatDayMonthYear(period.from), to: formatDayMonthYear(period.to) });
  switch (data.kind) {
    case 'byMonth':
    case 'byAgency':
    case 'byType':
      return {
        agency,
        title,
        subtitle,
        columns: [
          { header: t(`reports.label.${data.kind}`, 'vi'), width: 3 },
          { header: t('reports.sent', 'vi'), width: 1 },
          { header: t('reports.received', 'vi'), width: 1 },
        ],
        rows: data.rows.map((row) => [data.kind === 'byMonth' ? dateCell(row.label) : data.kind === 'byType' ? typeLabel(row.label) : row.label, row.sent, row.received]),
      };
    case 'processingTimes':
      return {
        agency,
        title,
        subtitle,
        columns: [
          { header: t('reports.label.processingTimes', 'vi'), width: 3 },
          { header: t('reports.count', 'vi'), width: 1 },
          { header: t('reports.median', 'vi'), width: 1 },
          { header: t('reports.p90', 'vi'), width: 1 },
        ],
        rows: data.times.rows.map((row) => [typeLabel(row.label), row.count, row.medianHours, row.p90Hours]),
      };
    case 'overdue':
      return {
        agency,
        title,
        subtitle: t('export.report.asOf', 'vi', { date: formatDayMonthYear(data.today) }),
        columns: [
          { header: t('registers.col.numberNotation', 'vi'), width: 2 },
          { header: t('reports.overdue.subject', 'vi'), width: 5 },
          { header: t('reports.overdue.sender', 'vi'), width: 3 },
          { header: t('reports.overdue.dueDate', 'vi'), width: 2 },
          { header: t('reports.overdue.daysLate', 'vi'), width: 1 },
        ],
        rows: data.rows.map((row) => [row.numberNotation, row.subject, row.senderName, dateCell(row.dueDate), row.daysLate]),
      };
  }
}

/** bao-cao-theo-thang-tu-01-01-2026-den-31-03-2026; the overdue list: bao-cao-van-ban-qua-han-den-04-12-2026. */
export function reportFileName(data: ReportData, period: Period): string {
  const name = `bao-cao-${fileNameWords(titleOf(data.kind))}`;
  return data.kind === 'overdue' ? `${name}-den-${fileNameDate(data.today)}` : `${name}-tu-${fileNameDate(period.from)}-den-${fileNameDate(period.to)}`;
}
