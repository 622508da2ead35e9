/**
 * Cách ly: packages from the axis that could not be read or were not valid, kept for checking.
 * "Thử lại" runs one through the receiver again, "Bỏ qua" sets it aside. quarantine.changed
 * refreshes the list.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { QuarantineItem } from '../../../shared/api/documents.js';
import { quarantineReasonKey } from '../../../shared/i18n/messages.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { QueryError } from '../../components/QueryError.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';

export function QuarantineScreen() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const list = useApiQuery('quarantine.list', {});
  const refresh = () => void queryClient.invalidateQueries({ queryKey: methodKey('quarantine.list') });
  const retry = useApiMutation('quarantine.retry', { onSuccess: refresh });
  const ignore = useApiMutation('quarantine.ignore', { onSuccess: refresh });
  const busyId = retry.isPending ? retry.variables?.id : ignore.isPending ? ignore.variables?.id : undefined;
  const items = list.data ?? [];

  return (
    <section className="screen" aria-labelledby="quarantine-title">
      <div className="screen-header">
        <h1 id="quarantine-title">{t('quarantine.title')}</h1>
        {list.data ? (
          <p className="screen-count" aria-live="polite">
            {t('quarantine.total', { total: items.length })}
          </p>
        ) : null}
      </div>
      <p className="screen-intro">{t('quarantine.intro')}</p>

      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {!list.data && !list.error ? <p className="muted">{t('common.loading')}</p> : null}
      {list.data && items.length === 0 ? <p className="empty-state">{t('quarantine.empty')}</p> : null}

      {items.length > 0 ? (
        <div className="table-wrap" aria-busy={list.isFetching}>
          <table className="data-table quarantine-table" aria-label={t('quarantine.table.label')}>
            <thead>
              <tr>
                <th scope="col">{t('quarantine.col.reason')}</th>
                <th scope="col">{t('quarantine.col.axisId')}</th>
                <th scope="col">{t('quarantine.col.type')}</th>
                <th scope="col">{t('quarantine.col.sender')}</th>
                <th scope="col">{t('quarantine.col.time')}</th>
                <th scope="col">{t('quarantine.col.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('quarantine.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <QuarantineRow
                  key={item.id}
                  item={item}
                  busy={busyId === item.id}
                  onRetry={() => retry.mutate({ id: item.id })}
                  onIgnore={() => ignore.mutate({ id: item.id })}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function QuarantineRow({ item, busy, onRetry, onIgnore }: { item: QuarantineItem; busy: boolean; onRetry(): void; onIgnore(): void }) {
  const { t, lang } = useI18n();
  return (
    <tr className={item.state === 'ignored' ? 'row-muted' : undefined}>
      <td className="error-cell">
        {t(quarantineReasonKey(item.reason))}
        {item.detail ? (
          <details className="quarantine-detail">
            <summary>{t('quarantine.details')}</summary>
            <p className="mono">{item.detail}</p>
          </details>
        ) : null}
      </td>
      <td className="mono">{item.axisDocId}</td>
      <td>{t(`quarantine.type.${item.messageType}`)}</td>
      <td className={item.senderId ? 'mono' : 'muted'}>{item.senderId ?? t('quarantine.unknownSender')}</td>
      <td className="nowrap">
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, lang)}</time>
      </td>
      <td>
        <span className={`badge badge-quarantine badge-quarantine-${item.state}`}>{t(`quarantine.state.${item.state}`)}</span>
      </td>
      <td className="actions">
        {item.state !== 'retrying' ? (
          <span className="row-actions">
            <button type="button" className="button button-small" aria-label={t('quarantine.retry.named', { id: item.axisDocId })} disabled={busy} onClick={onRetry}>
              {t('quarantine.retry')}
            </button>
            {item.state === 'open' ? (
              <button type="button" className="button button-small" aria-label={t('quarantine.ignore.named', { id: item.axisDocId })} disabled={busy} onClick={onIgnore}>
                {t('quarantine.ignore')}
              </button>
            ) : null}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
