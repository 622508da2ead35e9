/**
 * One PAdES signature made on the token through the signer process; the PIN lives only for the
 * call, as bytes wiped after it.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { SignatureAppearance } from '../signing/pdf/appearance.js';
import type { TokenCertificate } from '../signing/pkcs11/token-service.js';
import { TimestampError } from '../signing/timestamp/rfc3161.js';
import { signPades } from '../signing/timestamp/sign-pades.js';
import { requireFinalTryConfirmed } from './final-try.js';
import type { CoreContext } from './handlers.js';
import type { SignaturePlace } from './signing-geometry.js';
import { timeStampServer } from './time-stamp-server.js';
import { tokenFailure } from './token-failure.js';

export type TokenInput = Pick<ApiParsedInput<'documents.signAsLeader'>, 'pin' | 'slot' | 'confirmFinalTry'>;

export interface TokenSignature {
  module: string;
  certificate: TokenCertificate;
  fieldName: string;
  /** Absent: the empty signature field `fieldName` placed at Trình ký gives the box. */
  place: SignaturePlace | undefined;
  reason: string;
  at: Date;
  appearance: SignatureAppearance;
}

/** Signs `file` in place. */
export async function signWithToken(ctx: CoreContext, file: string, input: TokenInput, signature: TokenSignature): Promise<void> {
  const { module, certificate } = signature;
  const pin = new TextEncoder().encode(input.pin);
  const { tsaUrl } = timeStampServer(ctx);
  try {
    await signPades(file, file, {
      ...(tsaUrl ? { tsaUrl } : {}),
      fieldName: signature.fieldName,
      ...signature.place,
      appearance: signature.appearance,
      m: signature.at,
      reason: signature.reason,
      name: certificate.holder.commonName ?? certificate.holder.text,
      certificates: [certificate.der],
      signer: async (signedAttributes) => {
        // The flags are read again right before the login: the UI's copy may be stale.
        await requireFinalTryConfirmed(() => ctx.signer.listTokens(module).catch(tokenFailure), input.slot, input.confirmFinalTry);
        return ctx.signer.sign(module, input.slot, certificate.id, pin, signedAttributes);
      },
    });
  } catch (error) {
    if (error instanceof TimestampError) throw new ApiError('unavailable', `The document was not signed: the time-stamp server failed. ${error.message}`, { tsa: error.message });
    tokenFailure(error);
  } finally {
    pin.fill(0);
  }
}
