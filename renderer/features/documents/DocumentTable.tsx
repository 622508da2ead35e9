/**
 * A mailbox as a table, 100 rows at a time ("Tải thêm"). The core sorts urgent documents first.
 * Each row's trích yếu is the link that opens the document; ↑/↓ move between those links.
 */
import type { KeyboardEvent } from 'react';
import type { DocumentSummary, Mailbox } from '../../../shared/api/documents.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { usePagedList } from '../../api/paging.js';
import { PriorityBadge, StateBadge } from '../../components/badges.js';
import { QueryError } from '../../components/QueryError.js';
import { formatCode, formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';
import { VerificationBadge } from '../verification/VerificationBadge.js';

const TABLE_LABEL: Record<Mailbox, PlainMessageKey> = {
  inbox: 'list.inbox.label',
  outbox: 'list.outbox.label',
  drafts: 'list.drafts.label',
};
const EMPTY: Record<Mailbox, PlainMessageKey> = {
  inbox: 'list.inbox.empty',
  outbox: 'list.outbox.empty',
  drafts: 'list.drafts.empty',
};

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

export function DocumentTable({ box }: { box: Mailbox }) {
  const { t } = useI18n();
  const list = usePagedList('documents.list', { box });

  if (list.error && list.rows.length === 0) return <QueryError error={list.error} onRetry={list.refetch} />;
  if (list.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (list.rows.length === 0) return <p className="empty-state">{t(EMPTY[box])}</p>;

  const remaining = list.total === null ? 0 : list.total - list.rows.length;
  return (
    <>
      <div className="table-wrap" aria-busy={list.isFetching}>
        <table className={`data-table document-list document-list-${box}`} aria-label={t(TABLE_LABEL[box])} aria-describedby={`${box}-keyboard-hint`}>
          <thead>
            <tr>
              <th scope="col">{t('list.col.priority')}</th>
              <th scope="col">{t('list.col.code')}</th>
              <th scope="col">{t('list.col.subject')}</th>
              {box === 'inbox' ? <th scope="col">{t('list.col.sender')}</th> : null}
              {box !== 'drafts' ? <th scope="col">{t('list.col.state')}</th> : null}
              {box === 'inbox' ? <th scope="col">{t('list.col.signature')}</th> : null}
              {box === 'inbox' ? (
                <th scope="col" className="numeric">
                  {t('list.col.arrivalNumber')}
                </th>
              ) : null}
              {box === 'drafts' ? (
                <th scope="col" className="numeric">
                  {t('list.col.attachments')}
                </th>
              ) : null}
              <th scope="col">{box === 'inbox' ? t('list.col.arrivedAt') : t('list.col.updated')}</th>
            </tr>
          </thead>
          <tbody onKeyDown={moveBetweenRows}>
            {list.rows.map((row) => (
              <DocumentRow key={row.id} box={box} row={row} />
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

function DocumentRow({ box, row }: { box: Mailbox; row: DocumentSummary }) {
  const { t, lang } = useI18n();
  const urgent = row.priority > 0;
  const classes = [urgent ? 'row-urgent' : '', row.hasPendingRequest || row.hasConflict ? 'row-attention' : ''].filter(Boolean).join(' ');
  const time = box === 'inbox' ? row.createdAt : row.updatedAt;
  return (
    <tr className={classes || undefined}>
      <td className="nowrap">
        <PriorityBadge priority={row.priority} />
      </td>
      <td className="nowrap">{formatCode(row.codeNumber, row.codeNotation) || <span className="muted">{t('common.none')}</span>}</td>
      <td className="subject-cell">
        <a className="row-link" href={routeHref({ area: box, documentId: row.id })}>
          {row.subject.trim() || t('list.noSubject')}
        </a>
      </td>
      {box === 'inbox' ? <td title={row.senderId ?? undefined}>{row.senderName ?? row.senderId ?? t('common.none')}</td> : null}
      {box !== 'drafts' ? (
        <td>
          <span className="state-cell">
            <StateBadge state={row.state} />
            {row.hasPendingRequest ? <span className="badge badge-attention">{t('list.pendingRequest')}</span> : null}
            {row.hasConflict ? <span className="badge badge-attention">{t('list.conflict')}</span> : null}
          </span>
        </td>
      ) : null}
      {box === 'inbox' ? (
        <td className="nowrap">
          <VerificationBadge verdict={row.verification} />
        </td>
      ) : null}
      {box === 'inbox' ? <td className="numeric">{row.arrivalNumber ?? ''}</td> : null}
      {box === 'drafts' ? <td className="numeric">{row.attachmentCount}</td> : null}
      <td className="nowrap">
        <time dateTime={time}>{formatDateTime(time, lang)}</time>
      </td>
    </tr>
  );
}
