import { ApiError } from '../../../shared/api/errors.js';
import { TokenError } from '../signing/pkcs11/token-error.js';

/** TokenError → ApiError: PIN and token problems belong to the PIN field; unusable certificates are a conflict. */
export function tokenFailure(error: unknown): never {
  if (!(error instanceof TokenError)) throw error;
  if (error.code === 'expired_certificate' || error.code === 'no_signing_usage') throw new ApiError('conflict', error.message, { token: error.code });
  if (error.code === 'module_not_found' || error.code === 'module_failed') throw new ApiError('unavailable', error.message, { token: error.code });
  if (error.code === 'module_refused') throw new ApiError('forbidden', error.message, { token: error.code });
  throw new ApiError('invalid_input', error.message, { pin: error.message, token: error.code, ...(error.triesLeft ? { triesLeft: error.triesLeft } : {}) });
}
