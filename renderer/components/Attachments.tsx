/**
 * The attachments of a document: name, size, and for each "Xem" (shown inside the app: a PDF or
 * an image; anything else the viewer offers to save) and "Tải về" (a copy saved where the browser
 * saves downloads). Where the viewer goes is the page's choice (`onShow`: beside the document's
 * header); without one it opens below the table. Nothing opens a new window. A program, script
 * or shortcut is flagged with its real extension and has no "Xem": VanThu never opens it.
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

/** What the sender calls a PDF, for the viewer to open first (the core decides from the bytes whether it is one). */
export const isPdf = (attachment: AttachmentInfo) =>
  !isExecutableName(attachment.name) && (attachment.contentType === 'application/pdf' || attachment.name.toLowerCase().endsWith('.pdf'));

interface AttachmentTableProps {
  attachments: AttachmentInfo[];
  /** The attachment the page's viewer shows, and how to show another; without it the table shows it below itself. */
  shownId?: number | null;
  onShow?(attachment: AttachmentInfo): void;
}

export function AttachmentTable({ attachments, shownId = null, onShow }: AttachmentTableProps) {
  const { t, lang } = useI18n();
  const save = useApiMutation('attachments.open', { onSuccess: (link) => saveLink(link) });
  const [viewing, setViewing] = useState<number | null>(null);
  const openId = onShow ? shownId : viewing;
  const shownBelow = onShow ? undefined : attachments.find((attachment) => attachment.id === viewing);
  const hasPdf = attachments.some(isPdf);
  useEffect(() => {
    if (hasPdf) preloadPdfJs();
  }, [hasPdf]);

  if (attachments.length === 0) return <p className="muted">{t('attachments.empty')}</p>;

  const show = (attachment: AttachmentInfo) => {
    if (onShow) onShow(attachment);
    else setViewing(viewing === attachment.id ? null : attachment.id);
  };

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
                <tr key={attachment.id} className={attachment.id === openId ? 'row-open' : undefined}>
                  <td className="file-name" title={t('attachments.hashTitle', { hash: shortHash(attachment.sha256) })}>
                    {attachment.name}
                    {executable ? (
                      <p className="form-error" role="note">
                        {t('attachments.executable', { extension })}
                        {hasDisguisedExtension(attachment.name) ? ` ${t('attachments.disguised', { extension })}` : ''}
                      </p>
                    ) : null}
                  </td>
                  <td className="numeric nowrap">{formatBytes(attachment.size, lang)}</td>
                  <td className="actions">
                    <span className="row-actions">
                      {executable ? null : (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('attachments.showNamed', { name: attachment.name })}
                          aria-pressed={attachment.id === openId}
                          onClick={() => show(attachment)}
                        >
                          {t('attachments.show')}
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
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {shownBelow ? (
        <section className="attachment-view">
          <AttachmentViewer key={`${shownBelow.id}:${shownBelow.sha256}`} attachment={shownBelow} />
          <button type="button" className="button button-small" onClick={() => setViewing(null)}>
            {t('viewer.close')}
          </button>
        </section>
      ) : null}
    </>
  );
}

