/**
 * A signature with a token certificate: the certificate picked from the tokens and the PIN typed
 * in a field that is cleared after every attempt (never kept), with the final-try confirmation.
 * The caller says what is signed (`onSign`) and adds its own controls (`children`).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { TokenCertificateSummary } from '../../../shared/api/signing.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { certificateReasonText, tokenErrorText } from './SigningSection.js';

export interface TokenChoice {
  slot: string;
  certificateId: string;
  pin: string;
  confirmFinalTry?: true;
}

interface TokenPinFormProps {
  /** The form's accessible name and heading. */
  heading: string;
  headingId: string;
  status?: string;
  button: string;
  pending: boolean;
  error: ApiError | null;
  onSign(choice: TokenChoice): void;
  children?: ReactNode;
  /** Extra reasons to keep the button off (a required field of the caller's). */
  disabled?: boolean;
}

export function TokenPinForm({ heading, headingId, status, button, pending, error, onSign, children, disabled = false }: TokenPinFormProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const tokens = useApiQuery('signing.listTokens', {}, { staleTime: 0, retry: false });
  const [choice, setChoice] = useState('');
  const [pin, setPin] = useState('');
  const [finalTryConfirmed, setFinalTryConfirmed] = useState(false);

  const choices = (tokens.data ?? []).flatMap((token) => token.certificates.map((certificate) => ({ token, certificate, key: `${token.slot}:${certificate.id}` })));
  const usable = choices.filter((entry) => entry.certificate.usable);
  const chosen = choices.find((entry) => entry.key === choice) ?? usable[0];
  const holder = (certificate: TokenCertificateSummary) => certificate.holderName ?? certificate.holder;
  // The token's flags (or the last refusal) say the next wrong PIN locks it: the user must confirm.
  const finalTry = Boolean(chosen?.token.pinFinalTry) || error?.fields?.token === 'pin_final_try' || error?.fields?.triesLeft === 'final';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen || pending) return;
    const typed = pin;
    // Cleared at once: the PIN is only in this call.
    setPin('');
    if (finalTry && !finalTryConfirmed) return;
    setFinalTryConfirmed(false);
    onSign({ slot: chosen.token.slot, certificateId: chosen.certificate.id, pin: typed, ...(finalTry ? { confirmFinalTry: true as const } : {}) });
  }

  return (
    <form className="token-sign-form" onSubmit={submit} aria-labelledby={headingId} autoComplete="off">
      <h3 id={headingId}>{heading}</h3>
      {status ? <p className="muted">{status}</p> : null}
      {tokens.isPending ? (
        <p className="pending-text">{t('signing.tokens.loading')}</p>
      ) : tokens.error ? (
        <p className="form-error" role="alert" title={tokens.error.message}>
          {tokenErrorText(tokens.error, i18n)}
        </p>
      ) : choices.length === 0 ? (
        <p className="muted">{t('signing.certificate.none')}</p>
      ) : (
        <div className="form-grid">
          {children}
          <Field label={t('signing.certificate')}>
            <select value={chosen?.key ?? ''} onChange={(event) => setChoice(event.target.value)}>
              {choices.map(({ token, certificate, key }) => (
                <option key={key} value={key} disabled={!certificate.usable}>
                  {certificate.usable
                    ? t('signing.certificate.option', { holder: holder(certificate), token: token.label, until: formatDateTime(certificate.notAfter, lang) })
                    : t('signing.certificate.unusable', { holder: holder(certificate), reason: certificateReasonText(certificate.reason, t) })}
                </option>
              ))}
            </select>
          </Field>
          {chosen ? (
            <Field label={t('signing.pin', { holder: holder(chosen.certificate) })} hint={t('signing.pin.hint')} error={error ? tokenErrorText(error, i18n) : null}>
              <input type="password" autoComplete="off" minLength={4} maxLength={64} value={pin} onChange={(event) => setPin(event.target.value)} />
            </Field>
          ) : null}
          {chosen && finalTry ? (
            <div className="final-try-warning" role="alert">
              <p className="form-error">{t('signing.finalTry.warning')}</p>
              <label className="checkbox">
                <input type="checkbox" checked={finalTryConfirmed} onChange={(event) => setFinalTryConfirmed(event.target.checked)} />
                {t('signing.finalTry.confirm')}
              </label>
            </div>
          ) : null}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!chosen || pin.length < 4 || pending || disabled || (finalTry && !finalTryConfirmed)}>
          {button}
        </button>
        <button type="button" className="button" onClick={() => void tokens.refetch()}>
          {t('signing.tokens.reload')}
        </button>
        <span aria-live="polite">{pending ? <span className="pending-text">{t('signing.signing')}</span> : null}</span>
      </div>
    </form>
  );
}
