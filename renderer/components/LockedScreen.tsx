/** Browser mode, opened without a valid launch link (or the host forgot the session): how to get in. */
import { useI18n } from '../i18n.js';

export function LockedScreen() {
  const { t } = useI18n();
  return (
    <div className="app-frame">
      <main className="splash">
        <h1>{t('session.locked.title')}</h1>
        <p role="alert">{t('session.locked')}</p>
        <p>{t('session.locked.hint')}</p>
      </main>
    </div>
  );
}
