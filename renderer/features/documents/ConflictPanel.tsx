/**
 * Another version of this incoming document, received under the same document id with other
 * content: shown beside the one the clerk has, field by field and file by file, until the clerk
 * keeps the original or takes the new one (the original then kept as an earlier version).
 */
import { useId } from 'react';
import type { DocumentConflict, DocumentDetail, DocumentMetadata } from '../../../shared/api/documents.js';
import { priorityKey } from '../../../shared/i18n/messages.js';
import { formatCode, formatDate, formatDateTime } from '../../format.js';
import { useI18n, type I18n } from '../../i18n.js';
import { useDocumentMutation } from './use-document-mutation.js';

type Row = { label: string; original: string; version: string };

/** The fields a clerk compares, as the document page shows them. */
function rows(original: DocumentDetail, conflict: DocumentConflict, { t }: Pick<I18n, 't'>): Row[] {
  const show = (meta: DocumentMetadata) => ({
    code: formatCode(meta.codeNumber, meta.codeNotation),
    subject: meta.subject,
    summary: meta.summary,
    type: meta.typeName,
    date: meta.promulgationDate ? formatDate(meta.promulgationDate) : '',
    place: meta.place,
    signer: [meta.signerCompetence, meta.signerPosition, meta.signerFullName].map((part) => part.trim()).filter(Boolean).join(' · '),
    due: meta.dueDate ? formatDate(meta.dueDate) : '',
    priority: t(priorityKey(meta.priority)),
  });
  const a = show(original.metadata);
  const b = show(conflict.metadata);
  const files = (list: readonly { name: string; sha256: string }[]) => list.map((file) => `${file.name} (${file.sha256.slice(0, 8)})`).join('\n');
  return [
    { label: t('meta.sender'), original: original.senderName ?? '', version: conflict.senderName ?? '' },
    { label: t('meta.code'), original: a.code, version: b.code },
    { label: t('conflict.field.subject'), original: a.subject, version: b.subject },
    { label: t('conflict.field.summary'), original: a.summary, version: b.summary },
    { label: t('meta.type'), original: a.type, version: b.type },
    { label: t('meta.promulgationDate'), original: a.date, version: b.date },
    { label: t('meta.place'), original: a.place, version: b.place },
    { label: t('meta.signer'), original: a.signer, version: b.signer },
    { label: t('meta.dueDate'), original: a.due, version: b.due },
    { label: t('meta.priority'), original: a.priority, version: b.priority },
    { label: t('conflict.field.attachments'), original: files(original.attachments), version: files(conflict.attachments) },
  ];
}

export function ConflictPanel({ detail, conflict }: { detail: DocumentDetail; conflict: DocumentConflict }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const headingId = useId();
  const resolve = useDocumentMutation('documents.resolveConflict');
  const compared = rows(detail, conflict, i18n);
  return (
    <section className="banner banner-request conflict-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="banner-title">
        {t('conflict.title')}
      </h2>
      <p>{t('conflict.explain', { time: formatDateTime(conflict.receivedAt, lang) })}</p>
      <table className="data-table conflict-table" aria-label={t('conflict.table')}>
        <thead>
          <tr>
            <th scope="col">{t('conflict.col.field')}</th>
            <th scope="col">{t('conflict.col.original')}</th>
            <th scope="col">{t('conflict.col.version')}</th>
          </tr>
        </thead>
        <tbody>
          {compared.map((row) => (
            <tr key={row.label} className={row.original === row.version ? undefined : 'conflict-differs'}>
              <th scope="row">{row.label}</th>
              <td>{row.original || t('common.none')}</td>
              <td>
                {row.version || t('common.none')}
                {row.original === row.version ? null : <span className="visually-hidden"> {t('conflict.differs')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('conflict.hint')}</p>
      <div className="banner-actions">
        <button type="button" className="button" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: detail.id, conflictId: conflict.id, keep: 'original' })}>
          {t('conflict.keep')}
        </button>
        <button type="button" className="button button-primary" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: detail.id, conflictId: conflict.id, keep: 'new' })}>
          {t('conflict.take')}
        </button>
      </div>
    </section>
  );
}
