/**
 * "Cài đặt": one component per section, each with its own heading, reads and saves.
 */
import { useI18n } from '../../i18n.js';
import { AdminPoliciesSection } from './AdminPoliciesSection.js';
import { SigningSettingsSection } from './SigningSettingsSection.js';
import { TrustAnchorsSection } from './TrustAnchorsSection.js';

export function SettingsScreen() {
  const { t } = useI18n();
  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <div className="screen-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </div>
      <SigningSettingsSection />
      <TrustAnchorsSection />
      <AdminPoliciesSection />
    </section>
  );
}
