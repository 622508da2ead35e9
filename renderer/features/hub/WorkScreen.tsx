/**
 * "Việc của tôi" at a desk in agency mode, from the replica (offline too): for a clerk, the
 * registered arrivals still to present to a leader, the more urgent first; for a leader, the
 * documents waiting for his instruction ("Chờ cho ý kiến") and the drafts waiting for his signature
 * ("Chờ ký"), each opening the draft, where he signs or returns it; for everyone, the work he holds (and
 * his unit's, for a unit leader), soonest deadline first, overdue marked, and an extension (gia
 * hạn) he asked marked while it waits; for one above an item, the extensions waiting for his
 * decision; his deadline reminders and daily digests; for a leader, the overview of overdue work per
 * unit. Each row opens the document, where the work is done. docs/architecture.md, "The desk in agency mode".
 */
import type { ReactNode } from 'react';
import type { ArrivalToPresent } from '../../../shared/api/hub-link.js';
import type { ExtensionToDecide } from '../../../shared/hub/my-work.js';
import type { DraftToSign, MyWorkItem } from '../../../shared/hub/workflow.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { PriorityBadge } from '../../components/badges.js';
import { QueryError } from '../../components/QueryError.js';
import { vietnamToday } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { documentHref, routeHref } from '../../router.js';
import { useAgencyDesk } from './agency-desk.js';
import { PendingMark } from './CommandNotice.js';
import { UnitOverview } from './UnitOverview.js';
import { WorkNotices } from './WorkNotices.js';
import { holderName, useDirectory, useMyWork, waitingForInstruction } from './work-desk.js';

const documentLink = (documentId: number) => routeHref({ area: 'inbox', documentId });

