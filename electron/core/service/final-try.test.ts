import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import { apiInputs } from '../../../shared/api/contract.js';
import { requireFinalTryConfirmed } from './final-try.js';

/**
 * SoftHSM2 never sets CKF_USER_PIN_FINAL_TRY (nor COUNT_LOW), so the rule is tested with a fake
 * token-info provider; the flow test covers the real token without the flag.
 */
const tokens = (finalTry: boolean) => {
  const reads: number[] = [];
  return {
    reads,
    read: () => {
      reads.push(1);
      return Promise.resolve([
        { slot: '1a', userPinFinalTry: false },
        { slot: '2b', userPinFinalTry: finalTry },
      ]);
    },
  };
};

describe('confirm before the final PIN try', () => {
  it('refuses with a conflict on fields.pin when the token says the next wrong PIN locks it', async () => {
    const provider = tokens(true);
    const refusal = await requireFinalTryConfirmed(provider.read, '2b', undefined).then(() => null, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ code: 'conflict', fields: { token: 'pin_final_try', pin: expect.stringMatching(/next wrong PIN locks/) } });
    await expect(requireFinalTryConfirmed(provider.read, '2b', false)).rejects.toMatchObject({ code: 'conflict' });
    expect(provider.reads).toHaveLength(2);
  });

  it('lets the login go ahead once confirmed, or when the flag is not set', async () => {
    await expect(requireFinalTryConfirmed(tokens(true).read, '2b', true)).resolves.toBeUndefined();
    await expect(requireFinalTryConfirmed(tokens(false).read, '2b', undefined)).resolves.toBeUndefined();
    await expect(requireFinalTryConfirmed(tokens(true).read, '1a', undefined)).resolves.toBeUndefined();
    // A removed token is left to the login, which reports it.
    await expect(requireFinalTryConfirmed(tokens(true).read, '3c', undefined)).resolves.toBeUndefined();
  });

  it('reads the flags at call time, not from an earlier listing', async () => {
    let finalTry = false;
    const read = () => Promise.resolve([{ slot: '2b', userPinFinalTry: finalTry }]);
    await expect(requireFinalTryConfirmed(read, '2b', undefined)).resolves.toBeUndefined();
    finalTry = true;
    await expect(requireFinalTryConfirmed(read, '2b', undefined)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('signing.setTsa input', () => {
  const parse = (url: unknown) => apiInputs['signing.setTsa'].safeParse({ url }).success;
  it('takes http(s) URLs or null, and nothing else', () => {
    expect(parse('http://127.0.0.1:8080/tsa')).toBe(true);
    expect(parse('https://tsa.example.vn')).toBe(true);
    expect(parse('http://[::1]:3180/')).toBe(true);
    expect(parse(null)).toBe(true);
    expect(parse('ftp://tsa.example.vn')).toBe(false);
    expect(parse('tsa.example.vn')).toBe(false);
    expect(parse('http://')).toBe(false);
    expect(parse('javascript:alert(1)')).toBe(false);
  });
});
