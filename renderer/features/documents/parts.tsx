/** The pieces every document page shares: header, details, banners, history, recipients. */
import { useId, useRef, useState, type ReactNode } from 'react';
import type { AttachmentInfo, DocumentDetail, DocumentLink, RecipientStatus, TimelineEntry } from '../../../shared/api/documents.js';
import { isKnownStatusCode, priorityKey, statusCodeText } from '../../../shared/i18n/messages.js';
import { AttachmentTable, isPdf } from '../../components/Attachments.js';
import { AttachmentViewer } from '../../components/PdfViewer.js';
import { DemoBadge, InternalBadge, PriorityBadge, RecipientStateBadge, StateBadge } from '../../components/badges.js';
import { Item } from '../../components/MetaItem.js';
import { ReceivedHeader } from './ReceivedHeader.js';
import { formatDayMonthYear, formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { documentLabel, formatCode, formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { documentHref } from '../../router.js';
import { isRevoked } from './actions.js';
import { recipientStateText, wasTakenBack, type SenderRequest } from './request-wording.js';
import { newestFirst } from './timeline.js';

export function DocumentHeader({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const code = formatCode(detail.metadata.codeNumber, detail.metadata.codeNotation);
  return (
    <header className="document-header">
      <div className="document-badges">
        <PriorityBadge priority={detail.priority} hideNormal />
        <StateBadge state={detail.state} />
        {detail.demo ? <DemoBadge /> : null}
        {detail.internal ? <InternalBadge /> : null}
        {code ? <span className="document-code">{code}</span> : null}
      </div>
      <h1 id="document-title" className="document-title">
        {detail.subject.trim() || t('list.noSubject')}
      </h1>
    </header>
  );
}

/** The header fields (docs/formats.md#edxml), read-only. */
export function MetadataList({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  const meta = detail.metadata;
  const none = <span className="muted">{t('common.none')}</span>;
  const signer = [meta.signerCompetence, meta.signerPosition, meta.signerFullName].map((part) => part.trim()).filter(Boolean);
  const incoming = detail.direction === 'incoming';
  return (
    <section className="document-section" aria-labelledby="metadata-heading">
      <h2 id="metadata-heading">{t('document.metadata')}</h2>
      <dl className="meta-grid">
        {incoming ? (
          <Item label={t('meta.sender')}>
            {detail.senderName ?? detail.senderId ?? t('common.none')}
            {detail.senderName && detail.senderId ? <span className="mono muted"> {detail.senderId}</span> : null}
          </Item>
        ) : null}
        <Item label={t('meta.code')}>{formatCode(meta.codeNumber, meta.codeNotation) || none}</Item>
        <Item label={t('meta.type')}>{meta.typeName || none}</Item>
        <Item label={t('meta.promulgationDate')}>{meta.promulgationDate ? formatDayMonthYear(meta.promulgationDate) : none}</Item>
        <Item label={t('meta.place')}>{meta.place || none}</Item>
        <Item label={t('meta.signer')}>{signer.length > 0 ? signer.join(' · ') : none}</Item>
        <Item label={t('meta.dueDate')}>{meta.dueDate ? formatDayMonthYear(meta.dueDate) : none}</Item>
        <Item label={t('meta.priority')}>{t(priorityKey(meta.priority))}</Item>
        {incoming ? (
          <>
            <Item label={t('meta.arrivalNumber')}>{detail.arrivalNumber !== null ? formatDocumentNumber(detail.arrivalNumber) : none}</Item>
            <Item label={t('meta.arrivedAt')}>
              <time dateTime={detail.createdAt}>{formatDateTime(detail.createdAt, lang)}</time>
            </Item>
          </>
        ) : (
          <Item label={t('meta.updated')}>
            <time dateTime={detail.updatedAt}>{formatDateTime(detail.updatedAt, lang)}</time>
          </Item>
        )}
        {detail.edxmlDocumentId ? (
          <Item label={t('meta.documentId')}>
            <span className="mono">{detail.edxmlDocumentId}</span>
          </Item>
        ) : null}
      </dl>
      <h3>{t('meta.summary')}</h3>
      {meta.summary.trim() ? <p className="summary">{meta.summary}</p> : <p className="muted">{t('meta.noSummary')}</p>}
      {meta.toPlaces.length > 0 ? (
        <>
          <h3 id="to-places-heading">{t('meta.toPlaces')}</h3>
          <ul className="to-places" aria-labelledby="to-places-heading">
            {meta.toPlaces.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.headerFields ? <ReceivedHeader fields={detail.headerFields} /> : null}
    </section>
  );
}

/** "Văn bản đã bị thu hồi" (or "đã được cơ quan gửi lấy lại"): the document stays readable below it. */
export function RevokedBanner({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  const id = useId();
  if (!isRevoked(detail)) return null;
  const takenBack = detail.direction === 'incoming' && wasTakenBack(detail.timeline);
  return (
    <section className="banner banner-revoked" aria-labelledby={id}>
      <h2 id={id} className="banner-title">
        {t(takenBack ? 'takenBack.title' : 'revoked.title')}
      </h2>
      {detail.revokeReason ? <p>{t('revoked.reason', { reason: detail.revokeReason })}</p> : null}
      {detail.revokedAt ? <p className="muted">{t(takenBack ? 'takenBack.at' : 'revoked.at', { time: formatDateTime(detail.revokedAt, lang) })}</p> : null}
    </section>
  );
}

/**
 * "Đã được thay thế bởi …" and "Thay thế cho …", each a link to the other document; and "Trả lời
 * văn bản …", the document it answers (sent from here, for one received; the arrival, for a reply).
 */
export function ReplacementLinks({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const link = (target: DocumentLink) => documentHref(detail.direction, target.id);
  // A replica's copy written before replies existed has no `answers`.
  const answers = detail.answers ?? null;
  if (!detail.replacedBy && !detail.replaces && !answers) return null;
  return (
    <div className="banner banner-links">
      {answers ? (
        <p>
          <a href={documentHref(detail.direction === 'incoming' ? 'outgoing' : 'incoming', answers.id)}>{t('answers', { document: documentLabel(answers) })}</a>
        </p>
      ) : null}
      {detail.replacedBy ? (
        <p>
          <a href={link(detail.replacedBy)}>{t('replaced.by', { document: documentLabel(detail.replacedBy) })}</a>
        </p>
      ) : null}
      {detail.replaces ? (
        <p>
          <a href={link(detail.replaces)}>{t('replaces', { document: documentLabel(detail.replaces) })}</a>
        </p>
      ) : null}
    </div>
  );
}

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t, lang } = useI18n();
  return (
    <section className="document-section" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timeline.heading')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" aria-labelledby="timeline-heading">
          {newestFirst(entries).map((entry, index) => (
            <li key={`${entry.at}-${entry.statusCode}-${entry.agencyId}-${index}`} className={`timeline-entry timeline-${entry.direction}`}>
              <span className="timeline-arrow" aria-hidden="true">
                {entry.direction === 'in' ? '↙' : '↗'}
              </span>
              <div className="timeline-body">
                <p className="timeline-main" title={t('status.code.title', { code: entry.statusCode })}>
                  {statusCodeText(entry.statusCode, lang)}
                </p>
                <p className="timeline-meta">
                  {t(entry.direction === 'in' ? 'timeline.in' : 'timeline.out')} <span title={entry.agencyId}>{entry.agencyName ?? entry.agencyId}</span>
                  {' · '}
                  <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
                </p>
                {entry.description ? <p className="timeline-description">{entry.description}</p> : null}
                {entry.internalNote ? <p className="timeline-internal-note">{t('timeline.internalNote', { note: entry.internalNote })}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function RecipientTable({ recipients, request }: { recipients: readonly RecipientStatus[]; request: SenderRequest }) {
  const { t, lang } = useI18n();
  return (
    <section className="document-section" aria-labelledby="recipients-heading">
      <h2 id="recipients-heading">{t('recipients.heading')}</h2>
      {recipients.length === 0 ? (
        <p className="muted">{t('recipients.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table recipients" aria-label={t('recipients.table.label')}>
            <thead>
              <tr>
                <th scope="col">{t('recipients.col.agency')}</th>
                <th scope="col">{t('recipients.col.state')}</th>
                <th scope="col">{t('recipients.col.note')}</th>
                <th scope="col">{t('recipients.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {recipients.map((recipient) => (
                <tr key={recipient.agencyId}>
                  <th scope="row" className="recipient-name">
                    {recipient.agencyName ?? recipient.agencyId}
                    {recipient.agencyName ? <span className="mono muted recipient-id">{recipient.agencyId}</span> : null}
                  </th>
                  <td title={recipient.statusCode ? t('status.code.title', { code: recipient.statusCode }) : undefined}>
                    <RecipientStateBadge state={recipient.state} text={recipientStateText(recipient.state, request)} />
                    {/* A code the table does not know moved nothing: say that it came. */}
                    {recipient.statusCode && !isKnownStatusCode(recipient.statusCode) ? <span className="muted"> {statusCodeText(recipient.statusCode, lang)}</span> : null}
                  </td>
                  <td className="note-cell">{recipient.description ?? ''}</td>
                  <td className="nowrap">
                    <time dateTime={recipient.updatedAt}>{formatDateTime(recipient.updatedAt, lang)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * A document page: its header, the revoked and replacement notices, then two columns on a wide
 * window — what the page is for (the clerk's or the sender's actions, recipients), the header
 * fields, files and timeline on one side, the file itself on the other (the first PDF, or the one
 * chosen with "Xem") — one under the other on a narrow one.
 */
export function DocumentPage({
  detail,
  children,
  files,
  hubDocumentId,
}: {
  detail: DocumentDetail;
  children: ReactNode;
  /** In place of the files section (agency mode: the files are the server's). */
  files?: ReactNode;
  /** Agency mode: the viewer shows the main PDF, fetched from the server when it is not on this computer. */
  hubDocumentId?: number;
}) {
  const { t } = useI18n();
  const [shownId, setShownId] = useState<number | null>(null);
  const shown = detail.attachments.find((attachment) => attachment.id === shownId) ?? detail.attachments.find(isPdf);
  const viewerRef = useRef<HTMLElement>(null);
  const show = (attachment: AttachmentInfo) => {
    setShownId(attachment.id);
    viewerRef.current?.scrollIntoView({ block: 'nearest' });
    viewerRef.current?.querySelector<HTMLElement>('.pdf-pages')?.focus({ preventScroll: true });
  };
  return (
    <article className="document" aria-labelledby="document-title">
      <DocumentHeader detail={detail} />
      <RevokedBanner detail={detail} />
      <ReplacementLinks detail={detail} />
      <div className={shown ? 'document-columns' : 'document-main'}>
        <div className="document-main">
          {children}
          <MetadataList detail={detail} />
          {files ?? (
            <section className="document-section" aria-labelledby="attachments-heading">
              <h2 id="attachments-heading">{t('attachments.title')}</h2>
              <AttachmentTable attachments={detail.attachments} shownId={shown?.id ?? null} onShow={show} />
            </section>
          )}
          <Timeline entries={detail.timeline} />
        </div>
        {shown ? (
          <section ref={viewerRef} className="document-section viewer-section document-viewer" aria-labelledby="viewer-heading">
            <h2 id="viewer-heading">{t('viewer.heading')}</h2>
            <AttachmentViewer key={`${shown.id}:${shown.sha256}`} attachment={shown} hubDocumentId={hubDocumentId} />
          </section>
        ) : null}
      </div>
    </article>
  );
}
