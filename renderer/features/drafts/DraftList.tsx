import { useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';

export function DraftList({ selectedId }: { selectedId: number | null }) {
  const { t, lang } = useI18n();
  const drafts = useApiQuery('drafts.list', {});

  if (drafts.error && !drafts.data) return <QueryError error={drafts.error} onRetry={() => void drafts.refetch()} />;
  if (!drafts.data) return <p className="muted">{t('common.loading')}</p>;
  if (drafts.data.length === 0) return <p className="empty-state">{t('drafts.empty')}</p>;

  return (
    <div className="table-wrap">
      <table className="data-table draft-list" aria-label={t('drafts.list.label')}>
        <thead>
          <tr>
            <th scope="col">{t('drafts.col.subject')}</th>
            <th scope="col" className="numeric">
              {t('drafts.col.attachments')}
            </th>
            <th scope="col">{t('drafts.col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {drafts.data.map((draft) => {
            const selected = draft.id === selectedId;
            return (
              <tr key={draft.id} className={selected ? 'selected' : undefined}>
                <td>
                  <a href={routeHref({ area: 'drafts', documentId: draft.id })} aria-current={selected ? 'true' : undefined}>
                    {draft.subject}
                  </a>
                </td>
                <td className="numeric">{draft.attachmentCount}</td>
                <td className="nowrap">
                  <time dateTime={draft.updatedAt}>{formatDateTime(draft.updatedAt, lang)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
