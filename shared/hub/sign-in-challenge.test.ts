import { describe, expect, it } from 'vitest';
import { challengeText, parseChallengeText } from './sign-in-challenge.js';

const fields = { hubId: '0f8c3a52-7d0e-4b8e-9d55-3c1f0a6b2e91', nonce: 'A'.repeat(43), issuedAt: '2026-05-01T02:03:04.005Z' };

describe('sign-in challenge text', () => {
  it('round-trips', () => {
    expect(parseChallengeText(challengeText(fields))).toEqual(fields);
  });

  it('refuses anything else a hub might send to be signed', () => {
    expect(parseChallengeText(`${challengeText(fields)}extra`)).toBeNull();
    expect(parseChallengeText(challengeText(fields).replace('v1', 'v2'))).toBeNull();
    expect(parseChallengeText(challengeText({ ...fields, nonce: 'short' }))).toBeNull();
    // DER signed attributes of a CMS signature start with 0x31 (SET).
    expect(parseChallengeText('\u0031\u0082\u0001\u0000')).toBeNull();
  });
});
