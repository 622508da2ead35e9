/**
 * The attachments of a document: name, size, and for each "Xem" (a PDF, in the in-app viewer
 * beside the document) and "Tải về" (a copy saved where the browser saves downloads). Nothing
 * opens a new window any more: a PDF is read where the document is.
 */
import type { AttachmentInfo } from '../../shared/api/documents.js';
import { useApiMutation } from '../api/client.js';
import { formatBytes, shortHash } from '../format.js';
import { useI18n } from '../i18n.js';
import { saveBytes } from './open-blob.js';

export const isPdf = (attachment: AttachmentInfo) => attachment.contentType === 'application/pdf' || attachment.name.toLowerCase().endsWith('.pdf');

interface AttachmentTableProps {
  attachments: AttachmentInfo[];
  /** The attachment the viewer shows, and how to show another; without it PDFs are only saved. */
  shownId?: number | null;
  onShow?(attachment: AttachmentInfo): void;
}

export function AttachmentTable({ attachments, shownId = null, onShow }: AttachmentTableProps) {
  const { t, lang } = useI18n();
  const read = useApiMutation('attachments.read');

  if (attachments.length === 0) return <p className="muted">{t('attachments.empty')}</p>;

  async function save(attachment: AttachmentInfo) {
    try {
      const content = await read.mutateAsync({ attachmentId: attachment.id });
      saveBytes(content.bytes, content.info.contentType || 'application/octet-stream', content.info.name);
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
            <th scope="col">
              <span className="visually-hidden">{t('attachments.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attachments.map((attachment) => (
            <tr key={attachment.id} className={attachment.id === shownId ? 'row-open' : undefined}>
              <td className="file-name" title={t('attachments.hashTitle', { hash: shortHash(attachment.sha256) })}>
                {attachment.name}
              </td>
              <td className="numeric nowrap">{formatBytes(attachment.size, lang)}</td>
              <td className="actions">
                <span className="row-actions">
                  {onShow && isPdf(attachment) ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('attachments.showNamed', { name: attachment.name })}
                      aria-pressed={attachment.id === shownId}
                      onClick={() => onShow(attachment)}
                    >
                      {t('attachments.show')}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('attachments.saveNamed', { name: attachment.name })}
                    disabled={read.isPending && read.variables?.attachmentId === attachment.id}
                    onClick={() => void save(attachment)}
                  >
                    {t('attachments.save')}
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
