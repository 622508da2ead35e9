/**
 * A document of the agency server at a desk in agency mode: the same page as at a standalone desk
 * (header, details, recipients, history), with the actions this person may take here queued for
 * the server, and the files as the server keeps them. docs/architecture.md, "The desk in agency mode".
 */
import { useId } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubLinkStatus } from '../../../shared/api/hub-link.js';
import { HANDLING_STATES } from '../../../shared/domain/handling-status.js';
import { useI18n } from '../../i18n.js';
import { DocumentPage, RecipientTable } from '../documents/parts.js';
import { senderRequest } from '../documents/request-wording.js';
import { commandOn, mayShare, useHubCommands, useQueueCommand } from './agency-desk.js';
import { CommandNotice } from './CommandNotice.js';
import { DocumentWork } from './DocumentWork.js';
import { HubOfflineFiles } from './HubOfflineFiles.js';
import { ShareAction } from './ShareAction.js';

export function AgencyDocument({ detail, desk }: { detail: DocumentDetail; desk: HubLinkStatus }) {
  return (
    <DocumentPage detail={detail} files={<AgencyFiles detail={detail} />} hubDocumentId={detail.id}>
      <AgencyActions detail={detail} desk={desk} />
      {desk.user ? <DocumentWork detail={detail} user={desk.user} /> : null}
      {detail.direction === 'outgoing' ? <RecipientTable recipients={detail.recipients} request={senderRequest(detail)} /> : null}
    </DocumentPage>
  );
}

/**
 * What this person may do with the document here, each a command queued for the server: a clerk
 * accepts an arrival (a leader signs drafts, in the draft's page); the clerk, a leader or a unit
 * leader gives it to units and people; once it is registered, its điều hành is DocumentWork's, below.
 */
function AgencyActions({ detail, desk }: { detail: DocumentDetail; desk: HubLinkStatus }) {
  const { t } = useI18n();
  const headingId = useId();
  const commands = useHubCommands();
  const queue = useQueueCommand();
  // A share's notice is the "Giao cho…" control's own; this section's notice is for the rest.
  const latest = commandOn(commands.data?.filter((item) => item.kind !== 'document.share'), detail.id);
  const mayAccept = detail.direction === 'incoming' && detail.state === 'arrived' && (desk.user?.roles.includes('clerk') ?? false);
  const waiting = latest !== null && latest.state !== 'refused';
  return (
    <section className="action-bar" aria-labelledby={headingId}>
      <h2 id={headingId} className="action-bar-title">
        {t('agency.actions')}
      </h2>
      {mayAccept ? (
        <div className="action-buttons">
          <button
            type="button"
            className="button button-primary"
            title={t('clerk.accept.hint')}
            disabled={queue.isPending || waiting}
            onClick={() => queue.mutate({ kind: 'arrival.accept', payload: { documentId: detail.id } })}
          >
            {t('clerk.accept')}
          </button>
        </div>
      ) : latest === null && !HANDLING_STATES.includes(detail.state) && !mayShare(desk.user) ? (
        <p className="muted">{t('agency.noActions')}</p>
      ) : null}
      <div aria-live="polite" className="action-result">
        {latest ? <CommandNotice item={latest} /> : null}
      </div>
      {desk.user ? <ShareAction detail={detail} user={desk.user} /> : null}
    </section>
  );
}

/** The document's files as the server keeps them: each one's state on this computer, and keeping them for offline use. */
export function AgencyFiles({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  return (
    <section className="document-section" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{t('attachments.title')}</h2>
      {detail.attachments.length === 0 ? <p className="muted">{t('attachments.empty')}</p> : <HubOfflineFiles documentId={detail.id} />}
    </section>
  );
}
