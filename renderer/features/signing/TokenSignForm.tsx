/**
 * One signature with a token: the certificate (only the kind the step takes: a person's for the
 * leader, the organisation's for the agency), the PIN in a field cleared after every attempt,
 * the final-try confirmation. The leader's step warns when the certificate's holder is not the
 * draft's "Người ký".
 */
import { useState, type FormEvent } from 'react';
import type { TokenCertificateSummary } from '../../../shared/api/signing.js';
import { sameSigner } from '../../../shared/domain/certificate-kind.js';
import type { MessageKey } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { useDocumentMutation } from '../documents/use-document-mutation.js';
import { useRegisterChoice } from '../registers/register-choice.js';
import { certificateReasonText, tokenErrorText } from './token-errors.js';

export interface TokenSignFormProps {
  documentId: number;
  method: 'documents.signAsLeader' | 'documents.numberAndSignAsAgency';
  heading: MessageKey & ('signing.leader.heading' | 'signing.agency.heading');
  button: MessageKey & ('signing.leader.button' | 'signing.agency.button');
  status: string;
  /** The draft's "Người ký": the leader's certificate should be this person's. */
  signerName?: string;
  /** The document has its number already (a failed agency signature is being retried). */
  numbered?: boolean;
}

export function TokenSignForm({ documentId, method, heading, button, status, signerName = '', numbered = false }: TokenSignFormProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const tokens = useApiQuery('signing.listTokens', {}, { staleTime: 0, retry: false });
  const sign = useDocumentMutation(method, { inline: true });
  const [choice, setChoice] = useState('');
  const [pin, setPin] = useState('');
  const [finalTryConfirmed, setFinalTryConfirmed] = useState(false);
  const leader = method === 'documents.signAsLeader';
  const wanted = leader ? 'person' : 'organization';
  /** Only the first agency signature takes a number; a retry after a failed signature keeps it. */
  const choosesRegister = !leader && !numbered;
  const registerChoice = useRegisterChoice('out', choosesRegister);

  const all = (tokens.data ?? []).flatMap((token) => token.certificates.map((certificate) => ({ token, certificate, key: `${token.slot}:${certificate.id}` })));
  // The other kind is not offered at all; one whose kind is not known is shown, disabled, with the way to fix it.
  const choices = all.filter((entry) => entry.certificate.kind.kind !== (leader ? 'organization' : 'person'));
  const canSign = (certificate: TokenCertificateSummary) => certificate.usable && certificate.kind.kind === wanted;
  const chosen = choices.find((entry) => entry.key === choice && canSign(entry.certificate)) ?? choices.find((entry) => canSign(entry.certificate));
  const holder = (certificate: TokenCertificateSummary) => certificate.holderName ?? certificate.holder;
  const otherPerson = leader && chosen && signerName.trim() !== '' && !sameSigner(holder(chosen.certificate), signerName);
  // The token's flags (or the last refusal) say the next wrong PIN locks it: the user must confirm.
  const finalTry = Boolean(chosen?.token.pinFinalTry) || sign.error?.fields?.token === 'pin_final_try' || sign.error?.fields?.triesLeft === 'final';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen || sign.isPending) return;
    const typed = pin;
    // Cleared at once: the PIN is only in this call.
    setPin('');
    if (finalTry && !finalTryConfirmed) return;
    setFinalTryConfirmed(false);
    sign.mutate({
      id: documentId,
      slot: chosen.token.slot,
      certificateId: chosen.certificate.id,
      pin: typed,
      ...(finalTry ? { confirmFinalTry: true } : {}),
      ...(choosesRegister && registerChoice.register !== undefined ? { register: registerChoice.register } : {}),
    });
  }

  const optionText = (certificate: TokenCertificateSummary, label: string) =>
    !certificate.usable
      ? t('signing.certificate.unusable', { holder: holder(certificate), reason: certificateReasonText(certificate.reason, t) })
      : certificate.kind.kind === null
        ? t('signing.certificate.unknownKind', { holder: holder(certificate) })
        : t('signing.certificate.option', { holder: holder(certificate), token: label, until: formatDateTime(certificate.notAfter, lang) });

  return (
    <form className="token-sign-form" onSubmit={submit} aria-labelledby={`${method}-heading`} autoComplete="off">
      <h3 id={`${method}-heading`}>{t(heading)}</h3>
      <p className="muted">{status}</p>
      {tokens.isPending ? (
        <p className="pending-text">{t('signing.tokens.loading')}</p>
      ) : tokens.error ? (
        <p className="form-error" role="alert" title={tokens.error.message}>
          {tokenErrorText(tokens.error, i18n)}
        </p>
      ) : choices.length === 0 ? (
        <p className="muted">{t(all.length === 0 ? 'signing.certificate.none' : leader ? 'signing.certificate.nonePerson' : 'signing.certificate.noneOrganization')}</p>
      ) : (
        <div className="form-grid">
          {choosesRegister ? registerChoice.control : null}
          <Field label={t('signing.certificate')} hint={t(leader ? 'signing.certificate.personOnly' : 'signing.certificate.organizationOnly')}>
            <select value={chosen?.key ?? ''} onChange={(event) => setChoice(event.target.value)}>
              {choices.map(({ token, certificate, key }) => (
                <option key={key} value={key} disabled={!canSign(certificate)}>
                  {optionText(certificate, token.label)}
                </option>
              ))}
            </select>
          </Field>
          {chosen ? (
            <Field label={t('signing.pin', { holder: holder(chosen.certificate) })} hint={t('signing.pin.hint')} error={sign.error ? tokenErrorText(sign.error, i18n) : null}>
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
        <button type="submit" className="button button-primary" disabled={!chosen || pin.length < 4 || sign.isPending || (finalTry && !finalTryConfirmed)}>
          {t(button)}
        </button>
        <button type="button" className="button" onClick={() => void tokens.refetch()}>
          {t('signing.tokens.reload')}
        </button>
        <span aria-live="polite">{sign.isPending ? <span className="pending-text">{t('signing.signing')}</span> : null}</span>
      </div>
    </form>
  );
}
