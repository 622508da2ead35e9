/**
 * "Kiểm tra thiết bị ký số": loads the PKCS#11 library in the signer process and lists its tokens.
 * One component for Settings and the diagnostics page, both calling signing.listTokens.
 */
import { useState } from 'react';
import { useApiQuery } from '../../api/client.js';
import { formatDateTime, nameInDn } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { certificateReasonText, tokenErrorText } from '../signing/token-errors.js';
import { CertificateKindSelect } from './CertificateKindSelect.js';

/** `editKinds`: Settings lets IT set each certificate's kind (personal / agency) here. */
export function TokenTest({ editKinds = false }: { editKinds?: boolean }) {
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
                          const holder = certificate.holderName ?? nameInDn(certificate.holder);
                          return (
                            <li key={certificate.id} className={certificate.usable ? undefined : 'muted'}>
                              {certificate.usable
                                ? t('settings.tokens.certificate', { holder, issuer: nameInDn(certificate.issuer), until: formatDateTime(certificate.notAfter, lang) })
                                : t('signing.certificate.unusable', { holder, reason: certificateReasonText(certificate.reason, t) })}
                              {editKinds ? <CertificateKindSelect certificate={certificate} /> : null}
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
