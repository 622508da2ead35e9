/**
 * Báo cáo thống kê: one report at a time over a period, each one call to the core (an SQL
 * aggregate there), a chart (recharts: SVG, styled through attributes and the CSSOM only, so it
 * runs under the style-src 'self' CSP) and its table, exported to XLSX by the core. A desk in
 * agency mode has the agency server's report instead, the work handling per unit and person
 * (WorkReport.tsx): its own copy of the documents is not the agency's record.
 */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { REPORT_KINDS, type ReportKind } from '../../../shared/api/registers.js';
import { documentStateKey, formatNumber } from '../../../shared/i18n/messages.js';
import { formatDayMonthYear, formatMonthYear } from '../../../shared/text/display-formats.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { PeriodFields, usePeriod, type Period } from './period.js';
import { documentHref } from '../../router.js';
import { ExportButton } from '../../components/ExportButton.js';
import { ExportPolicyNote } from '../policy/PolicyNotes.js';
import { useAgencyDesk } from '../hub/agency-desk.js';
import { WorkReportSection } from './WorkReport.js';

/** The two series of every chart, in the app's accent colours. */
const SENT_COLOUR = '#1f5fa8';
const RECEIVED_COLOUR = '#c0392b';
const CHART_HEIGHT = 320;

const COUNT_GROUPING = { byMonth: 'month', byAgency: 'agency', byType: 'type' } as const;
type CountKind = keyof typeof COUNT_GROUPING;
const isCountKind = (kind: ReportKind): kind is CountKind => kind in COUNT_GROUPING;

export function ReportsScreen() {
  return useAgencyDesk() ? <WorkReportSection /> : <DocumentReports />;
}

function DocumentReports() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ReportKind>('byMonth');
  const dates = usePeriod((today) => `${today.slice(0, 4)}-01-01`);
  const { period } = dates;

  return (
    <section className="screen reports-screen" aria-labelledby="reports-title">
      <div className="screen-header">
        <h1 id="reports-title">{t('reports.title')}</h1>
      </div>
      <div className="register-toolbar">
        <Field label={t('reports.kind')}>
<select value={kind} onChange={(event) => setKind(event.target.value as ReportKind)}>
            {REPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.kind.${k}`)}
              </option>
            ))}
          </select>
</Field>
        <PeriodFields state={dates} />
        {period ? <ExportButton method="reports.export" input={{ kind, ...period, format: 'pdf' }} label={t('registers.exportPdf')} /> : null}
        {period ? <ExportButton method="reports.export" input={{ kind, ...period, format: 'xlsx' }} label={t('registers.exportXlsx')} /> : null}
      </div>
      <ExportPolicyNote />
      {period ? isCountKind(kind) ? <CountReport kind={kind} period={period} /> : kind === 'processingTimes' ? <ProcessingReport period={period} /> : <OverdueReport /> : null}
    </section>
  );
}


interface Column<Row> {
  header: string;
  value: (row: Row) => number;
}

interface BarReportProps<Row extends { label: string }> {
  title: string;
  labelHeader: string;
  rows: Row[];
  /** The two bars of the chart (data keys of Row), in the two series colours. */
  bars: readonly [{ key: string; name: string }, { key: string; name: string }];
  columns: Column<Row>[];
  integers?: boolean;
}

/** A report's bar chart and, under it, the same figures as a table (for reading and for screen readers). */
function BarReport<Row extends { label: string }>({ title, labelHeader, rows, bars, columns, integers = false }: BarReportProps<Row>) {
  const { t, lang } = useI18n();
  return (
    <>
      <figure className="report-chart" aria-label={t('reports.chart', { title })}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={rows} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={!integers} />
            <Tooltip />
            <Legend />
            <Bar dataKey={bars[0].key} name={bars[0].name} fill={SENT_COLOUR} />
            <Bar dataKey={bars[1].key} name={bars[1].name} fill={RECEIVED_COLOUR} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <table className="data-table report-table" aria-label={title}>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            {columns.map((column) => (
              <th key={column.header} scope="col" className="numeric">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {columns.map((column) => (
                <td key={column.header} className="numeric">
                  {formatNumber(column.value(row), lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CountReport({ kind, period }: { kind: CountKind; period: Period }) {
  const { t } = useI18n();
  const report = useApiQuery('reports.counts', { groupBy: COUNT_GROUPING[kind], ...period });
  if (report.error) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <p className="muted">{t('common.loading')}</p>;
  if (report.data.length === 0) return <p className="empty-state">{t('reports.empty')}</p>;
  const rows = report.data.map((row) => ({ ...row, label: kind === 'byMonth' ? formatMonthYear(row.label) : kind === 'byType' && !row.label ? t('reports.untyped') : row.label }));
  const [sent, received] = [t('reports.sent'), t('reports.received')];
  return (
    <BarReport
      title={t(`reports.kind.${kind}`)}
      labelHeader={t(`reports.label.${kind}`)}
      rows={rows}
      integers
      bars={[{ key: 'sent', name: sent }, { key: 'received', name: received }]}
      columns={[{ header: sent, value: (row) => row.sent }, { header: received, value: (row) => row.received }]}
    />
  );
}

function ProcessingReport({ period }: { period: Period }) {
  const { t } = useI18n();
  const report = useApiQuery('reports.processingTimes', period);
  if (report.error) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <p className="muted">{t('common.loading')}</p>;
  const times = report.data;
  if (times.count === 0) return <p className="empty-state">{t('reports.empty')}</p>;
  const rows = times.rows.map((row) => ({ ...row, label: row.label || t('reports.untyped') }));
  const [median, p90] = [t('reports.median'), t('reports.p90')];
  return (
    <>
      <p>{t('reports.processing.summary', { count: times.count, median: times.medianHours ?? 0, p90: times.p90Hours ?? 0 })}</p>
      <BarReport
        title={t('reports.kind.processingTimes')}
        labelHeader={t('reports.label.processingTimes')}
        rows={rows}
        bars={[{ key: 'medianHours', name: median }, { key: 'p90Hours', name: p90 }]}
        columns={[
          { header: t('reports.count'), value: (row) => row.count },
          { header: median, value: (row) => row.medianHours },
          { header: p90, value: (row) => row.p90Hours },
        ]}
      />
    </>
  );
}

function OverdueReport() {
  const { t, lang } = useI18n();
  const report = useApiQuery('reports.overdue', {});
  if (report.error) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <p className="muted">{t('common.loading')}</p>;
  if (report.data.length === 0) return <p className="empty-state">{t('reports.empty')}</p>;
  return (
    <table className="data-table report-table" aria-label={t('reports.kind.overdue')}>
      <thead>
        <tr>
          <th scope="col">{t('registers.col.numberNotation')}</th>
          <th scope="col">{t('reports.overdue.subject')}</th>
          <th scope="col">{t('reports.overdue.sender')}</th>
          <th scope="col">{t('reports.overdue.dueDate')}</th>
          <th scope="col" className="numeric">
            {t('reports.overdue.daysLate')}
          </th>
          <th scope="col">{t('reports.overdue.state')}</th>
        </tr>
      </thead>
      <tbody>
        {report.data.map((row) => (
          <tr key={row.documentId}>
            <td>{row.numberNotation}</td>
            <td>
              <a href={documentHref('incoming', row.documentId)}>{row.subject}</a>
            </td>
            <td>{row.senderName}</td>
            <td className="nowrap">{formatDayMonthYear(row.dueDate)}</td>
            <td className="numeric">{formatNumber(row.daysLate, lang)}</td>
            <td>{t(documentStateKey(row.state))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
