/**
 * The PKCS#11 library: the one in use and where it comes from, the known drivers found on
 * Windows with why one cannot be loaded, a path to set (empty: back to auto-detection), and a
 * token test that lists what the library sees. The Pkcs11Library policy fixes the path: shown,
 * locked, and the token test still works.
 */
import { useState, type FormEvent } from 'react';
import type { SigningSettings } from '../../../shared/api/signing.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { TokenTest } from './TokenTest.js';
import { useSigningSettingsMutation } from './use-signing-settings.js';
import { PolicyLock } from '../policy/PolicyNotes.js';
import { TechnicalDetails } from '../../components/TechnicalDetails.js';

export function ModuleSettings({ settings }: { settings: SigningSettings }) {
  const { t, lang } = useI18n();
  const [path, setPath] = useState(settings.source === 'setting' ? (settings.module ?? '') : '');
  const save = useSigningSettingsMutation('signing.setModule');
  const locked = settings.source === 'policy';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (path.trim()) save.mutate({ module: path.trim() });
  }

  return (
    <section className="settings-part" aria-labelledby="settings-module-heading">
      <h3 id="settings-module-heading">{t('settings.module.heading')}</h3>
      <p>{settings.module ? t('settings.module.found') : t('settings.module.none')}</p>
      {locked ? <PolicyLock /> : null}
      <TechnicalDetails>
        {settings.module ? <p>{t('settings.module.current', { path: settings.module })}</p> : null}
        <p>{t('settings.module.source', { source: t(`settings.module.source.${settings.source}`) })}</p>
        <p>{t('settings.module.technical')}</p>
        {settings.candidates.length > 0 ? (
          <>
            <h4>{t('settings.module.candidates')}</h4>
            <ul className="settings-list">
              {settings.candidates.map((candidate) => (
                <li key={candidate.path} className={candidate.loadable ? undefined : 'form-error'}>
                  {candidate.loadable
                    ? t('settings.module.candidate.ok', { name: candidate.name, bits: candidate.bits, path: candidate.path })
                    : t('settings.module.candidate.refused', { name: candidate.name, bits: candidate.bits, reason: candidate.reason ?? '' })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </TechnicalDetails>
      <form onSubmit={submit} aria-labelledby="settings-module-heading" autoComplete="off">
        <Field label={t('settings.module.path')} hint={t('settings.module.path.hint')} error={save.error ? errorText(save.error.code, lang) : null}>
          <input type="text" spellCheck={false} maxLength={1000} readOnly={locked} value={locked ? (settings.module ?? '') : path} onChange={(event) => setPath(event.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={locked || !path.trim() || save.isPending}>
            {t('settings.module.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={settings.source !== 'setting' || save.isPending}
            onClick={() => {
              setPath('');
              save.mutate({ module: '' });
            }}
          >
            {t('settings.module.auto')}
          </button>
          <span aria-live="polite">{save.isPending ? <span className="pending-text">{t('settings.saving')}</span> : save.isSuccess ? <span className="success-text">{t('settings.saved')}</span> : null}</span>
        </div>
      </form>
      <TokenTest />
    </section>
  );
}
