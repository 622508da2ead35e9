/**
 * The agency server's work handling report as a table for export (docs/formats.md, "Work
 * handling report"): a row per unit, its people under it, the total, then the presentation rule's
 * lines. Counts stay numbers; the on-time rate is a percentage, blank when nothing was finished.
 */
import type { WorkFigures, WorkReport } from '../../../shared/hub/work-report.js';
import { t } from '../../../shared/i18n/messages.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { fileNameDate, fileNameWords } from './file-name.js';
import type { ExportCell, ExportTable } from './table.js';

const TITLE = () => t('reports.work.title', 'vi');
/** People under their unit, indented as in the screen's drill-down. */
const PERSON_INDENT = '    ';

function figureCells(figures: WorkFigures): ExportCell[] {
  return [
    figures.assigned,
    figures.doneOnTime,
    figures.doneLate,
    figures.open,
    figures.openOverdue,
    figures.closed,
    figures.onTimeRate === null ? '' : Math.round(figures.onTimeRate * 1000) / 10,
    figures.averageWorkingDays ?? '',
  ];
}

export function workReportTable(agency: string, report: WorkReport): ExportTable {
  const columns = (['assigned', 'doneOnTime', 'doneLate', 'open', 'openOverdue', 'closed', 'onTimeRate', 'averageDays'] as const).map((key) => ({ header: t(`reports.work.${key}`, 'vi'), width: 1 }));
  const rows: ExportCell[][] = [];
  for (const unit of report.units) {
    rows.push([`${unit.code} – ${unit.name}`, ...figureCells(unit)]);
    for (const person of unit.people) rows.push([PERSON_INDENT + (person.userId === null ? t('reports.work.unitItself', 'vi', { unit: unit.name }) : person.name), ...figureCells(person)]);
  }
  rows.push([t('reports.work.total', 'vi'), ...figureCells(report.total)]);
  const blank = (text: string): ExportCell[] => [text, ...columns.map(() => '')];
  if (report.presentation) {
    const { presentation } = report;
    rows.push(blank(''), blank(`${t('reports.work.presentation.title', 'vi')}. ${t('reports.work.presentation.rule', 'vi', { hours: presentation.urgentHours })}`));
    for (const kind of ['normal', 'urgent'] as const) rows.push(blank(t('reports.work.presentation.line', 'vi', { kind: t(`reports.work.presentation.${kind}`, 'vi'), ...presentation[kind] })));
  }
  return {
    agency,
    title: TITLE().toLocaleUpperCase('vi-VN'),
    subtitle: t('export.report.workPeriod', 'vi', { from: formatDayMonthYear(report.from), to: formatDayMonthYear(report.to), day: formatDayMonthYear(report.day) }),
    columns: [{ header: t('reports.work.unit', 'vi'), width: 4 }, ...columns],
    rows,
  };
}

/** bao-cao-xu-ly-cong-viec-tu-16-11-2026-den-30-11-2026 */
export const workReportFileName = (report: WorkReport): string => `bao-cao-${fileNameWords(TITLE())}-tu-${fileNameDate(report.from)}-den-${fileNameDate(report.to)}`;
