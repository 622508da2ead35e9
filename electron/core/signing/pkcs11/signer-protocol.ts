/**
 * The signer process's methods, called through shared/rpc/rpc-peer.ts. Each request names the
 * PKCS#11 library, so a restarted process needs no replayed configuration. The PIN travels only
 * in `sign`, as bytes both sides wipe after use.
 */
import type { TokenErrorData } from './token-error.js';
import type { SignMechanism, TokenCertificate, TokenInfo } from './token-service.js';

export type SignerMethods = {
  listTokens: { input: { module: string }; output: TokenInfo[] };
  listCertificates: { input: { module: string; slot: string }; output: TokenCertificate[] };
  sign: { input: { module: string; slot: string; certificateId: string; pin: Uint8Array; data: Uint8Array; mechanism: SignMechanism }; output: Uint8Array };
};

/** Asks the process to release the token and exit. */
export type SignerEvent = { op: 'shutdown' };

/** A failed call crosses the channel as the token error's data. */
export type SignerFailure = TokenErrorData;
