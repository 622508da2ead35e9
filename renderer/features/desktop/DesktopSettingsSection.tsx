/** "Ứng dụng trên máy tính": open at sign-in and close to tray, kept by Electron's main process. */
import { useQueryClient } from '@tanstack/react-query';
import type { DesktopPreferences } from '../../../shared/api/desktop.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';

export function DesktopSettingsSection() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const preferences = useApiQuery('desktop.getPreferences', {});
  const save = useApiMutation('desktop.setPreferences', {
    meta: { inlineErrors: true },
    onSuccess: (saved) => queryClient.setQueryData(apiQueryKey('desktop.getPreferences', {}), saved),
  });

  const toggle = (name: 'openAtLogin' | 'closeToTray', labelKey: 'desktop.settings.openAtLogin' | 'desktop.settings.closeToTray', current: DesktopPreferences) => (
    <label className="checkbox">
      <input type="checkbox" checked={current[name]} disabled={save.isPending} onChange={(event) => save.mutate({ [name]: event.target.checked })} />
      {t(labelKey)}
    </label>
  );

  return (
    <section className="document-section settings-section" aria-labelledby="settings-desktop-heading">
      <h2 id="settings-desktop-heading">{t('desktop.settings.heading')}</h2>
      {preferences.error ? <QueryError error={preferences.error} onRetry={() => void preferences.refetch()} /> : null}
      {preferences.data ? (
        <>
          {toggle('openAtLogin', 'desktop.settings.openAtLogin', preferences.data)}
          {toggle('closeToTray', 'desktop.settings.closeToTray', preferences.data)}
          <span aria-live="polite">
            {save.isPending ? <span className="pending-text">{t('settings.saving')}</span> : save.isSuccess ? <span className="success-text">{t('settings.saved')}</span> : null}
          </span>
          {save.error ? (
            <p className="form-error" role="alert" title={save.error.message}>
              {errorText(save.error.code, lang)}
            </p>
          ) : null}
        </>
      ) : preferences.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </section>
  );
}
