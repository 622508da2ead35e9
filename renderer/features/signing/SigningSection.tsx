/**
 * The signing steps of a draft (SPEC §6): "Trình ký", then the leader's "Ký duyệt", then the
 * clerk's "Cấp số và ký số cơ quan". Each signature picks a certificate from the tokens and asks
 * for the PIN in a field that is cleared after every attempt; the PIN is never kept.
 */
import { useState, type FormEvent } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { ApiError } from '../../../shared/api/errors.js';
import type { TokenCertificateSummary } from '../../../shared/api/signing.js';
import { errorText, type MessageKey } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { formatDateTime } from '../../format.js';
import { useI18n, type I18n } from '../../i18n.js';
import { useDocumentMutation } from '../documents/use-document-mutation.js';
import { useRegisterChoice } from '../registers/register-choice.js';
import { PlacementEditor } from './PlacementEditor.js';
import { refusalText } from './refusal-text.js';

const TOKEN_ERRORS = ['wrong_pin', 'pin_final_try', 'pin_locked', 'token_absent', 'no_key', 'expired_certificate', 'no_signing_usage', 'module_not_found', 'module_failed', 'module_refused'] as const;
const REASONS = ['expired_certificate', 'no_signing_usage', 'no_key'] as const;

/** A token or TSA failure in the user's words (also shown by the Settings screen's token test). */
export function tokenErrorText(error: ApiError, { t, lang }: Pick<I18n, 't' | 'lang'>): string {
  const refusal = refusalText(error, t);
  if (refusal) return refusal;
  if (error.fields?.tsa) return t('signing.error.tsa');
  const code = TOKEN_ERRORS.find((candidate) => candidate === error.fields?.token);
  if (!code) return errorText(error.code, lang);
  const tries = error.fields?.triesLeft;
  if (code === 'wrong_pin' && (tries === 'low' || tries === 'final')) return t(`signing.error.wrong_pin.${tries}`);
  return t(`signing.error.${code}`);
}

/** Why a certificate cannot sign (TokenCertificateSummary.reason). */
export function certificateReasonText(reason: string | null, t: I18n['t']): string {
  const known = REASONS.find((candidate) => candidate === reason);
  return known ? t(`signing.reason.${known}`) : (reason ?? '');
}

export function SigningSection({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const state = detail.signingState;
  return (
    <section className="document-section signing-section" aria-labelledby="signing-heading">
      <h2 id="signing-heading">{t('signing.heading')}</h2>
      {state === 'none' ? (
        <PlacementEditor detail={detail} />
      ) : state === 'awaiting_leader' ? (
        <TokenSignForm documentId={detail.id} method="documents.signAsLeader" heading="signing.leader.heading" button="signing.leader.button" status={t('signing.state.awaiting_leader')} />
      ) : state === 'leader_signed' || state === 'numbered' ? (
        <TokenSignForm
          documentId={detail.id}
          method="documents.numberAndSignAsAgency"
          heading="signing.agency.heading"
          button="signing.agency.button"
          status={state === 'numbered' ? t('signing.state.numbered', { number: detail.metadata.codeNumber }) : t('signing.state.leader_signed')}
          numbered={state === 'numbered'}
        />
      ) : (
        <p className="success-text">{t('signing.done')}</p>
      )}
    </section>
  );
}

interface TokenSignFormProps {
  documentId: number;
  method: 'documents.signAsLeader' | 'documents.numberAndSignAsAgency';
  heading: MessageKey & ('signing.leader.heading' | 'signing.agency.heading');
  button: MessageKey & ('signing.leader.button' | 'signing.agency.button');
  status: string;
  /** The document has its number already (a failed agency signature is being retried). */
  numbered?: boolean;
}

function TokenSignForm({ documentId, method, heading, button, status, numbered = false }: TokenSignFormProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const tokens = useApiQuery('signing.listTokens', {}, { staleTime: 0, retry: false });
  const sign = useDocumentMutation(method, { inline: true });
  const [choice, setChoice] = useState('');
  const [pin, setPin] = useState('');
  const [finalTryConfirmed, setFinalTryConfirmed] = useState(false);
  /** Only the first agency signature takes a number; a retry after a failed signature keeps it. */
  const choosesRegister = method === 'documents.numberAndSignAsAgency' && !numbered;
  const registerChoice = useRegisterChoice('out', choosesRegister);

  const choices = (tokens.data ?? []).flatMap((token) => token.certificates.map((certificate) => ({ token, certificate, key: `${token.slot}:${certificate.id}` })));
  const usable = choices.filter((entry) => entry.certificate.usable);
  const chosen = choices.find((entry) => entry.key === choice) ?? usable[0];
  const holder = (certificate: TokenCertificateSummary) => certificate.holderName ?? certificate.holder;
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
        <p className="muted">{t('signing.certificate.none')}</p>
      ) : (
        <div className="form-grid">
          {choosesRegister ? registerChoice.control : null}
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
            <Field label={t('signing.pin', { holder: holder(chosen.certificate) })} hint={t('signing.pin.hint')} error={sign.error ? tokenErrorText(sign.error, i18n) : null}>
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
