/**
 * Confirm before the final try: when the token says the next wrong PIN locks it
 * (CKF_USER_PIN_FINAL_TRY), the core refuses to log in unless the user confirmed. The flags
 * are read again right before the login, not taken from what the UI saw earlier.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { TokenInfo } from '../signing/pkcs11/token-service.js';

export const FINAL_TRY_MESSAGE = 'The next wrong PIN locks this token: confirm that you understand before signing.';

export async function requireFinalTryConfirmed(readTokens: () => Promise<Pick<TokenInfo, 'slot' | 'userPinFinalTry'>[]>, slot: string, confirmed: boolean | undefined): Promise<void> {
  if (confirmed === true) return;
  const token = (await readTokens()).find((candidate) => candidate.slot === slot);
  // A token that is gone fails at login with its own message.
  if (token?.userPinFinalTry) throw new ApiError('conflict', FINAL_TRY_MESSAGE, { pin: FINAL_TRY_MESSAGE, token: 'pin_final_try' });
}
