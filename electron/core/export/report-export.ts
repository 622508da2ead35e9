/** A report as a table for export, with Vietnamese headers (the agency's record). */
import type { CountRow, OverdueRow, ProcessingTimes, ReportKind } from '../../../shared/api/registers.js';
import { t } from '../../../shared/i18n/messages.js';
import type { Period } from '../store/reports.js';
import type { ExportTable } from './table.js';

export type ReportData =
  | { kind: 'byMonth' | 'byAgency' | 'byType'; rows: CountRow[] }
  | { kind: 'processingTimes'; times: ProcessingTimes }
  | { kind: 'overdue'; rows: OverdueRow[] };

const typeLabel = (label: string) => label || t('reports.untyped', 'vi');

export function reportTable(data: ReportData, period: Period): ExportTable {
  const title = t(`reports.kind.${data.kind satisfies ReportKind}`, 'vi').toLocaleUpperCase('vi-VN');
  const subtitle = `Từ ngày ${period.from} đến ngày ${period.to}`;
  switch (data.kind) {
    case 'byMonth':
    case 'byAgency':
    case 'byType':
      return {
        title,
        subtitle,
        columns: [
          { header: t(`reports.label.${data.kind}`, 'vi'), width: 3 },
          { header: t('reports.sent', 'vi'), width: 1 },
          { header: t('reports.received', 'vi'), width: 1 },
        ],
        rows: data.rows.map((row) => [data.kind === 'byType' ? typeLabel(row.label) : row.label, row.sent, row.received]),
      };
    case 'processingTimes':
      return {
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
        title,
        subtitle: '',
        columns: [
          { header: t('registers.col.numberNotation', 'vi'), width: 2 },
          { header: t('reports.overdue.subject', 'vi'), width: 5 },
          { header: t('reports.overdue.sender', 'vi'), width: 3 },
          { header: t('reports.overdue.dueDate', 'vi'), width: 2 },
          { header: t('reports.overdue.daysLate', 'vi'), width: 1 },
        ],
        rows: data.rows.map((row) => [row.numberNotation, row.subject, row.senderName, row.dueDate, row.daysLate]),
      };
  }
}
