/**
 * The signing steps of a draft (SPEC §6): "Trình ký", then the leader's "Ký duyệt", then the
 * clerk's "Cấp số và ký số cơ quan". Each signature picks a certificate from the tokens and asks
 * for the PIN in a field that is cleared after every attempt; the PIN is never kept.
 */
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { SIGNING_REFUSALS } from '../../../shared/api/signing.js';
import { errorText, type MessageKey } from '../../../shared/i18n/messages.js';
import { useI18n, type I18n } from '../../i18n.js';
import { useDocumentMutation } from '../documents/use-document-mutation.js';
import { useRegisterChoice } from '../registers/register-choice.js';
import { TokenPinForm } from './TokenPinForm.js';

const TOKEN_ERRORS = ['wrong_pin', 'pin_final_try', 'pin_locked', 'token_absent', 'no_key', 'expired_certificate', 'no_signing_usage', 'module_not_found', 'module_failed'] as const;
const REASONS = ['expired_certificate', 'no_signing_usage', 'no_key'] as const;

/** A PDF the core refused to sign (encrypted, or certified against it), named; null for any other error. */
function refusalText(error: ApiError, t: I18n['t']): string | null {
  const code = SIGNING_REFUSALS.find((candidate) => candidate === error.fields?.pdf);
  return code ? t(`signing.refused.${code}`, { file: error.fields?.file ?? '' }) : null;
}

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
  const { t, lang } = useI18n();
  const submit = useDocumentMutation('documents.submitForSigning', { inline: true });
  const state = detail.signingState;
  return (
    <section className="document-section signing-section" aria-labelledby="signing-heading">
      <h2 id="signing-heading">{t('signing.heading')}</h2>
      {state === 'none' ? (
        <>
          <p className="field-hint">{t('signing.submit.hint')}</p>
          <div className="form-actions">
            <button type="button" className="button" disabled={submit.isPending} onClick={() => submit.mutate({ id: detail.id })}>
              {t('signing.submit')}
            </button>
            <span aria-live="polite">{submit.isPending ? <span className="pending-text">{t('signing.submitting')}</span> : null}</span>
          </div>
          {submit.error ? (
            <p className="form-error" role="alert" title={submit.error.message}>
              {submit.error.fields?.attachments ? t('draft.error.attachments') : (refusalText(submit.error, t) ?? errorText(submit.error.code, lang))}
            </p>
          ) : null}
        </>
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
  const { t } = useI18n();
  const sign = useDocumentMutation(method, { inline: true });
  /** Only the first agency signature takes a number; a retry after a failed signature keeps it. */
  const choosesRegister = method === 'documents.numberAndSignAsAgency' && !numbered;
  const registerChoice = useRegisterChoice('out', choosesRegister);
  return (
    <TokenPinForm
      heading={t(heading)}
      headingId={`${method}-heading`}
      status={status}
      button={t(button)}
      pending={sign.isPending}
      error={sign.error}
      onSign={(choice) => sign.mutate({ id: documentId, ...choice, ...(choosesRegister && registerChoice.register !== undefined ? { register: registerChoice.register } : {}) })}
    >
      {choosesRegister ? registerChoice.control : null}
    </TokenPinForm>
  );
}
