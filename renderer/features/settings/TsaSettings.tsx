/**
 * The RFC 3161 time-stamp server: set, every signature is PAdES B-T; empty, B-B. The core's
 * contract validates the URL. The TsaUrl policy fixes it: shown, locked.
 */
import { useState, type FormEvent } from 'react';
import type { SigningSettings } from '../../../shared/api/signing.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { useSigningSettingsMutation } from './use-signing-settings.js';
import { PolicyLock } from '../policy/PolicyNotes.js';
import { TechnicalDetails } from '../../components/TechnicalDetails.js';

export function TsaSettings({ settings }: { settings: SigningSettings }) {
  const { t, lang } = useI18n();
  const [url, setUrl] = useState(settings.tsaUrl ?? '');
  const save = useSigningSettingsMutation('signing.setTsa');
  const locked = settings.tsaSource === 'policy';
  const error = save.error ? (save.error.fields?.url ? t('settings.tsa.invalid') : errorText(save.error.code, lang)) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ url: url.trim() || null });
  }

  return (
    <section className="settings-part" aria-labelledby="settings-tsa-heading">
      <h3 id="settings-tsa-heading">{t('settings.tsa.heading')}</h3>
      <p>{settings.tsaUrl ? t('settings.tsa.current.set', { url: settings.tsaUrl }) : t('settings.tsa.current.none')}</p>
      <TechnicalDetails>
        <p>{t('settings.tsa.technical')}</p>
      </TechnicalDetails>
      {locked ? (
        <>
          <p className="muted">{t('settings.tsa.source.policy')}</p>
          <PolicyLock />
        </>
      ) : null}
      <form onSubmit={submit} aria-labelledby="settings-tsa-heading" autoComplete="off" noValidate>
        <Field label={t('settings.tsa.url')} hint={t('settings.tsa.hint')} error={error}>
          <input type="url" spellCheck={false} maxLength={2000} readOnly={locked} value={locked ? (settings.tsaUrl ?? '') : url} onChange={(event) => setUrl(event.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={locked || save.isPending}>
            {t('settings.tsa.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={locked || settings.tsaUrl === null || save.isPending}
            onClick={() => {
              setUrl('');
              save.mutate({ url: null });
            }}
          >
            {t('settings.tsa.clear')}
          </button>
          <span aria-live="polite">{save.isPending ? <span className="pending-text">{t('settings.saving')}</span> : save.isSuccess ? <span className="success-text">{t('settings.saved')}</span> : null}</span>
        </div>
      </form>
    </section>
  );
}
