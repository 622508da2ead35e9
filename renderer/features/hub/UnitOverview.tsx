/**
 * A leader's overview of the open work per unit in "Việc của tôi" (the agency's leaders see every
 * unit, a unit leader his own): the agency server's counts now, overdue first; "Xem việc" opens a
 * unit's open work as this desk holds it, each row opening its document. Buttons and links only,
 * so the keyboard goes through it as through the rest of the screen.
 */
import { useState } from 'react';
import type { UnitWorkStanding } from '../../../shared/hub/workflow.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { useApiQuery } from '../../api/client.js';
import { PriorityBadge } from '../../components/badges.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';
import { holderName, useDirectory } from './work-desk.js';

/** Units with overdue work first, the latest first; then by due soon; then in the server's order. */
const byUrgency = (a: UnitWorkStanding, b: UnitWorkStanding) => b.overdue - a.overdue || b.mostWorkingDaysLate - a.mostWorkingDaysLate || b.dueSoon - a.dueSoon;

export function UnitOverview() {
  const { t } = useI18n();
  const overview = useApiQuery('hub.overdueOverview', {});
  const [open, setOpen] = useState<number | null>(null);
  if (overview.data === null) return null;
  const title = t('work.overview.title');
  if (overview.error && !overview.data) {
    return (
      <div className="table-wrap">
        <h2>{title}</h2>
        {overview.error.code === 'unavailable' ? <p className="muted">{t('work.overview.offline')}</p> : <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      </div>
    );
  }
  if (!overview.data) return null;
  const units = [...overview.data.units].sort(byUrgency);
  return (
    <div className="table-wrap">
      <h2>{title}</h2>
      <p className="muted">{t('work.overview.asOf', { date: formatDayMonthYear(overview.data.day) })}</p>
      <table className="data-table work-table" aria-label={title}>
        <thead>
          <tr>
            {(['unit', 'overdue', 'dueSoon', 'onTrack', 'noDeadline', 'mostLate'] as const).map((column) => (
              <th key={column} scope="col">
                {t(`work.overview.col.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => {
            const shown = open === unit.unitId;
            return (
              <tr key={unit.unitId} className={unit.overdue > 0 ? 'row-overdue' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={shown}
                    aria-controls={`unit-work-${unit.unitId}`}
                    onClick={() => setOpen(shown ? null : unit.unitId)}
                  >
                    {t(shown ? 'work.overview.hide' : 'work.overview.show', { unit: unit.name })}
                  </button>
                </th>
                <td>{unit.overdue}</td>
                <td>{unit.dueSoon}</td>
                <td>{unit.onTrack}</td>
                <td>{unit.noDeadline}</td>
                <td>{unit.mostWorkingDaysLate > 0 ? t('work.overview.days', { days: unit.mostWorkingDaysLate }) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {open !== null ? <UnitWork unit={units.find((unit) => unit.unitId === open)!} /> : null}
    </div>
  );
}

/** One unit's open work from this desk's copy, soonest deadline first. */
function UnitWork({ unit }: { unit: UnitWorkStanding }) {
  const { t } = useI18n();
  const work = useApiQuery('hub.unitWork', { unitId: unit.unitId });
  const directory = useDirectory();
  const title = t('work.overview.unitWork', { unit: unit.name });
  return (
    <div id={`unit-work-${unit.unitId}`} className="table-wrap">
      <h3>{title}</h3>
      {work.error ? <QueryError error={work.error} onRetry={() => void work.refetch()} /> : null}
      {work.data && work.data.length === 0 ? <p className="empty-state">{t('work.overview.noWork')}</p> : null}
      {work.data && work.data.length > 0 ? (
        <table className="data-table work-table" aria-label={title}>
          <thead>
            <tr>
              {[t('work.col.document'), t('work.col.holderNow'), t('work.col.deadline'), t('work.col.state')].map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {work.data.map(({ documentId, subject, priority, item, standing, workingDaysLate }) => (
              <tr key={item.id} className={standing === 'overdue' ? 'row-overdue' : undefined}>
                <td>
                  <a href={routeHref({ area: 'inbox', documentId })}>{subject}</a> <PriorityBadge priority={priority} hideNormal />
                </td>
                <td>{holderName(directory.data, item)}</td>
                <td>
                  {item.deadline ? formatDayMonthYear(item.deadline) : <span className="muted">{t('work.noDeadline')}</span>}
                  {standing === 'overdue' ? <span className="badge badge-overdue"> {t('work.overdue')} · {t('work.overview.days', { days: workingDaysLate })}</span> : null}
                  {standing === 'due_soon' ? <span className="badge"> {t('work.dueSoon')}</span> : null}
                </td>
                <td>{t(`work.state.${item.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
