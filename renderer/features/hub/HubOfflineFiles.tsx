/**
 * Agency mode, in a hub document's detail view: "Giữ các tệp trên máy này để xem khi mất mạng"
 * (pin: the files are downloaded now and never removed to free space) and, for each file, whether
 * it is on this computer. Files of documents not kept are downloaded when opened and may be
 * removed later to free space. docs/architecture.md, "Files on demand at the desk".
 */
import { useQueryClient } from '@tanstack/react-query';
import { hubFileStateKey } from '../../../shared/i18n/messages.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { apiQueryKey } from '../../api/query-keys.js';
import { QueryError } from '../../components/QueryError.js';
import { formatBytes } from '../../format.js';
import { useI18n } from '../../i18n.js';

export function HubOfflineFiles({ documentId }: { documentId: number }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const files = useApiQuery('hub.documentFiles', { documentId });
  const pin = useApiMutation('hub.pinDocument', { onSuccess: (state) => queryClient.setQueryData(apiQueryKey('hub.documentFiles', { documentId }), state) });
  if (files.error) return <QueryError error={files.error} onRetry={() => void files.refetch()} />;
  if (!files.data) return null;
  const { pinned } = files.data;
  return (
    <section className="hub-offline-files" aria-label={t('hub.files.heading')}>
      <label className="checkbox">
        <input type="checkbox" checked={pinned} disabled={pin.isPending} onChange={(event) => pin.mutate({ documentId, pinned: event.target.checked })} />
        {t('hub.files.pin')}
      </label>
      <p className="muted">{t('hub.files.pinHint')}</p>
      {pin.error ? <QueryError error={pin.error} onRetry={() => pin.mutate({ documentId, pinned: !pinned })} /> : null}
      <ul className="hub-offline-file-list">
        {files.data.files.map((file) => (
          <li key={file.sha256}>
            <span className="file-name">{file.name}</span> <span className="muted nowrap">{formatBytes(file.size, lang)}</span>{' '}
            <span className={`hub-file-state hub-file-state-${file.state}`} aria-live="polite">
              {t(hubFileStateKey(file.state))}
            </span>
            {file.detail ? (
              <details className="status-details">
                <summary>{t('common.details')}</summary>
                <p className="mono">{file.detail}</p>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
