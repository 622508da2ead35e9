/**
 * Maps a PKCS#11 return value, and the token flags read after it, to a TokenError. Kept apart
 * from the session code so that states SoftHSM never reaches (it never locks a PIN and never sets
 * CKF_USER_PIN_FINAL_TRY) are tested too.
 */
import pkcs11 from 'pkcs11js';
import { TokenError, type TriesLeft } from './token-error.js';

const PIN_REJECTED = new Set([pkcs11.CKR_PIN_INCORRECT, pkcs11.CKR_PIN_INVALID, pkcs11.CKR_PIN_LEN_RANGE]);
const PIN_BLOCKED = new Set([pkcs11.CKR_PIN_LOCKED, pkcs11.CKR_PIN_EXPIRED, pkcs11.CKR_USER_PIN_NOT_INITIALIZED]);
const TOKEN_GONE = new Set([
  pkcs11.CKR_TOKEN_NOT_PRESENT,
  pkcs11.CKR_TOKEN_NOT_RECOGNIZED,
  pkcs11.CKR_DEVICE_REMOVED,
  pkcs11.CKR_SLOT_ID_INVALID,
  pkcs11.CKR_SESSION_HANDLE_INVALID,
  pkcs11.CKR_SESSION_CLOSED,
]);

export function pkcs11Code(error: unknown): number | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : null;
}

export function triesLeftFromFlags(tokenFlags: number): TriesLeft {
  if (tokenFlags & pkcs11.CKF_USER_PIN_FINAL_TRY) return 'final';
  if (tokenFlags & pkcs11.CKF_USER_PIN_COUNT_LOW) return 'low';
  return 'unknown';
}

/**
 * `readFlags` is called only after a rejected PIN; it returns null when the token is gone by
 * then. A token may answer CKR_PIN_INCORRECT to the try that locks it, so the flags decide.
 */
export function loginFailure(error: unknown, readFlags: () => number | null): TokenError {
  const code = pkcs11Code(error);
  if (code !== null && PIN_REJECTED.has(code)) {
    const flags = readFlags();
    if (flags !== null && flags & pkcs11.CKF_USER_PIN_LOCKED) return pinLocked();
    const triesLeft = flags === null ? 'unknown' : triesLeftFromFlags(flags);
    const hint = { unknown: 'the token does not say how many tries are left', low: 'few tries are left', final: 'one try is left before the token locks' }[triesLeft];
    return new TokenError({ code: 'wrong_pin', triesLeft, message: `Wrong PIN: ${hint}.` });
  }
  if (code !== null && PIN_BLOCKED.has(code)) return pinLocked();
  return operationFailure(error);
}

/** Any other failure of a call to the driver. */
export function operationFailure(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  const code = pkcs11Code(error);
  if (code !== null && TOKEN_GONE.has(code)) return new TokenError({ code: 'token_absent', message: 'The token was removed or is not present.' });
  const detail = error instanceof Error ? error.message : String(error);
  return new TokenError({ code: 'module_failed', message: `The token driver failed: ${detail}` });
}

function pinLocked(): TokenError {
  return new TokenError({ code: 'pin_locked', message: 'The token PIN is locked; it must be unlocked with the SO PIN (PUK) by the issuer or IT staff.' });
}
