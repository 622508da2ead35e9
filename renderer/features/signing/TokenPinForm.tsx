/**
 * A signature with a token certificate: the certificate picked from the tokens (only the kind the
 * step takes: a person's for the leader, the organisation's for the agency), the PIN typed in a
 * field that is cleared after every attempt (never kept), the final-try confirmation. The caller
 * says what is signed (`onSign`) and adds its own controls (`children`); given the draft's
 * "Người ký", it warns when the certificate's holder is someone else.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { TokenCertificateSummary } from '../../../shared/api/signing.js';
import { sameSigner, type CertificateKind } from '../../../shared/domain/certificate-kind.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { certificateReasonText, tokenErrorText } from './token-errors.js';

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
  /** The kind of certificate this signature takes. */
  kind: CertificateKind;
  /** The draft's "Người ký": the person's certificate should be this person's. */
  signerName?: string;
  pending: boolean;
  error: ApiError | null;
  onSign(choice: TokenChoice): void;
  children?: ReactNode;
  /** Extra reasons to keep the button off (a required field of the caller's). */
  disabled?: boolean;
}

export function TokenPinForm({ heading, headingId, status, button, kind, signerName = '', pending, error, onSign, children, disabled = false }: TokenPinFormProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const tokens = useApiQuery('signing.listTokens', {}, { staleTime: 0, retry: false });
  const [choice, setChoice] = useState('');
  const [pin, setPin] = useState('');
  const [finalTryConfirmed, setFinalTryConfirmed] = useState(false);
  const person = kind === 'person';

  const all = (tokens.data ?? []).flatMap((token) => token.certificates.map((certificate) => ({ token, certificate, key: `${token.slot}:${certificate.id}` })));
  // The other kind is not offered at all; one whose kind is not known is shown, disabled, with the way to fix it.
  const choices = all.filter((entry) => entry.certificate.kind.kind !== (person ? 'organization' : 'person'));
  const canSign = (certificate: TokenCertificateSummary) => certificate.usable && certificate.kind.kind === kind;
  const chosen = choices.find((entry) => entry.key === choice && canSign(entry.certificate)) ?? choices.find((entry) => canSign(entry.certificate));
  const holder = (certificate: TokenCertificateSummary) => certificate.holderName ?? certificate.holder;
  const otherPerson = person && chosen && signerName.trim() !== '' && !sameSigner(holder(chosen.certificate), signerName);
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

  const optionText = (certificate: TokenCertificateSummary, label: string) =>
    !certificate.usable
      ? t('signing.certificate.unusable', { holder: holder(certificate), reason: certificateReasonText(certificate.reason, t) })
      : certificate.kind.kind === null
        ? t('signing.certificate.unknownKind', { holder: holder(certificate) })
        : t('signing.certificate.option', { holder: holder(certificate), token: label, until: formatDateTime(certificate.notAfter, lang) });

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
        <p className="muted">{t(all.length === 0 ? 'signing.certificate.none' : person ? 'signing.certificate.nonePerson' : 'signing.certificate.noneOrganization')}</p>
      ) : (
        <div className="form-grid">
          {children}
          <Field label={t('signing.certificate')} hint={t(person ? 'signing.certificate.personOnly' : 'signing.certificate.organizationOnly')}>
            <select value={chosen?.key ?? ''} onChange={(event) => setChoice(event.target.value)}>
              {choices.map(({ token, certificate, key }) => (
                <option key={key} value={key} disabled={!canSign(certificate)}>
                  {optionText(certificate, token.label)}
                </option>
              ))}
            </select>
          </Field>
          {chosen ? (
            <Field label={t('signing.pin', { holder: holder(chosen.certificate) })} hint={t('signing.pin.hint')} error={error ? tokenErrorText(error, i18n) : null}>
              <input type="password" autoComplete="off" minLength={4} maxLength={64} value={pin} onChange={(event) => setPin(event.target.value)} />
            </Field>
          ) : null}
          {otherPerson ? (
            <p className="form-warning span-2" role="alert">
              {t('signing.signerMismatch', { holder: holder(chosen.certificate), signer: signerName.trim() })}
            </p>
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
