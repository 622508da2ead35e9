/**
 * One document, full width: #/inbox/<id>, #/sent/<id>, #/drafts/<id>. The page follows the
 * document's direction, so a link that went stale (a draft since sent) still opens the right
 * view, and the address is corrected to match.
 */
import { useEffect } from 'react';
import type { Mailbox } from '../../../shared/api/documents.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { mailboxOf, replaceRoute, routeHref } from '../../router.js';
import { DraftEditor } from '../drafts/DraftEditor.js';
import { IncomingDetail } from './IncomingDetail.js';
import { OutgoingDetail } from './OutgoingDetail.js';
import { useAgencyDesk } from '../hub/agency-desk.js';
import { AgencyDocument } from '../hub/AgencyDocument.js';
import { AgencyDraftEditor } from '../hub/AgencyDraftEditor.js';

const BACK_LABEL: Record<Mailbox, PlainMessageKey> = {
  inbox: 'document.back.inbox',
  sent: 'document.back.sent',
  drafts: 'document.back.drafts',
};

export function DocumentScreen({ area, id }: { area: Mailbox; id: number }) {
  const { t } = useI18n();
  const query = useApiQuery('documents.get', { id });
  const desk = useAgencyDesk();
  const detail = query.data;
  const box = detail ? mailboxOf(detail.direction) : area;

  useEffect(() => {
    if (box !== area) replaceRoute({ area: box, documentId: id });
  }, [area, box, id]);

  let body;
  if (query.error && !detail) {
    body =
      query.error.code === 'not_found' ? (
        <p className="empty-state">{t('document.notFound')}</p>
      ) : (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      );
  } else if (!detail) {
    body = <p className="muted">{t('common.loading')}</p>;
  } else if (desk) {
    body = detail.direction === 'draft' ? <AgencyDraftEditor key={`${detail.id}:${detail.signingState}`} detail={detail} /> : <AgencyDocument detail={detail} desk={desk} />;
  } else if (detail.direction === 'draft') {
    // A signing step changes the header (the number): the form starts again from the core's copy.
    body = <DraftEditor key={`${detail.id}:${detail.signingState}`} detail={detail} />;
  } else if (detail.direction === 'outgoing') {
    body = <OutgoingDetail detail={detail} />;
  } else {
    body = <IncomingDetail detail={detail} />;
  }

  return (
    <div className="screen document-screen">
      <p className="back-link">
        <a href={routeHref({ area: box, documentId: null })}>
          <span aria-hidden="true">← </span>
          {t(BACK_LABEL[box])}
        </a>
      </p>
      {body}
    </div>
  );
}
