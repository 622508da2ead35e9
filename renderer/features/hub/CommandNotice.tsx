/**
 * A desk's work on a document as the document view shows it: waiting for the server (queued, or
 * taken and not in the replica yet), or refused with the plain reason, the server's own words
 * behind "Chi tiết" and a link to the queue.
 */
import type { HubCommandItem } from '../../../shared/api/hub-link.js';
import { TechnicalDetails } from '../../components/TechnicalDetails.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';
import { commandOn, isPending, useAgencyDesk, useHubCommands } from './agency-desk.js';

export function CommandNotice({ item }: { item: HubCommandItem }) {
  const { t } = useI18n();
  const what = t(`hubQueue.kind.${item.kind}`);
  if (isPending(item)) {
    return (
      <div className="command-notice command-pending" role="status">
        <p className="pending-text">{t('agency.pending', { what })}</p>
        <p className="muted">{t('agency.pending.hint')}</p>
      </div>
    );
  }
  if (item.state !== 'refused' || !item.refusal) return null;
  return (
    <div className="command-notice command-refused" role="alert">
      <p className="form-error">{t('agency.refused', { what })}</p>
      <p>{t(`hubQueue.refusal.${item.refusal.reason}`)}</p>
      <TechnicalDetails>
        <p className="mono">{item.refusal.message}</p>
      </TechnicalDetails>
      <p>
        <a href={routeHref({ area: 'queue' })}>{t('agency.openQueue')}</a>
      </p>
    </div>
  );
}

/** In a list row: "Đang chờ máy chủ" while this desk's work on the document is pending (nothing at a standalone desk). */
export function PendingMark({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const agency = useAgencyDesk() !== null;
  const commands = useHubCommands(agency);
  const latest = agency ? commandOn(commands.data, documentId) : null;
  if (!latest || !isPending(latest)) return null;
  return <span className="badge badge-queue badge-queue-retry_wait">{t('agency.pendingMark')}</span>;
}
