/**
 * Requests to the signer process and its answers, matched by id. Each request names the PKCS#11
 * library, so a restarted process needs no replayed configuration. The PIN travels only in
 * `sign`, as bytes both sides wipe after use.
 */
import type { TokenErrorData } from './token-error.js';
import type { SignMechanism, TokenCertificate, TokenInfo } from './token-service.js';

export type SignerRequest =
  | { id: number; op: 'listTokens'; module: string }
  | { id: number; op: 'listCertificates'; module: string; slot: string }
  | { id: number; op: 'sign'; module: string; slot: string; certificateId: string; pin: Uint8Array; data: Uint8Array; mechanism: SignMechanism };

export interface SignerResults {
  listTokens: TokenInfo[];
  listCertificates: TokenCertificate[];
  sign: Uint8Array;
}

export type SignerResponse = { id: number; ok: true; result: SignerResults[keyof SignerResults] } | { id: number; ok: false; error: TokenErrorData };

/** Asks the process to release the token and exit. */
export interface SignerShutdown {
  op: 'shutdown';
}

export function isSignerResponse(value: unknown): value is SignerResponse {
  const candidate = value as { id?: unknown; ok?: unknown } | null;
  return typeof candidate?.id === 'number' && typeof candidate.ok === 'boolean';
}
