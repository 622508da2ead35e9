/**
 * "Hàng đợi gửi máy chủ": the desk's work for the agency server, newest first — waiting to be
 * sent (with the last problem behind "Chi tiết"), taken by the server and not shown here yet, done,
 * or refused with the plain reason, the server's own words behind "Chi tiết" and "Bỏ qua" once read.
 * Refreshed by each hub.status event (the core sends one whenever the queue moves).
 */
import { useQueryClient } from '@tanstack/react-query';
import type { HubCommandItem } from '../../../shared/api/hub-link.js';
import { useApiMutation } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { QueryError } from '../../components/QueryError.js';
import { TechnicalDetails } from '../../components/TechnicalDetails.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';
import { useHubCommands } from './agency-desk.js';

const BADGE: Record<'queued' | 'awaiting' | 'applied' | 'refused', string> = { queued: 'retry_wait', awaiting: 'retry_wait', applied: 'sent', refused: 'failed' };

function stateOf(item: HubCommandItem): keyof typeof BADGE {
  return item.awaitingFeed ? 'awaiting' : item.state;
}

export function HubQueueScreen() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const commands = useHubCommands();
  const dismiss = useApiMutation('hub.dismissCommand', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: methodKey('hub.commands') });
      void queryClient.invalidateQueries({ queryKey: methodKey('hub.getStatus') });
    },
  });
  const items = commands.data ?? [];
  return (
    <section className="screen" aria-labelledby="hub-queue-title">
      <div className="screen-header">
        <h1 id="hub-queue-title">{t('hubQueue.title')}</h1>
      </div>
      <p className="screen-intro">{t('hubQueue.intro')}</p>
      {commands.error && !commands.data ? <QueryError error={commands.error} onRetry={() => void commands.refetch()} /> : null}
      {commands.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      {commands.data && items.length === 0 ? <p className="empty-state">{t('hubQueue.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table queue-table" aria-label={t('hubQueue.table.label')}>
            <thead>
              <tr>
                <th scope="col">{t('hubQueue.col.what')}</th>
                <th scope="col">{t('hubQueue.col.state')}</th>
                <th scope="col">{t('hubQueue.col.created')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('hubQueue.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <CommandRow key={item.id} item={item} dismissing={dismiss.isPending && dismiss.variables?.id === item.id} onDismiss={() => dismiss.mutate({ id: item.id })} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function CommandRow({ item, dismissing, onDismiss }: { item: HubCommandItem; dismissing: boolean; onDismiss(): void }) {
  const { t, lang } = useI18n();
  const what = t(`hubQueue.kind.${item.kind}`);
  const state = stateOf(item);
  return (
    <tr className={item.state === 'refused' ? 'row-failed' : undefined}>
      <td>
        <span className="queue-purpose">{what}</span>
        {item.subject || item.documentId !== null ? (
          <span className="queue-subject">
            {item.documentId !== null ? <a href={routeHref({ area: item.kind === 'draft.save' || item.kind === 'draft.attach' ? 'drafts' : 'inbox', documentId: item.documentId })}>{item.subject ?? t('hubQueue.open')}</a> : item.subject}
          </span>
        ) : null}
      </td>
      <td>
        <span className={`badge badge-queue badge-queue-${BADGE[state]}`}>{t(`hubQueue.state.${state}`)}</span>
        {item.refusal ? (
          <>
            <p className="command-refusal">{t(`hubQueue.refusal.${item.refusal.reason}`)}</p>
            <TechnicalDetails>
              <p className="mono">{item.refusal.message}</p>
            </TechnicalDetails>
          </>
        ) : null}
        {item.state === 'queued' && item.lastError ? (
          <TechnicalDetails>
            <p>{t('hubQueue.attempts', { count: item.attempts })}</p>
            <p className="mono">{item.lastError}</p>
          </TechnicalDetails>
        ) : null}
      </td>
      <td className="nowrap">
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, lang)}</time>
      </td>
      <td className="actions">
        {item.state === 'refused' ? (
          <button type="button" className="button button-small" aria-label={t('hubQueue.dismiss.named', { what: item.subject ?? what })} disabled={dismissing} onClick={onDismiss}>
            {t('hubQueue.dismiss')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
