/**
 * "Việc của tôi" in standalone mode: the one person's registered arrivals not finished yet,
 * soonest deadline first, overdue and due soon marked. Each row opens the document, where its
 * deadline and instruction are set and "Đang xử lý" / "Hoàn thành" sent. docs/architecture.md,
 * "Điều hành in standalone mode".
 */
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { PriorityBadge } from '../../components/badges.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';
import { standingClass, useArrivalWork } from './arrival-work.js';

export function ArrivalWorkScreen() {
  const { t } = useI18n();
  const work = useArrivalWork();
  const title = t('work.title');
  return (
    <section className="screen" aria-labelledby="work-title">
      <div className="screen-header">
        <h1 id="work-title">{title}</h1>
      </div>
      <p className="screen-intro">{t('work.standalone.intro')}</p>
      {work.error && !work.data ? <QueryError error={work.error} onRetry={() => void work.refetch()} /> : null}
      {work.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      {work.data && work.data.length === 0 ? <p className="empty-state">{t('work.standalone.empty')}</p> : null}
      {work.data && work.data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table work-table" aria-label={title}>
            <thead>
              <tr>
                {[t('work.col.document'), t('work.col.deadline'), t('work.col.state'), t('work.col.instruction')].map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {work.data.map((item) => (
                <tr key={item.documentId} className={standingClass(item)}>
                  <td>
                    <a href={routeHref({ area: 'inbox', documentId: item.documentId })}>{item.subject}</a> <PriorityBadge priority={item.priority} hideNormal />
                    {item.arrivalNumber !== null ? <span className="muted"> · {t('work.arrivalNumber', { number: item.arrivalNumber })}</span> : null}
                  </td>
                  <td>
                    {formatDayMonthYear(item.deadline)}
                    {item.defaultDeadline ? <span className="muted"> ({t('work.defaultDeadline')})</span> : null}
                    {item.standing === 'overdue' ? <span className="badge badge-overdue">{t('work.overdue')}</span> : null}
                    {item.standing === 'due_soon' ? <span className="badge badge-due-soon">{t('work.dueSoon')}</span> : null}
                  </td>
                  <td>{t(`docState.${item.state}`)}</td>
                  <td>{item.instruction ? <p className="work-note">{item.instruction}</p> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
