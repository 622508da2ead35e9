/**
 * A mailbox as a table, 100 rows at a time ("Tải thêm"). The core sorts urgent documents first.
 * Each row's trích yếu is the link that opens the document; ↑/↓ move between those links. The
 * inbox shows one tab at a time (InboxTabs), each document's own date and due date, overdue
 * rows marked, and in "Chưa xử lý" a checkbox per row for accepting several at once.
 */
import type { KeyboardEvent } from 'react';
import type { DocumentSummary, Mailbox } from '../../../shared/api/documents.js';
import { isOverdue, type InboxTab } from '../../../shared/domain/inbox-tabs.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { formatDayMonthYear, formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { usePagedList } from '../../api/paging.js';
import { DemoBadge, InternalBadge, PriorityBadge, StateBadge } from '../../components/badges.js';
import { QueryError } from '../../components/QueryError.js';
import { formatCode, formatDateTime, vietnamToday } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';
import { VerificationBadge } from '../verification/VerificationBadge.js';
import { PendingMark } from '../hub/CommandNotice.js';

const TABLE_LABEL: Record<Mailbox, PlainMessageKey> = {
  inbox: 'list.inbox.label',
  sent: 'list.sent.label',
  drafts: 'list.drafts.label',
};
const EMPTY: Record<Mailbox, PlainMessageKey> = {
  inbox: 'list.inbox.empty',
  sent: 'list.sent.empty',
  drafts: 'list.drafts.empty',
};
const TAB_EMPTY: Record<InboxTab, PlainMessageKey> = {
  waiting: 'inbox.tab.waiting.empty',
  inProgress: 'inbox.tab.inProgress.empty',
  handled: 'inbox.tab.handled.empty',
  overdue: 'inbox.tab.overdue.empty',
  all: 'list.inbox.empty',
};

/** The rows ticked for a bulk action, kept by the screen that acts on them. */
export interface RowSelection {
  chosen: ReadonlySet<number>;
  set(rows: readonly DocumentSummary[], on: boolean): void;
}

interface DocumentTableProps {
  box: Mailbox;
  /** The inbox tab shown (the inbox only). */
  tab?: InboxTab;
  selection?: RowSelection;
  /** Beside an open document (wide screens): fewer columns, the open row marked. */
  compact?: boolean;
  openId?: number | null;
}

