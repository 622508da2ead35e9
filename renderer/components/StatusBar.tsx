/** The bottom bar: where sync stands, and "Đồng bộ ngay". */
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../shared/api/sync-status.js';
import { syncPhaseKey } from '../../shared/i18n/messages.js';
import { useApiQuery } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { useI18n } from '../i18n.js';
import { routeHref } from '../router.js';
import { useSyncNow } from './use-sync-now.js';

export function StatusBar() {
  const { t, lang } = useI18n();
  const query = useApiQuery('sync.getStatus', {});
  const syncNow = useSyncNow();
  const status: SyncStatus = query.data ?? INITIAL_SYNC_STATUS;
  const known = query.data !== undefined;
  const progress = status.progress;

  return (
    <footer className="status-bar" aria-label={t('sync.bar.label')}>
      <span className={`sync-phase sync-phase-${known ? status.phase : 'unknown'}`} aria-live="polite">
        <span className="sync-dot" aria-hidden="true" />
        {known ? t(syncPhaseKey(status.phase)) : t('sync.unknown')}
      </span>
      {known ? (
        <>
          <span className="status-item">
            {status.lastSyncAt ? t('sync.lastSync', { time: formatDateTime(status.lastSyncAt, lang) }) : t('sync.never')}
          </span>
          {status.nextAttemptAt ? <span className="status-item">{t('sync.nextAttempt', { time: formatDateTime(status.nextAttemptAt, lang) })}</span> : null}
          <a className="status-item status-link" href={routeHref({ area: 'queue' })}>
            {t('sync.queue', { count: status.queueLength })}
          </a>
          {progress ? (
            <span className="status-item status-progress">
              {progress.total === null
                ? t('sync.progress.directoryUnknown', { done: progress.done })
                : t('sync.progress.directory', { done: progress.done, total: progress.total })}
              {progress.total ? <progress value={progress.done} max={progress.total} aria-hidden="true" /> : null}
            </span>
          ) : null}
          {status.phase === 'disk_full' ? <span className="status-item status-disk-full">{t('sync.diskFull.hint')}</span> : null}
          {status.message ? (
            <span className="status-item status-message" title={status.message}>
              {status.message}
            </span>
          ) : null}
        </>
      ) : null}
      <button
        type="button"
        className="button button-small status-sync-now"
        disabled={syncNow.isPending || status.phase === 'syncing' || status.phase === 'not_configured'}
        onClick={() => syncNow.mutate({})}
      >
        {t('sync.now')}
      </button>
    </footer>
  );
}
