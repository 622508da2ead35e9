/** "Nhóm cơ quan nhận": the groups the agency keeps, their members, and removing one (a group is made from the recipient picker). */
import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';

export function RecipientGroupsSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const groups = useApiQuery('recipientGroups.list', {});
  const remove = useApiMutation('recipientGroups.remove', {
    onSuccess: (rest) => queryClient.setQueryData(apiQueryKey('recipientGroups.list', {}), rest),
  });
  return (
    <section className="document-section recipient-groups" aria-labelledby="recipient-groups-heading">
      <h2 id="recipient-groups-heading">{t('groups.heading')}</h2>
      <p className="field-hint">{t('groups.intro')}</p>
      {groups.error ? <QueryError error={groups.error} onRetry={() => void groups.refetch()} /> : null}
      {groups.data && groups.data.length === 0 ? <p className="empty-state">{t('groups.empty')}</p> : null}
      {groups.data && groups.data.length > 0 ? (
        <ul className="group-list">
          {groups.data.map((group) => (
            <li key={group.id}>
              <div className="group-title">
                <strong>{group.name}</strong>
                <span className="muted">{t('groups.count', { count: group.members.length })}</span>
                <button
                  type="button"
                  className="button button-small button-danger-outline"
                  aria-label={t('groups.remove.named', { name: group.name })}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ id: group.id })}
                >
                  {t('groups.remove')}
                </button>
              </div>
              <p className="group-members">{group.members.map((member) => member.name ?? t('groups.missing', { id: member.id })).join('; ')}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
