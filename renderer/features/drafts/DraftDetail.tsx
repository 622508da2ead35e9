import { useState, type ChangeEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/limits.js';
import type { AttachmentInfo } from '../../../shared/api/documents.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { useToasts } from '../../components/toasts.js';
import { formatBytes, formatDateTime, shortHash } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { openBytes } from './open-blob.js';

export function DraftDetail({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const query = useApiQuery('documents.get', { id });

  if (query.error && !query.data) {
    return query.error.code === 'not_found' ? (
      <p className="empty-state">{t('drafts.detail.notFound')}</p>
    ) : (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data) return <p className="muted">{t('common.loading')}</p>;
  const detail = query.data;

  return (
    <article className="card draft-detail" aria-labelledby="draft-subject">
      <h2 id="draft-subject">{detail.subject}</h2>
      <dl className="meta-list">
        <div>
          <dt>{t('drafts.detail.created')}</dt>
          <dd>
            <time dateTime={detail.createdAt}>{formatDateTime(detail.createdAt, lang)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('drafts.detail.updated')}</dt>
          <dd>
            <time dateTime={detail.updatedAt}>{formatDateTime(detail.updatedAt, lang)}</time>
          </dd>
        </div>
      </dl>
      <h3>{t('drafts.detail.summary')}</h3>
      {detail.summary ? <p className="summary">{detail.summary}</p> : <p className="muted">{t('drafts.detail.noSummary')}</p>}

      <h3 id="attachments-heading">{t('attachments.title')}</h3>
      <AttachmentTable attachments={detail.attachments} />
      <AddAttachment documentId={detail.id} />
    </article>
  );
}

function AttachmentTable({ attachments }: { attachments: AttachmentInfo[] }) {
  const { t, lang } = useI18n();
  const read = useApiMutation('attachments.read');

  if (attachments.length === 0) return <p className="muted">{t('attachments.empty')}</p>;

  async function open(attachment: AttachmentInfo) {
    try {
      const content = await read.mutateAsync({ attachmentId: attachment.id });
      openBytes(content.bytes, content.info.contentType, content.info.name);
    } catch {
      // Reported by the notification region (mutation cache).
    }
  }

  return (
    <div className="table-wrap">
      <table className="data-table attachments" aria-label={t('attachments.table.label')}>
        <thead>
          <tr>
            <th scope="col">{t('attachments.col.name')}</th>
            <th scope="col" className="numeric">
              {t('attachments.col.size')}
            </th>
            <th scope="col">{t('attachments.col.sha256')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('attachments.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attachments.map((attachment) => (
            <tr key={attachment.id}>
              <td className="file-name">{attachment.name}</td>
              <td className="numeric nowrap">{formatBytes(attachment.size, lang)}</td>
              <td>
                <code className="hash" title={attachment.sha256}>
                  {shortHash(attachment.sha256)}
                </code>
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('attachments.openNamed', { name: attachment.name })}
                  disabled={read.isPending && read.variables?.attachmentId === attachment.id}
                  onClick={() => void open(attachment)}
                >
                  {t('attachments.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddAttachment({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [added, setAdded] = useState<string | null>(null);
  const add = useApiMutation('attachments.add', {
    onSuccess: (info) => {
      void queryClient.invalidateQueries({ queryKey: apiQueryKey('documents.get', { id: info.documentId }) });
      void queryClient.invalidateQueries({ queryKey: ['drafts.list'] });
      setAdded(info.name);
    },
  });

  async function onFileChosen(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setAdded(null);
    const name = file.name;
    if (file.size === 0) {
      toasts.error(({ t }) => t('attachments.empty.file', { name }));
    } else if (file.size > MAX_ATTACHMENT_BYTES) {
      toasts.error(({ t }) => t('attachments.tooLarge', { name }));
    } else {
      let bytes: Uint8Array<ArrayBuffer> | null = null;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        toasts.error(({ t }) => t('attachments.readFailed', { name }), error instanceof Error ? error.message : undefined);
      }
      if (bytes) add.mutate({ documentId, name, contentType: file.type || 'application/pdf', bytes });
    }
    // Let the same file be chosen again (after a fix, or to retry).
    input.value = '';
  }

  return (
    <div className="add-attachment">
      <label htmlFor="attachment-file" className="field-label">
        {t('attachments.add.label')}
      </label>
      <input
        id="attachment-file"
        type="file"
        accept="application/pdf,.pdf"
        aria-describedby="attachment-file-hint"
        disabled={add.isPending}
        onChange={(event) => void onFileChosen(event)}
      />
      <p id="attachment-file-hint" className="field-hint">
        {t('attachments.add.hint')}
      </p>
      {add.isPending && add.variables ? (
        <p className="pending-text" role="status">
          {t('attachments.uploading', { name: add.variables.name })}
        </p>
      ) : added !== null ? (
        <p className="success-text" role="status">
          {t('attachments.added', { name: added })}
        </p>
      ) : null}
    </div>
  );
}
