/**
 * New drafts this desk queued for the agency server that the server's feed has not brought yet:
 * named by their subject, above the drafts list, until each appears in it (or is refused, which
 * the queue screen shows). Nothing at a standalone desk.
 */
import { useI18n } from '../../i18n.js';
import { isPending, useAgencyDesk, useHubCommands } from './agency-desk.js';

export function PendingDrafts() {
  const { t } = useI18n();
  const agency = useAgencyDesk() !== null;
  const commands = useHubCommands(agency);
  // A new draft's command names no document until the feed brought it (or only the server's id, while not here yet).
  const pending = (commands.data ?? []).filter((item) => item.kind === 'draft.save' && isPending(item) && (item.documentId === null || item.awaitingFeed));
  if (!agency || pending.length === 0) return null;
  return (
    <section className="pending-drafts" aria-labelledby="pending-drafts-heading">
      <h2 id="pending-drafts-heading">{t('agency.draft.pending.heading')}</h2>
      <ul>
        {pending.map((item) => (
          <li key={item.id}>
            {item.subject} <span className="muted">— {t(item.awaitingFeed ? 'hubQueue.state.awaiting' : 'hubQueue.state.queued')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
