/**
 * The status bar in agency mode: whether the agency server answers (or how far behind this desk
 * is), who is signed in, the work waiting to be sent and the work refused (each a link to the queue), the next try after a
 * drop, and the technical detail behind "Chi tiết".
 */
import type { HubLinkStatus } from '../../../shared/api/hub-link.js';
import { hubPhaseKey } from '../../../shared/i18n/messages.js';
import { useApiMutation } from '../../api/client.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';

/** The status bar's dot, in the colours of the axis's phases (status-bar.css). */
const DOT: Record<HubLinkStatus['phase'], string> = { online: 'idle', connecting: 'syncing', catching_up: 'syncing', offline: 'offline', signed_out: 'not_configured' };

export function HubStatusItems({ status }: { status: HubLinkStatus }) {
  const { t, lang } = useI18n();
  const signOut = useApiMutation('hub.signOut', {});
  const progress =
    status.phase !== 'catching_up'
      ? null
      : status.snapshotDocuments !== null
        ? t('hub.snapshot', { count: status.snapshotDocuments })
        : status.behind !== null
          ? t(status.behindAtLeast ? 'hub.behindAtLeast' : 'hub.behind', { count: status.behind })
          : null;
  return (
    <>
      <span className={`sync-phase sync-phase-${DOT[status.phase]}`} aria-live="polite">
        <span className="sync-dot" aria-hidden="true" />
        {t(hubPhaseKey(status.phase))}
        {progress ? ` (${progress})` : null}
      </span>
      {status.user ? <span className="status-item">{t('hub.signedInAs', { name: status.user.displayName })}</span> : null}
      {status.queued > 0 ? (
        <a className="status-item status-link" href={routeHref({ area: 'queue' })}>
          {t('hub.queued', { count: status.queued })}
        </a>
      ) : null}
      {status.refused > 0 ? (
        <a className="status-item status-link status-problem" href={routeHref({ area: 'queue' })}>
          {t('hub.refused', { count: status.refused })}
        </a>
      ) : null}
      {status.nextAttemptAt ? <span className="status-item">{t('sync.nextAttempt', { time: formatDateTime(status.nextAttemptAt, lang) })}</span> : null}
      {status.detail ? (
        <span className="status-item status-message">
          <details className="status-details">
            <summary>{t('common.details')}</summary>
            <p className="mono">{status.detail}</p>
          </details>
        </span>
      ) : null}
      {status.user ? (
        <button type="button" className="button button-small" disabled={signOut.isPending} onClick={() => signOut.mutate({})}>
          {t('hub.signOut')}
        </button>
      ) : null}
    </>
  );
}
