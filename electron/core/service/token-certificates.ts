/** The tokens plugged in and their certificates, as the signing screens show and use them. */
import { ApiError } from '../../../shared/api/errors.js';
import type { TokenSummary } from '../../../shared/api/signing.js';
import { signingRefusal } from '../pki/certificate-info.js';
import type { TokenCertificate } from '../signing/pkcs11/token-service.js';
import { certificateKindOf } from './certificate-kinds.js';
import type { CoreContext } from './handlers.js';
import { certificateSha256Of } from './signing-images.js';
import { tokenFailure } from './token-failure.js';

export async function tokenSummaries(ctx: CoreContext, module: string): Promise<TokenSummary[]> {
  const now = new Date();
  const tokens = await ctx.signer.listTokens(module).catch(tokenFailure);
  return Promise.all(
    tokens.map(async (token) => {
      const certificates = token.userPinLocked ? [] : await ctx.signer.listCertificates(module, token.slot).catch(tokenFailure);
      return {
        slot: token.slot,
        label: token.label,
        manufacturer: token.manufacturer,
        serial: token.serial,
        pinLow: token.userPinCountLow,
        pinFinalTry: token.userPinFinalTry,
        pinLocked: token.userPinLocked,
        certificates: certificates.map((certificate) => {
          const refusal = signingRefusal(certificate, now)?.code ?? (certificate.hasPrivateKey ? null : 'no_key');
          return {
            id: certificate.id,
            sha256: certificateSha256Of(certificate.der),
            holderName: certificate.holder.commonName,
            holderTitle: certificate.holder.title,
            holderOrganization: certificate.holder.organization,
            holder: certificate.holder.text,
            issuer: certificate.issuer.text,
            serialNumber: certificate.serialNumber,
            notBefore: certificate.notBefore.toISOString(),
            notAfter: certificate.notAfter.toISOString(),
            usable: refusal === null,
            reason: refusal,
            kind: certificateKindOf(ctx.db, certificate),
          };
        }),
      };
    }),
  );
}

/** The certificate the signer chose, refused when it cannot sign at `at`. */
export async function usableCertificate(ctx: CoreContext, module: string, slot: string, certificateId: string, at: Date): Promise<TokenCertificate> {
  const certificates = await ctx.signer.listCertificates(module, slot).catch(tokenFailure);
  const certificate = certificates.find((candidate) => candidate.id === certificateId.toLowerCase());
  if (!certificate) throw new ApiError('invalid_input', `The token holds no certificate ${certificateId}.`, { certificateId: 'choose a certificate from the token' });
  const refusal = signingRefusal(certificate, at);
  if (refusal) throw new ApiError('conflict', refusal.message, { token: refusal.code });
  return certificate;
}

/** Who signed, for the audit log. */
export const signerOf = (certificate: TokenCertificate) => ({ holder: certificate.holder.text, serialNumber: certificate.serialNumber, issuer: certificate.issuer.text });
