/** A token's refusals, a PDF refused for signing and a certificate's unfitness in the user's words (signing forms, Settings' token test). */
import type { ApiError } from '../../../shared/api/errors.js';
import { errorText } from '../../../shared/i18n/messages.js';
import type { I18n } from '../../i18n.js';
import { refusalText } from './refusal-text.js';

const TOKEN_ERRORS = ['wrong_pin', 'pin_final_try', 'pin_locked', 'token_absent', 'no_key', 'expired_certificate', 'no_signing_usage', 'module_not_found', 'module_failed', 'module_refused'] as const;
/** Why a handover could not put a file in archival form (electron/core/signing/ltv/archival-form.ts). */
const ARCHIVAL_ERRORS = ['no_time_stamp_server', 'untrusted_chain', 'revocation_unavailable', 'unreadable_signature'] as const;
const REASONS = ['expired_certificate', 'no_signing_usage', 'no_key'] as const;

/** A token, TSA or archival-form failure in the user's words (also shown by the Settings screen's token test). */
export function tokenErrorText(error: ApiError, { t, lang }: Pick<I18n, 't' | 'lang'>): string {
  const refusal = refusalText(error, t);
  if (refusal) return refusal;
  if (error.fields?.tsa) return t('signing.error.tsa');
  const archival = ARCHIVAL_ERRORS.find((candidate) => candidate === error.fields?.archivalForm);
  if (archival) return t(`handover.error.${archival}`);
  if (error.fields?.certificateKind === 'person') return t('signing.error.needPerson');
  if (error.fields?.certificateKind === 'organization') return t('signing.error.needOrganization');
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
