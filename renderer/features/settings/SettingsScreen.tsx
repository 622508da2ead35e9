/**
 * "Cài đặt": one component per section, each with its own heading, reads and saves.
 */
import { useApiQuery } from '../../api/client.js';
import { useI18n } from '../../i18n.js';
import { AdminPoliciesSection } from './AdminPoliciesSection.js';
import { AxisConnectionSection } from './AxisConnectionSection.js';
import { DesktopSettingsSection } from '../desktop/DesktopSettingsSection.js';
import { SigningSettingsSection } from './SigningSettingsSection.js';
import { TrustAnchorsSection } from './TrustAnchorsSection.js';

export function SettingsScreen() {
  const { t } = useI18n();
  const state = useApiQuery('app.getState', {});
  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <div className="screen-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </div>
      <AxisConnectionSection />
      <SigningSettingsSection />
      <TrustAnchorsSection />
      <AdminPoliciesSection />
      {/* Only the desktop app has a sign-in item and a tray; browser mode has neither. */}
      {state.data?.shell === 'electron' ? <DesktopSettingsSection /> : null}
    </section>
  );
}