/** ↑/↓ on a row link moves to the link of the row above or below. */
function moveBetweenRows(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const target = event.target;
  if (!(target instanceof HTMLAnchorElement) || !target.classList.contains('row-link')) return;
  const links = [...(target.closest('table')?.querySelectorAll<HTMLAnchorElement>('a.row-link') ?? [])];
  const next = links[links.indexOf(target) + (event.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function DocumentTable({ box, tab, selection, compact = false, openId = null }: DocumentTableProps) {
  const { t } = useI18n();
  const list = usePagedList('documents.list', box === 'inbox' && tab ? { box, tab } : { box });

  if (list.error && list.rows.length === 0) return <QueryError error={list.error} onRetry={list.refetch} />;
  if (list.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (list.rows.length === 0) return <p className="empty-state">{t(box === 'inbox' && tab ? TAB_EMPTY[tab] : EMPTY[box])}</p>;

  const remaining = list.total === null ? 0 : list.total - list.rows.length;
  const inbox = box === 'inbox';
  const wide = !compact;
  const allChosen = selection !== undefined && list.rows.every((row) => selection.chosen.has(row.id));
  return (
    <>
      <div className="table-wrap" aria-busy={list.isFetching}>
        <table
          className={`data-table document-list document-list-${box}${compact ? ' document-list-compact' : ''}`}
          aria-label={t(TABLE_LABEL[box])}
          aria-describedby={`${box}-keyboard-hint`}
        >
          <thead>
            <tr>
              {selection ? (
                <th scope="col" className="select-cell">
                  <input type="checkbox" aria-label={t('bulk.selectAll')} checked={allChosen} onChange={(event) => selection.set(list.rows, event.target.checked)} />
                </th>
              ) : null}
              <th scope="col">{t('list.col.priority')}</th>
              <th scope="col">{t('list.col.code')}</th>
              <th scope="col">{t('list.col.subject')}</th>
              {inbox ? <th scope="col">{t('list.col.sender')}</th> : null}
              {inbox && wide ? <th scope="col">{t('list.col.documentDate')}</th> : null}
              {inbox ? <th scope="col">{t('list.col.dueDate')}</th> : null}
              {box !== 'drafts' && wide ? <th scope="col">{t('list.col.state')}</th> : null}
              {inbox && wide ? <th scope="col">{t('list.col.signature')}</th> : null}
              {inbox && wide ? (
                <th scope="col" className="numeric">
                  {t('list.col.arrivalNumber')}
                </th>
              ) : null}
              {box === 'drafts' ? (
                <th scope="col" className="numeric">
                  {t('list.col.attachments')}
                </th>
              ) : null}
              {wide ? <th scope="col">{inbox ? t('list.col.arrivedAt') : t('list.col.updated')}</th> : null}
            </tr>
          </thead>
          <tbody onKeyDown={moveBetweenRows}>
            {list.rows.map((row) => (
              <DocumentRow key={row.id} box={box} row={row} selection={selection} compact={compact} open={row.id === openId} />
            ))}
          </tbody>
        </table>
      </div>
      <p id={`${box}-keyboard-hint`} className="field-hint">
        {t('list.keyboardHint')}
      </p>
      {list.hasMore || list.loadingMore ? (
        <div className="load-more">
          <span className="muted">{t('common.showing', { shown: list.rows.length, total: list.total ?? list.rows.length })}</span>
          <button type="button" className="button button-small" disabled={list.loadingMore} onClick={list.loadMore}>
            {t('common.loadMore', { remaining })}
          </button>
        </div>
      ) : null}
      {list.error ? <QueryError error={list.error} onRetry={list.refetch} /> : null}
    </>
  );
}

function DocumentRow({ box, row, selection, compact, open }: { box: Mailbox; row: DocumentSummary; selection?: RowSelection; compact: boolean; open: boolean }) {
  const { t, lang } = useI18n();
  const inbox = box === 'inbox';
  const wide = !compact;
  const overdue = isOverdue(row, vietnamToday());
  const classes = [row.priority > 0 ? 'row-urgent' : '', row.hasPendingRequest || row.hasConflict ? 'row-attention' : '', overdue ? 'row-overdue' : '', open ? 'row-open' : ''].filter(Boolean).join(' ');
  const time = inbox ? row.createdAt : row.updatedAt;
  const subject = row.subject.trim() || t('list.noSubject');
  return (
    <tr className={classes || undefined} aria-current={open ? 'page' : undefined}>
      {selection ? (
        <td className="select-cell">
          <input type="checkbox" aria-label={t('bulk.select', { subject })} checked={selection.chosen.has(row.id)} onChange={(event) => selection.set([row], event.target.checked)} />
        </td>
      ) : null}
      <td className="nowrap">
        <PriorityBadge priority={row.priority} />
      </td>
      <td className="nowrap">{formatCode(row.codeNumber, row.codeNotation) || <span className="muted">{t('common.none')}</span>}</td>
      <td className="subject-cell">
        <a className="row-link" href={routeHref({ area: box, documentId: row.id })}>
          {subject}
        </a>
        {row.demo ? <DemoBadge /> : null}
        {row.internal ? <InternalBadge /> : null}
        <PendingMark documentId={row.id} />
      </td>
      {inbox ? <td title={row.senderId ?? undefined}>{row.senderName ?? row.senderId ?? t('common.none')}</td> : null}
      {inbox && wide ? <td className="nowrap">{row.promulgationDate ? formatDayMonthYear(row.promulgationDate) : ''}</td> : null}
      {inbox ? (
        <td className="nowrap due-cell">
          {row.dueDate ? formatDayMonthYear(row.dueDate) : ''}
          {overdue ? <span className="badge badge-overdue">{t('list.overdue')}</span> : null}
        </td>
      ) : null}
      {box !== 'drafts' && wide ? (
        <td>
          <span className="state-cell">
            <StateBadge state={row.state} />
            {row.hasPendingRequest ? <span className="badge badge-attention">{t('list.pendingRequest')}</span> : null}
            {row.hasConflict ? <span className="badge badge-attention">{t('list.conflict')}</span> : null}
          </span>
        </td>
      ) : null}
      {inbox && wide ? (
        <td className="nowrap">
          <VerificationBadge verdict={row.verification} />
        </td>
      ) : null}
      {inbox && wide ? <td className="numeric">{row.arrivalNumber !== null ? formatDocumentNumber(row.arrivalNumber) : ''}</td> : null}
      {box === 'drafts' ? <td className="numeric">{row.attachmentCount}</td> : null}
      {wide ? (
        <td className="nowrap">
          <time dateTime={time}>{formatDateTime(time, lang)}</time>
        </td>
      ) : null}
    </tr>
  );
}