export function WorkScreen() {
  const { t } = useI18n();
  const work = useMyWork();
  const items = work.data?.items ?? [];
  const waiting = waitingForInstruction(items);
  const assigned = items.filter((entry) => entry.item.role !== 'decide');
  const asked = new Map((work.data?.extensionsAsked ?? []).map((extension) => [extension.itemId, extension.proposed]));
  const toDecide = work.data?.extensionsToDecide ?? [];
  const toSign = work.data?.toSign ?? [];
  const leads = useAgencyDesk()?.user?.roles.some((role) => role === 'leader' || role === 'unit_leader') ?? false;
  return (
    <section className="screen" aria-labelledby="work-title">
      <div className="screen-header">
        <h1 id="work-title">{t('work.title')}</h1>
      </div>
      <p className="screen-intro">{t('work.intro')}</p>
      {work.error && !work.data ? <QueryError error={work.error} onRetry={() => void work.refetch()} /> : null}
      {work.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      <WorkNotices />
      {leads ? <UnitOverview /> : null}
      {work.data && work.data.toPresent.length > 0 ? <ToPresent rows={work.data.toPresent} /> : null}
      {waiting.length > 0 ? <WorkTable title={t('work.waiting.title')} rows={waiting} /> : null}
      {toSign.length > 0 ? <ToSign rows={toSign} /> : null}
      {toDecide.length > 0 ? <ExtensionsToDecide rows={toDecide} /> : null}
      {work.data ? (
        assigned.length > 0 ? (
          <WorkTable title={t('work.assigned.title')} rows={assigned} asked={asked} />
        ) : waiting.length === 0 && toSign.length === 0 && toDecide.length === 0 && work.data.toPresent.length === 0 ? (
          <p className="empty-state">{t('work.empty')}</p>
        ) : null
      ) : null}
    </section>
  );
}

/** `asked`: the day asked for, by item, of the extensions waiting for a decision. */
function WorkTable({ title, rows, asked }: { title: string; rows: readonly MyWorkItem[]; asked?: ReadonlyMap<number, string> }) {
  const { t } = useI18n();
  const today = vietnamToday();
  return (
    <TitledTable title={title} columns={[t('work.col.document'), t('work.col.role'), t('work.col.deadline'), t('work.col.state')]}>
      {rows.map(({ documentId, subject, priority, arrivalNumber, item }) => {
        const overdue = item.deadline !== null && item.deadline < today;
        return (
          <tr key={item.id} className={[priority > 0 ? 'row-urgent' : '', overdue ? 'row-overdue' : ''].filter(Boolean).join(' ') || undefined}>
            <td>
              <a href={documentLink(documentId)}>{subject}</a> <PriorityBadge priority={priority} hideNormal />
              {arrivalNumber !== null ? <span className="muted"> · {t('work.arrivalNumber', { number: arrivalNumber })}</span> : null} <PendingMark documentId={documentId} />
            </td>
            <td>{t(`work.role.${item.role}`)}</td>
            <td>
              {item.deadline ? formatDayMonthYear(item.deadline) : <span className="muted">{t('work.noDeadline')}</span>}
              {overdue ? <span className="badge badge-overdue"> {t('work.overdue')}</span> : null}
              {asked?.has(item.id) ? <span className="badge badge-extension"> {t('work.extension.waiting', { date: formatDayMonthYear(asked.get(item.id)!) })}</span> : null}
            </td>
            <td>{t(`work.state.${item.state}`)}</td>
          </tr>
        );
      })}
    </TitledTable>
  );
}

/** The extensions waiting for his decision ("Chờ duyệt gia hạn"), the oldest asked first: he decides on the document's page. */
function ExtensionsToDecide({ rows }: { rows: readonly ExtensionToDecide[] }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const title = t('work.extensions.title');
  return (
    <TitledTable title={title} columns={[t('work.col.document'), t('work.col.holder'), t('work.col.deadline'), t('work.col.extension')]}>
      {rows.map(({ documentId, subject, priority, item, extension }) => (
        <tr key={extension.id} className={priority > 0 ? 'row-urgent' : undefined}>
          <td>
            <a href={documentLink(documentId)}>{subject}</a> <PriorityBadge priority={priority} hideNormal /> <PendingMark documentId={documentId} />
          </td>
          <td>{holderName(directory.data, item)}</td>
          <td>{formatDayMonthYear(extension.from)}</td>
          <td>
            {formatDayMonthYear(extension.proposed)}
            <p className="work-note">{extension.reason}</p>
          </td>
        </tr>
      ))}
    </TitledTable>
  );
}

/** The drafts submitted for his signature ("Chờ ký"), the earliest first: he signs or returns each on its page. */
function ToSign({ rows }: { rows: readonly DraftToSign[] }) {
  const { t } = useI18n();
  const directory = useDirectory();
  return (
    <TitledTable title={t('work.toSign.title')} columns={[t('work.col.document'), t('work.col.submittedBy'), t('work.col.submittedAt')]}>
      {rows.map(({ documentId, subject, priority, submittedBy, submittedAt }) => (
        <tr key={documentId} className={priority > 0 ? 'row-urgent' : undefined}>
          <td>
            <a href={documentHref('draft', documentId)}>{subject}</a> <PriorityBadge priority={priority} hideNormal /> <PendingMark documentId={documentId} />
          </td>
          <td>{submittedBy === null ? '—' : holderName(directory.data, { unitId: null, userId: submittedBy })}</td>
          <td>{submittedAt === null ? '—' : formatDayMonthYear(vietnamDate(new Date(submittedAt)))}</td>
        </tr>
      ))}
    </TitledTable>
  );
}

/** One table of the screen: its heading names it for the eye and, as its label, for a screen reader. */
function TitledTable({ title, columns, children }: { title: string; columns: readonly string[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <h2>{title}</h2>
      <table className="data-table work-table" aria-label={title}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The clerk's arrivals still to present (Trình lãnh đạo), the more urgent first. */
function ToPresent({ rows }: { rows: readonly ArrivalToPresent[] }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <h2>{t('work.toPresent.title')}</h2>
      <ul className="work-to-present" aria-label={t('work.toPresent.title')}>
        {rows.map((row) => (
          <li key={row.documentId} className={row.priority > 0 ? 'row-urgent' : undefined}>
            <PriorityBadge priority={row.priority} hideNormal /> <a href={documentLink(row.documentId)}>{row.subject}</a>
            {row.arrivalNumber !== null ? <span className="muted"> · {t('work.arrivalNumber', { number: row.arrivalNumber })}</span> : null} <PendingMark documentId={row.documentId} />
          </li>
        ))}
      </ul>
    </div>
  );
}
