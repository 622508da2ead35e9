/** What a clerk sees where an admin policy decides: a lock beside a fixed value, the reason an action is off. */
import { useI18n } from '../../i18n.js';
import { usePolicyValues } from './use-admin-policy.js';

/** "🔒 Do quản trị viên đặt" beside a value the policy fixes. */
export function PolicyLock() {
  const { t } = useI18n();
  return <p className="policy-lock">{t('policy.locked')}</p>;
}

/** True when the DisableExport policy turns exporting off. */
export function useExportDisabled(): boolean {
  return usePolicyValues().disableExport?.value === true;
}

/** The reason the export buttons beside it are off, shown once per screen. */
export function ExportPolicyNote() {
  const { t } = useI18n();
  return useExportDisabled() ? <p className="policy-lock">{`🔒 ${t('policy.export.disabled')}`}</p> : null;
}
