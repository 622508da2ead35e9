import pkcs11 from 'pkcs11js';
import { describe, expect, it } from 'vitest';
import { loginFailure, operationFailure } from './pkcs11-codes.js';

const rejected = (code: number) => Object.assign(new Error('CKR'), { code });

// SoftHSM never locks a PIN and never sets FINAL_TRY: these states come from real tokens' flags.
describe('login failures', () => {
  it('reads tries left from the flags after a wrong PIN', () => {
    expect(loginFailure(rejected(pkcs11.CKR_PIN_INCORRECT), () => 0)).toMatchObject({ code: 'wrong_pin', triesLeft: 'unknown' });
    expect(loginFailure(rejected(pkcs11.CKR_PIN_INCORRECT), () => pkcs11.CKF_USER_PIN_COUNT_LOW)).toMatchObject({ code: 'wrong_pin', triesLeft: 'low' });
    expect(loginFailure(rejected(pkcs11.CKR_PIN_INCORRECT), () => pkcs11.CKF_USER_PIN_COUNT_LOW | pkcs11.CKF_USER_PIN_FINAL_TRY)).toMatchObject({ code: 'wrong_pin', triesLeft: 'final' });
    expect(loginFailure(rejected(pkcs11.CKR_PIN_LEN_RANGE), () => null)).toMatchObject({ code: 'wrong_pin', triesLeft: 'unknown' });
  });

  it('calls a token locked by the last wrong PIN, or already locked, pin_locked', () => {
    expect(loginFailure(rejected(pkcs11.CKR_PIN_INCORRECT), () => pkcs11.CKF_USER_PIN_LOCKED).code).toBe('pin_locked');
    expect(loginFailure(rejected(pkcs11.CKR_PIN_LOCKED), () => 0).code).toBe('pin_locked');
  });

  it('tells a removed token from a failing driver', () => {
    expect(loginFailure(rejected(pkcs11.CKR_DEVICE_REMOVED), () => null).code).toBe('token_absent');
    expect(operationFailure(rejected(pkcs11.CKR_TOKEN_NOT_PRESENT)).code).toBe('token_absent');
    expect(operationFailure(rejected(pkcs11.CKR_GENERAL_ERROR)).code).toBe('module_failed');
  });
});
