/**
 * "Xử lý công việc" (agency mode's Reports screen): over a period, the work per unit as the
 * agency server lets this person see it, each unit opening onto its people, the total, and the
 * rule that arrivals are presented the day they are registered. The server makes the figures
 * (docs/formats.md, "Work handling report"); out of its reach the screen says so plainly.
 */
import { Fragment, useState } from 'react';
import type { PresentationFigures, WorkFigures, WorkReport as Report } from '../../../shared/hub/work-report.js';
import { formatNumber, type MessageKey } from '../../../shared/i18n/messages.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { useApiQuery } from '../../api/client.js';
import { ExportButton } from '../../components/ExportButton.js';
import { QueryError } from '../../components/QueryError.js';
import { TechnicalDetails } from '../../components/TechnicalDetails.js';
import { useI18n } from '../../i18n.js';
import { PeriodFields, usePeriod, type Period } from './period.js';
import { ExportPolicyNote } from '../policy/PolicyNotes.js';

const COUNTS = ['assigned', 'doneOnTime', 'doneLate', 'open', 'openOverdue', 'closed'] as const;
const PRESENTATION = ['registered', 'onTime', 'late', 'waiting'] as const;

export function WorkReportSection() {
  const { t } = useI18n();
  // This month so far: what a head looks at most.
  const dates = usePeriod((today) => `${today.slice(0, 7)}-01`);
  const { period } = dates;
  return (
    <section className="screen reports-screen" aria-labelledby="work-report-title">
      <div className="screen-header">
        <h1 id="work-report-title">{t('reports.work.title')}</h1>
      </div>
      <div className="register-toolbar">
        <PeriodFields state={dates} />
        {period ? <ExportButton method="hub.exportWorkReport" input={{ ...period, format: 'pdf' }} label={t('registers.exportPdf')} /> : null}
        {period ? <ExportButton method="hub.exportWorkReport" input={{ ...period, format: 'xlsx' }} label={t('registers.exportXlsx')} /> : null}
      </div>
      <ExportPolicyNote />
      {period ? <WorkReportFigures period={period} /> : null}
    </section>
  );
}

function WorkReportFigures({ period }: { period: Period }) {
  const { t } = useI18n();
  const report = useApiQuery('hub.workReport', period);
  if (report.error?.code === 'unavailable') {
    return (
      <div className="query-error" role="alert">
        <p>{t('reports.work.offline')}</p>
        <button type="button" className="button button-small" onClick={() => void report.refetch()}>
          {t('common.retry')}
        </button>
        <TechnicalDetails>{report.error.message}</TechnicalDetails>
      </div>
    );
  }
  if (report.error) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <p className="muted">{t('common.loading')}</p>;
  const data = report.data;
  return (
    <>
      <p>
        {t(`reports.work.scope.${data.scope}`)} {t('reports.work.asOf', { date: formatDayMonthYear(data.day) })}
      </p>
      {data.total.assigned === 0 ? <p className="empty-state">{t('reports.empty')}</p> : <UnitsTable report={data} />}
      {data.presentation ? <PresentationTable presentation={data.presentation} /> : null}
    </>
  );
}

function UnitsTable({ report }: { report: Report }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (unitId: number) =>
    setOpen((before) => {
      const next = new Set(before);
      if (!next.delete(unitId)) next.add(unitId);
      return next;
    });
  return (
    <table className="data-table report-table work-report-table" aria-label={t('reports.work.title')}>
      <thead>
        <tr>
          <th scope="col">{t('reports.work.unit')}</th>
          {COUNTS.map((key) => (
            <th key={key} scope="col" className="numeric">
              {t(`reports.work.${key}`)}
            </th>
          ))}
          <th scope="col" className="numeric">
            {t('reports.work.onTimeRate')}
          </th>
          <th scope="col" className="numeric">
            {t('reports.work.averageDays')}
          </th>
        </tr>
      </thead>
      <tbody>
        {report.units.map((unit) => (
          <Fragment key={unit.unitId}>
            <tr>
              <th scope="row">
                {unit.people.length > 0 ? (
                  <button type="button" className="report-unit-toggle" aria-expanded={open.has(unit.unitId)} aria-label={t('reports.work.showPeople', { unit: unit.name })} onClick={() => toggle(unit.unitId)}>
                    {open.has(unit.unitId) ? '▾' : '▸'} {unit.name}
                  </button>
                ) : (
                  unit.name
                )}
              </th>
              <FigureCells figures={unit} />
            </tr>
            {open.has(unit.unitId)
              ? unit.people.map((person) => (
                  <tr key={person.userId ?? 0} className="report-subrow">
                    <th scope="row">{person.userId === null ? t('reports.work.unitItself', { unit: unit.name }) : person.name}</th>
                    <FigureCells figures={person} />
                  </tr>
                ))
              : null}
          </Fragment>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.work.total')}</th>
          <FigureCells figures={report.total} />
        </tr>
      </tfoot>
    </table>
  );
}

function FigureCells({ figures }: { figures: WorkFigures }) {
  const { t, lang } = useI18n();
  const number = (value: number | null) => (value === null ? t('common.none') : formatNumber(value, lang));
  return (
    <>
      {COUNTS.map((key) => (
        <td key={key} className="numeric">
          {number(figures[key])}
        </td>
      ))}
      <td className="numeric">{number(figures.onTimeRate === null ? null : Math.round(figures.onTimeRate * 1000) / 10)}</td>
      <td className="numeric">{number(figures.averageWorkingDays)}</td>
    </>
  );
}

function PresentationTable({ presentation }: { presentation: NonNullable<Report['presentation']> }) {
  const { t, lang } = useI18n();
  const title = t('reports.work.presentation.title');
  const row = (kind: 'normal' | 'urgent', figures: PresentationFigures) => (
    <tr key={kind}>
      <th scope="row">{t(`reports.work.presentation.${kind}`)}</th>
      {PRESENTATION.map((key) => (
        <td key={key} className="numeric">
          {formatNumber(figures[key], lang)}
        </td>
      ))}
    </tr>
  );
  return (
    <>
      <h2>{title}</h2>
      <p>{t('reports.work.presentation.rule', { hours: presentation.urgentHours })}</p>
      <table className="data-table report-table" aria-label={title}>
        <thead>
          <tr>
            <th scope="col">{t('reports.work.presentation.kind')}</th>
            {PRESENTATION.map((key) => (
              <th key={key} scope="col" className="numeric">
                {t(`reports.work.presentation.${key}` satisfies MessageKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row('normal', presentation.normal)}
          {row('urgent', presentation.urgent)}
        </tbody>
      </table>
    </>
  );
}
