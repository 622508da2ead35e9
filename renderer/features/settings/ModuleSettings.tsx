/**
 * The PKCS#11 library: the one in use with its publisher, path and where it comes from; the known
 * drivers found on this computer (with why one cannot be loaded), each usable in one click; in the
 * desktop app, another library chosen in the system's file dialog (the page never names a path);
 * and a token test that lists what the library sees. The Pkcs11Library policy fixes the library:
 * shown, locked, and the token test still works.
 */
import type { SigningSettings } from '../../../shared/api/signing.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useI18n } from '../../i18n.js';
import { tokenErrorText } from '../signing/SigningSection.js';
import { TokenTest } from './TokenTest.js';
import { useSigningSettingsMutation } from './use-signing-settings.js';
import { PolicyLock } from '../policy/PolicyNotes.js';

export function ModuleSettings({ settings }: { settings: SigningSettings }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const save = useSigningSettingsMutation('signing.setModule');
  const pick = useSigningSettingsMutation('signing.pickModule');
  const locked = settings.source === 'policy';
  const pending = save.isPending || pick.isPending;
  const failure = save.error ?? pick.error;

  return (
    <section className="settings-part" aria-labelledby="settings-module-heading">
      <h3 id="settings-module-heading">{t('settings.module.heading')}</h3>
      <p>{settings.module ? t('settings.module.current', { path: settings.module }) : t('settings.module.none')}</p>
      {settings.module ? <p className="muted">{t('settings.module.publisher', { publisher: settings.publisher ?? t('settings.module.publisher.unknown') })}</p> : null}
      <p className="muted">{t('settings.module.source', { source: t(`settings.module.source.${settings.source}`) })}</p>
      {locked ? <PolicyLock /> : null}
      {settings.candidates.length > 0 ? (
        <>
          <h4>{t('settings.module.candidates')}</h4>
          <ul className="settings-list">
            {settings.candidates.map((candidate) => (
              <li key={candidate.path} className={candidate.loadable ? undefined : 'form-error'}>
                {candidate.loadable
                  ? t('settings.module.candidate.ok', { name: candidate.name, bits: candidate.bits, path: candidate.path })
                  : t('settings.module.candidate.refused', { name: candidate.name, bits: candidate.bits, reason: candidate.reason ?? '' })}{' '}
                <span className="muted">{t('settings.module.publisher', { publisher: candidate.publisher ?? t('settings.module.publisher.unknown') })}</span>{' '}
                {candidate.path === settings.module ? (
                  <span className="muted">{t('settings.module.inUse')}</span>
                ) : candidate.loadable && !locked ? (
                  <button type="button" className="button button-small" aria-label={t('settings.module.useNamed', { name: candidate.name })} disabled={pending} onClick={() => save.mutate({ module: candidate.path })}>
                    {t('settings.module.use')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="form-actions">
        {settings.canPickFile ? (
          <button type="button" className="button" disabled={locked || pending} onClick={() => pick.mutate({})}>
            {t('settings.module.pick')}
          </button>
        ) : null}
        <button type="button" className="button" disabled={settings.source !== 'setting' || pending} onClick={() => save.mutate({ module: '' })}>
          {t('settings.module.auto')}
        </button>
        <span aria-live="polite">{pending ? <span className="pending-text">{t('settings.saving')}</span> : save.isSuccess || pick.isSuccess ? <span className="success-text">{t('settings.saved')}</span> : null}</span>
      </div>
      {settings.canPickFile || locked ? null : <p className="muted">{t('settings.module.browserNote')}</p>}
      {failure ? (
        <p className="form-error" role="alert" title={failure.message}>
          {failure.fields?.token ? tokenErrorText(failure, i18n) : errorText(failure.code, lang)}
        </p>
      ) : null}
      <TokenTest />
    </section>
  );
}
