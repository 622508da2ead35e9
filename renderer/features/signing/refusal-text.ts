import type { ApiError } from '../../../shared/api/errors.js';
import { SIGNING_REFUSALS } from '../../../shared/api/signing.js';
import type { I18n } from '../../i18n.js';

/** A PDF the core refused to sign (encrypted, or certified against it), named; null for any other error. */
export function refusalText(error: ApiError, t: I18n['t']): string | null {
  const code = SIGNING_REFUSALS.find((candidate) => candidate === error.fields?.pdf);
  return code ? t(`signing.refused.${code}`, { file: error.fields?.file ?? '' }) : null;
}
