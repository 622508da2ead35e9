import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, redactValue } from './redact.js';

const pin = fc.stringMatching(/^[0-9]{4,8}$/);
// Secrets long and varied enough that finding one in the output can only mean it leaked.
const secret = fc.stringMatching(/^[A-Za-z0-9+/_.~-]{12,40}$/);
// Stack frames are dropped before searching: their line and column numbers are code locations that a
// generated 4-digit PIN can equal by chance (a false leak), and they never carry logged data.
const logged = (value: unknown) =>
  inspect(redactValue(value), { depth: null })
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n');

describe('log redaction', () => {
  it('never lets a PIN through, in text or in fields', () => {
    fc.assert(
      fc.property(pin, (value) => {
        for (const line of [`{"pin":"${value}"}`, `{"userPin": "${value}"}`, `call failed { pin: '${value}' }`, `PIN=${value} slot=1`, `pkcs11-tool --login --pin ${value}`, `pkcs11-tool --so-pin=${value} --init-token`]) {
          expect(redactText(line)).not.toContain(value);
        }
        expect(logged({ pin: value, PIN: Number(value), userPin: new TextEncoder().encode(value), nested: [{ so_pin: value }] })).not.toContain(value);
      }),
    );
  });

  it('never lets an axis secret, HMAC key, password, cookie or Bearer token through', () => {
    fc.assert(
      fc.property(secret, (value) => {
        for (const line of [
          `Authorization: Bearer ${value}`,
          `authorization: HMAC-SHA256 Credential=H41, Signature=${value}`,
          `sent with bearer ${value} to the axis`,
          `Cookie: session=${value}; other=1`,
          `{"secret":"${value}","agency":"H41"}`,
          `{"clientSecret": "${value}"}`,
          `hmacKey=${value}`,
          `password=${value}`,
        ]) {
          expect(redactText(line)).not.toContain(value);
        }
        expect(logged({ axis: { url: 'https://truc.example.vn', secret: value, hmac_key: value, headers: { Authorization: `Bearer ${value}`, cookie: value } }, password: value })).not.toContain(value);
      }),
    );
  });

  it("never lets the browser host's launch token in a URL through", () => {
    fc.assert(
      fc.property(secret, (value) => {
        const url = `http://127.0.0.1:41234/?token=${value}&lang=vi`;
        const out = redactText(`[host] open ${url}`);
        expect(out).not.toContain(value);
        expect(out).toBe(`[host] open http://127.0.0.1:41234/?token=${REDACTED}&lang=vi`);
        expect(logged(new Error(`GET ${url} failed`, { cause: { url } }))).not.toContain(value);
      }),
    );
  });

  it('redacts deep inside nested objects, arrays, maps and errors, and survives cycles', () => {
    fc.assert(
      fc.property(pin, secret, (pinValue, secretValue) => {
        const cyclic: Record<string, unknown> = { list: [{ deeper: { token: secretValue } }], map: new Map([['pin', pinValue]]) };
        cyclic.self = cyclic;
        const error = new Error(`login with {"pin":"${pinValue}"} failed`);
        const out = logged({ cyclic, error, text: `Bearer ${secretValue}` });
        expect(out).not.toContain(pinValue);
        expect(out).not.toContain(secretValue);
        expect(out).toContain('[circular]');
      }),
    );
  });

  it('leaves ordinary text and values alone', () => {
    for (const line of [
      '[sync] pushed 3 packages to https://truc.example.vn/edxml in 120 ms',
      'Văn bản số 12/UBND-VP đã gửi đến 000.00.12.H41',
      '[signer] token removed: slot 1 (VNPT-CA), 2 certificates',
      'the PIN is locked: ask the CA to unlock it',
      'tokens: 2, pinned: true',
    ]) {
      expect(redactText(line)).toBe(line);
    }
    const value = { id: 7, subject: 'Công văn', at: new Date(0), bytes: new Uint8Array([1, 2]), recipients: ['H41', 'H42'], tokenCount: 2 };
    expect(redactValue(value)).toEqual(value);
    fc.assert(fc.property(fc.stringMatching(/^[\p{L} .,0-9]*$/u), (text) => {
        expect(redactText(text)).toBe(text);
      }),
    );
  });
});
