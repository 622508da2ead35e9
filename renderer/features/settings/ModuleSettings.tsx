/**
 * The PKCS#11 library: the one in use and where it comes from, the known drivers found on
 * Windows with why one cannot be loaded, a path to set (empty: back to auto-detection), and a
 * token test that lists what the library sees.
 */
import { useState, type FormEvent } from 'react';
import type { SigningSettings } from '../../../shared/api/signing.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { certificateReasonText, tokenErrorText } from '../signing/SigningSection.js';
import { useSigningSettingsMutation } from './use-signing-settings.js';

export function ModuleSettings({ settings }: { settings: SigningSettings }) {
  const { t, lang } = useI18n();
  const [path, setPath] = useState(settings.source === 'setting' ? (settings.module ?? '') : '');
  const save = useSigningSettingsMutation('signing.setModule');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (path.trim()) save.mutate({ module: path.trim() });
  }

  return (
    <section className="settings-part" aria-labelledby="settings-module-heading">
      <h3 id="settings-module-heading">{t('settings.module.heading')}</h3>
      <p>{settings.module ? t('settings.module.current', { path: settings.module }) : t('settings.module.none')}</p>
      <p className="muted">{t('settings.module.source', { source: t(`settings.module.source.${settings.source}`) })}</p>
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
      <form onSubmit={submit} aria-labelledby="settings-module-heading" autoComplete="off">
        <Field label={t('settings.module.path')} hint={t('settings.module.path.hint')} error={save.error ? errorText(save.error.code, lang) : null}>
          <input type="text" spellCheck={false} maxLength={1000} value={path} onChange={(event) => setPath(event.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!path.trim() || save.isPending}>
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

/** "Kiểm tra thiết bị ký số": loads the library in the signer process and lists its tokens. */
function TokenTest() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [requested, setRequested] = useState(false);
  const tokens = useApiQuery('signing.listTokens', {}, { enabled: requested, staleTime: 0, retry: false });

  return (
    <div className="token-test">
      <div className="form-actions">
        <button type="button" className="button" disabled={tokens.isFetching} onClick={() => (requested ? void tokens.refetch() : setRequested(true))}>
          {t('settings.tokens.test')}
        </button>
      </div>
      <div aria-live="polite">
        {tokens.isFetching ? (
          <p className="pending-text">{t('signing.tokens.loading')}</p>
        ) : tokens.error ? (
          <p className="form-error" role="alert" title={tokens.error.message}>
            {tokens.error.code === 'not_configured' ? t('settings.module.none') : tokenErrorText(tokens.error, i18n)}
          </p>
        ) : tokens.data ? (
          tokens.data.length === 0 ? (
            <p className="form-error">{t('settings.tokens.none')}</p>
          ) : (
            <>
              <p className="success-text">{t('settings.tokens.found', { count: tokens.data.length })}</p>
              <ul className="settings-list">
                {tokens.data.map((token) => (
                  <li key={token.slot}>
                    {t('settings.tokens.token', { label: token.label, manufacturer: token.manufacturer, serial: token.serial })}
                    {token.pinLocked ? <span className="form-error"> {t('signing.error.pin_locked')}</span> : null}
                    {token.certificates.length === 0 ? (
                      <p className="muted">{t('signing.certificate.none')}</p>
                    ) : (
                      <ul>
                        {token.certificates.map((certificate) => {
                          const holder = certificate.holderName ?? certificate.holder;
                          return (
                            <li key={certificate.id} className={certificate.usable ? undefined : 'muted'}>
                              {certificate.usable
                                ? t('settings.tokens.certificate', { holder, issuer: certificate.issuer, until: formatDateTime(certificate.notAfter, lang) })
                                : t('signing.certificate.unusable', { holder, reason: certificateReasonText(certificate.reason, t) })}
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )
        ) : null}
      </div>
    </div>
  );
}
