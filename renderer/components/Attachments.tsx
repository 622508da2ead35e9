/**
 * The attachments of a document: name, size, hash, "Mở" (shown inside the app below the table:
 * a PDF or an image; anything else the viewer offers to save) and "Lưu" (save). A program, script
 * or shortcut is flagged with its real extension and has no "Mở": VanThu never opens it.
 */
import { useEffect, useState } from 'react';
import type { AttachmentInfo } from '../../shared/api/documents.js';
import { extensionOf, hasDisguisedExtension, isExecutableName } from '../../shared/domain/attachment-safety.js';
import { useApiMutation } from '../api/client.js';
import { formatBytes, shortHash } from '../format.js';
import { useI18n } from '../i18n.js';
import { saveLink } from './open-blob.js';
import { AttachmentViewer } from './PdfViewer.js';
import { preloadPdfJs } from './pdf-loader.js';

export function AttachmentTable({ attachments }: { attachments: AttachmentInfo[] }) {
  const { t, lang } = useI18n();
  const save = useApiMutation('attachments.open', { onSuccess: (link) => saveLink(link) });
  const [viewing, setViewing] = useState<number | null>(null);
  const shown = attachments.find((attachment) => attachment.id === viewing);
  const hasPdf = attachments.some((attachment) => attachment.contentType === 'application/pdf' || /\.pdf$/i.test(attachment.name));
  useEffect(() => {
    if (hasPdf) preloadPdfJs();
  }, [hasPdf]);

  if (attachments.length === 0) return <p className="muted">{t('attachments.empty')}</p>;

  return (
    <>
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
            {attachments.map((attachment) => {
              const executable = isExecutableName(attachment.name);
              const extension = extensionOf(attachment.name);
              return (
                <tr key={attachment.id}>
                  <td className="file-name">
                    {attachment.name}
                    {executable ? (
                      <p className="form-error" role="note">
                        {t('attachments.executable', { extension })}
                        {hasDisguisedExtension(attachment.name) ? ` ${t('attachments.disguised', { extension })}` : ''}
                      </p>
                    ) : null}
                  </td>
                  <td className="numeric nowrap">{formatBytes(attachment.size, lang)}</td>
                  <td>
                    <code className="hash" title={attachment.sha256}>
                      {shortHash(attachment.sha256)}
                    </code>
                  </td>
                  <td className="actions">
                    {executable ? null : (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('attachments.openNamed', { name: attachment.name })}
                        aria-pressed={viewing === attachment.id}
                        onClick={() => setViewing(viewing === attachment.id ? null : attachment.id)}
                      >
                        {t('attachments.open')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('attachments.saveNamed', { name: attachment.name })}
                      disabled={save.isPending && save.variables?.attachmentId === attachment.id}
                      onClick={() => save.mutate({ attachmentId: attachment.id, purpose: 'save' })}
                    >
                      {t('attachments.save')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown ? (
        <section className="attachment-view">
          <AttachmentViewer key={`${shown.id}:${shown.sha256}`} attachment={shown} />
          <button type="button" className="button button-small" onClick={() => setViewing(null)}>
            {t('viewer.close')}
          </button>
        </section>
      ) : null}
    </>
  );
}
