/**
 * No API reply and no event carries a file's bytes (a 200 MB attachment as base64 in JSON took
 * gigabytes and crashed the host): files go by link (file-links.ts). This file fails to compile
 * (`npm run typecheck`, part of `npm test`) when an output type gains a Uint8Array anywhere, and
 * the reply encoder refuses one at run time.
 */
import { describe, expect, it } from 'vitest';
import type { ApiEvent, ApiMethod, ApiOutputs } from './contract.js';
import { BytesInReplyError, toReplyJson } from './wire.js';

type CarriesBytes<T> = T extends Uint8Array | ArrayBufferLike
  ? true
  : T extends readonly (infer Item)[]
    ? CarriesBytes<Item>
    : T extends object
      ? true extends { [K in keyof T]-?: CarriesBytes<T[K]> }[keyof T]
        ? true
        : false
      : false;

/** The methods whose reply carries bytes: none. */
type MethodsWithBytes = { [M in ApiMethod]: CarriesBytes<ApiOutputs[M]> extends true ? M : never }[ApiMethod];
const noMethodReturnsBytes: [MethodsWithBytes] extends [never] ? true : MethodsWithBytes = true;
const noEventCarriesBytes: CarriesBytes<ApiEvent> extends true ? 'an event carries bytes' : true = true;

describe('no bytes in API replies', () => {
  it('holds for every output type of the contract and every event (checked by the compiler)', () => {
    expect(noMethodReturnsBytes).toBe(true);
    expect(noEventCarriesBytes).toBe(true);
    // The check itself catches bytes, nested or in an array.
    const nested: CarriesBytes<{ a: { b: Uint8Array[] } }> = true;
    const plain: CarriesBytes<{ a: string; b: number[] }> = false;
    expect([nested, plain]).toEqual([true, false]);
  });

  it('is refused by the reply encoder at run time, a Node Buffer too', () => {
    expect(() => toReplyJson({ ok: true, result: { fileName: 'a.pdf', bytes: new Uint8Array([37, 80]) } })).toThrow(BytesInReplyError);
    const buffer = new Uint8Array([1, 2, 3]);
    Object.defineProperty(buffer, 'toJSON', { value: () => ({ type: 'Buffer', data: [1, 2, 3] }) });
    expect(() => toReplyJson({ ok: true, result: [buffer] })).toThrow(/must not carry bytes/);
    expect(toReplyJson({ ok: true, result: { url: '/api/blob/x', size: 3 } })).toBe('{"ok":true,"result":{"url":"/api/blob/x","size":3}}');
  });
});
