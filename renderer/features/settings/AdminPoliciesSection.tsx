/**
 * "Chính sách quản trị": every policy IT may set, its value and where it comes from (or "không
 * đặt"), read-only; then what the core ignored in the policy and why, for the helpdesk.
 */
import { POLICY_KEYS, type AdminPolicyReading, type PolicyKey } from '../../../shared/api/policy.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { useAdminPolicy } from '../policy/use-admin-policy.js';

export function AdminPoliciesSection() {
  const { t } = useI18n();
  const reading = useAdminPolicy();
  return (
    <section className="document-section settings-section" aria-labelledby="settings-policies-heading">
      <h2 id="settings-policies-heading">{t('policy.heading')}</h2>
      {reading.error ? <QueryError error={reading.error} onRetry={() => void reading.refetch()} /> : null}
      {reading.data ? (
        <>
          <p className="field-hint">{t('policy.intro')}</p>
          <div className="table-wrap">
            <table className="data-table" aria-labelledby="settings-policies-heading">
              <thead>
                <tr>
                  <th scope="col">{t('policy.col.name')}</th>
                  <th scope="col">{t('policy.col.value')}</th>
                  <th scope="col">{t('policy.col.source')}</th>
                </tr>
              </thead>
              <tbody>
                {POLICY_KEYS.map((key) => (
                  <PolicyRow key={key} name={key} reading={reading.data} />
                ))}
              </tbody>
            </table>
          </div>
          {reading.data.problems.length > 0 ? (
            <>
              <h3 id="settings-policy-problems">{t('policy.problems')}</h3>
              <ul className="settings-list" aria-labelledby="settings-policy-problems">
                {reading.data.problems.map((problem) => (
                  <li key={problem} className="form-error mono">
                    {problem}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : reading.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </section>
  );
}

function PolicyRow({ name, reading }: { name: PolicyKey; reading: AdminPolicyReading }) {
  const { t } = useI18n();
  const set = reading.policy[name];
  const value = set === undefined ? null : typeof set.value === 'boolean' ? t(set.value ? 'policy.value.true' : 'policy.value.false') : set.value;
  return (
    <tr>
      <th scope="row">{t(`policy.name.${name}`)}</th>
      <td className={set === undefined ? 'muted' : typeof set.value === 'string' ? 'mono' : undefined}>{value ?? t('policy.notSet')}</td>
      <td>{set === undefined ? t('common.none') : set.source === 'file' ? t('policy.source.file', { file: reading.file ?? '' }) : t(`policy.source.${set.source}`)}</td>
    </tr>
  );
}
