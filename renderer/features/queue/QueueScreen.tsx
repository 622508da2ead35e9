/**
 * Hàng đợi gửi: every package on its way to the axis, what it carries, to whom, how far it got,
 * and "Thử lại" for one the axis refused. Refreshed by documents.changed (the core reports
 * sending progress through it) and by sync status.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { OutboxItem } from '../../../shared/api/documents.js';
import { statusCodeText } from '../../../shared/i18n/messages.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { firstPage, usePagedList } from '../../api/paging.js';
import { invalidateDocumentLists } from '../../api/query-keys.js';
import { QueryError } from '../../components/QueryError.js';
import { formatDateTime } from '../../format.js';
import { useI18n, type I18n } from '../../i18n.js';
import { routeHref } from '../../router.js';
import { describePurpose } from './purpose.js';

function purposeText(purpose: string, { t, lang }: Pick<I18n, 't' | 'lang'>): string {
  const described = describePurpose(purpose);
  switch (described.kind) {
    case 'status':
      return t('queue.purpose.status', { meaning: statusCodeText(described.code, lang) });
    case 'other':
      return described.text;
    default:
      return t(`queue.purpose.${described.kind}`);
  }
}

export function QueueScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const list = usePagedList('outbox.list', {});
  // The same cached call as the list's first page: what waits to be sent, as the status bar counts it.
  const first = useApiQuery('outbox.list', firstPage<'outbox.list'>({}));
  const retry = useApiMutation('outbox.retry', { onSuccess: () => invalidateDocumentLists(queryClient) });

  return (
    <section className="screen" aria-labelledby="queue-title">
      <div className="screen-header">
        <h1 id="queue-title">{t('queue.title')}</h1>
        {first.data ? (
          <p className="screen-count" aria-live="polite">
            {t('queue.pending', { count: first.data.pending })} <span className="muted">{t('queue.total', { total: first.data.total })}</span>
          </p>
        ) : null}
      </div>
      <p className="screen-intro">{t('queue.intro')}</p>

      {list.error && list.rows.length === 0 ? <QueryError error={list.error} onRetry={list.refetch} /> : null}
      {list.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      {!list.isPending && !list.error && list.rows.length === 0 ? <p className="empty-state">{t('queue.empty')}</p> : null}

      {list.rows.length > 0 ? (
        <div className="table-wrap" aria-busy={list.isFetching}>
          <table className="data-table queue-table" aria-label={t('queue.table.label')}>
            <thead>
              <tr>
                <th scope="col">{t('queue.col.content')}</th>
                <th scope="col">{t('queue.col.recipients')}</th>
                <th scope="col">{t('queue.col.state')}</th>
                <th scope="col" className="numeric">
                  {t('queue.col.attempts')}
                </th>
                <th scope="col">{t('queue.col.next')}</th>
                <th scope="col">{t('queue.col.error')}</th>
                <th scope="col">{t('queue.col.created')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('queue.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((item) => (
                <QueueRow key={item.id} item={item} purpose={purposeText(item.purpose, i18n)} retrying={retry.isPending && retry.variables?.id === item.id} onRetry={() => retry.mutate({ id: item.id })} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.hasMore || list.loadingMore ? (
        <div className="load-more">
          <span className="muted">{t('common.showing', { shown: list.rows.length, total: list.total ?? list.rows.length })}</span>
          <button type="button" className="button button-small" disabled={list.loadingMore} onClick={list.loadMore}>
            {t('common.loadMore', { remaining: (list.total ?? 0) - list.rows.length })}
          </button>
        </div>
      ) : null}
      {retry.isSuccess ? (
        <p className="success-text" role="status">
          {t('queue.retried', { id: retry.data.id })}
        </p>
      ) : null}
    </section>
  );
}

function QueueRow({ item, purpose, retrying, onRetry }: { item: OutboxItem; purpose: string; retrying: boolean; onRetry(): void }) {
  const { t, lang } = useI18n();
  return (
    <tr className={item.state === 'failed' ? 'row-failed' : undefined}>
      <td>
        <span className="queue-purpose">{purpose}</span>
        {item.subject ? (
          <span className="queue-subject">
            {item.documentId !== null ? <a href={routeHref({ area: 'sent', documentId: item.documentId })}>{item.subject}</a> : item.subject}
          </span>
        ) : null}
      </td>
      <td className="queue-recipients" title={item.recipients.join(', ')}>
        {item.recipients.map((id) => item.recipientNames[id] ?? id).join('; ')}
      </td>
      <td>
        <span className={`badge badge-queue badge-queue-${item.state}`}>{t(`queue.state.${item.state}`)}</span>
      </td>
      <td className="numeric">{item.attempts}</td>
      <td className="nowrap">{item.nextAttemptAt ? <time dateTime={item.nextAttemptAt}>{formatDateTime(item.nextAttemptAt, lang)}</time> : ''}</td>
      <td className="error-cell">{item.lastError ?? ''}</td>
      <td className="nowrap">
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, lang)}</time>
      </td>
      <td className="actions">
        {item.state === 'failed' ? (
          <button type="button" className="button button-small" aria-label={t('queue.retry.named', { id: item.id })} disabled={retrying} onClick={onRetry}>
            {t('queue.retry')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
