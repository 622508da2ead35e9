/** The attachments of a document: name, size, hash, and "Mở" (open, or download if no window may open). */
import { useState } from 'react';
import type { AttachmentInfo } from '../../shared/api/documents.js';
import { useApiMutation } from '../api/client.js';
import { AttachmentViewer } from './PdfViewer.js';
import { formatBytes, shortHash } from '../format.js';
import { useI18n } from '../i18n.js';
import { openBytes } from './open-blob.js';

export function AttachmentTable({ attachments }: { attachments: AttachmentInfo[] }) {
  const { t, lang } = useI18n();
  const read = useApiMutation('attachments.read');
  // A PDF shown here in the app viewer, with find-in-document (a scan's OCR words included).
  const [viewing, setViewing] = useState<AttachmentInfo | null>(null);

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
                {isPdf(attachment) ? (
                  <button
                    type="button"
                    className="button button-small"
                    aria-pressed={viewing?.id === attachment.id}
                    aria-label={t('attachments.viewNamed', { name: attachment.name })}
                    onClick={() => setViewing(viewing?.id === attachment.id ? null : attachment)}
                  >
                    {t('attachments.view')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {viewing ? <AttachmentViewer key={viewing.id} attachment={viewing} /> : null}
    </div>
  );
}

const isPdf = (attachment: AttachmentInfo) => attachment.contentType === 'application/pdf' || attachment.name.toLowerCase().endsWith('.pdf');
