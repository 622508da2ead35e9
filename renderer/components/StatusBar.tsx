/** The bottom bar: where sync stands, what to do about a problem (the detail behind "Chi tiết"), and "Đồng bộ ngay". */
import { INITIAL_SYNC_STATUS, type AxisProblemCode, type SyncStatus } from '../../shared/api/sync-status.js';
import { syncPhaseKey } from '../../shared/i18n/messages.js';
import { useApiQuery } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { useI18n } from '../i18n.js';
import { routeHref } from '../router.js';
import { useSyncNow } from './use-sync-now.js';
import { HubStatusItems } from '../features/hub/HubStatusItems.js';

export function StatusBar() {
  const hub = useApiQuery('hub.getStatus', {});
  return hub.data ? <HubStatusBar /> : <AxisStatusBar />;
}

/** Agency mode: the agency server exchanges with the axis; the desk shows its link to that server. */
function HubStatusBar() {
  const { t } = useI18n();
  const hub = useApiQuery('hub.getStatus', {});
  const syncNow = useSyncNow();
  if (!hub.data) return null;
  return (
    <footer className="status-bar" aria-label={t('hub.bar.label')}>
      <HubStatusItems status={hub.data} />
      <button type="button" className="button button-small status-sync-now" disabled={syncNow.isPending || hub.data.user === null} onClick={() => syncNow.mutate({})}>
        {t('sync.now')}
      </button>
    </footer>
  );
}

function AxisStatusBar() {
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
          {status.problem || status.message || status.phase === 'disk_full' ? <SyncProblemText status={status} /> : null}
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

/** Problems the clerk (or IT) fixes in Settings › Kết nối trục liên thông. */
const FIXED_IN_SETTINGS: ReadonlySet<AxisProblemCode> = new Set(['credentials', 'sender_not_registered', 'wrong_address', 'secret_missing', 'plain_http']);

/**
 * The problem in the clerk's words (for a full disk, what to free), the axis it concerns, where to
 * fix it, and the technical detail behind "Chi tiết".
 */
function SyncProblemText({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  const code = status.problem?.code ?? 'internal';
  const detail = status.problem?.detail ?? status.message ?? '';
  const axisUrl = status.problem?.axisUrl ?? null;
  return (
    <span className="status-item status-message" role="status">
      {status.phase === 'disk_full' ? (
        <span className="status-problem status-disk-full">{t('sync.diskFull.hint')}</span>
      ) : (
        <span className="status-problem">{t(`axisProblem.${code}`)}</span>
      )}
      {axisUrl ? <span className="mono status-axis">{t('sync.axisUrl', { url: axisUrl })}</span> : null}
      {FIXED_IN_SETTINGS.has(code) ? (
        <a className="status-link" href={routeHref({ area: 'settings' })}>
          {t('sync.openConnection')}
        </a>
      ) : null}
      {detail ? (
        <details className="status-details">
          <summary>{t('common.details')}</summary>
          <p className="mono">{detail}</p>
        </details>
      ) : null}
    </span>
  );
}
