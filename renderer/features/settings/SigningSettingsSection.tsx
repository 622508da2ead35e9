/** "Ký số": the token driver, the time-stamp server, the signature and seal images. */
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { ModuleSettings } from './ModuleSettings.js';
import { SigningImages } from './SigningImages.js';
import { TsaSettings } from './TsaSettings.js';
import { useSigningSettings } from './use-signing-settings.js';

export function SigningSettingsSection() {
  const { t } = useI18n();
  const settings = useSigningSettings();
  return (
    <section className="document-section settings-section" aria-labelledby="settings-signing-heading">
      <h2 id="settings-signing-heading">{t('settings.signing.heading')}</h2>
      {settings.error ? <QueryError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.data ? (
        <>
          <ModuleSettings settings={settings.data} />
          <TsaSettings settings={settings.data} />
          <SigningImages settings={settings.data} />
        </>
      ) : settings.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </section>
  );
}
