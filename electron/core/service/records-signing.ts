/**
 * The agency's token and the archival form for the records features (certified copies, handover
 * lists): the same driver, certificate checks, PIN handling and time-stamp server as issuing.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { AgencySigner } from '../records/agency-signer.js';
import { makeArchivalForm } from '../signing/ltv/archival-form.js';
import { httpRevocationChecker } from '../verification/revocation.js';
import { requireCertificateKind } from './certificate-kinds.js';
import type { CoreContext } from './handlers.js';
import { requireDriver } from './signing-driver.js';
import { timeStampServer } from './time-stamp-server.js';
import { usableCertificate } from './token-certificates.js';
import { signWithToken } from './token-signature.js';

type TokenChoice = Omit<ApiParsedInput<'documents.signAsLeader'>, 'id'>;

export async function agencySigner(ctx: CoreContext, input: TokenChoice): Promise<AgencySigner> {
  const module = requireDriver(ctx);
  const at = new Date();
  const certificate = await usableCertificate(ctx, module, input.slot, input.certificateId, at);
  requireCertificateKind(ctx.db, certificate, 'organization');
  return {
    certificate,
    at,
    sign: (file, place) => signWithToken(ctx, file, input, { module, certificate, fieldName: place.fieldName, place: { rect: place.rect, page: 1 }, reason: place.reason, at, appearance: place.appearance }),
  };
}

/**
 * The handover's archival form: the time-stamp server of the signatures, the data folder's trust
 * anchors, one revocation checker for all files. Without a TSA nothing is exported
 * (docs/formats.md#archival-form): refused before the PIN is used.
 */
export function archivalDeps(ctx: CoreContext, software: { name: string; version: string }) {
  const { tsaUrl } = timeStampServer(ctx);
  if (!tsaUrl) {
    throw new ApiError('conflict', 'No time-stamp server (TSA) is set: a handover extends every signature to B-LTA, which needs one. Set it in Settings or by the TsaUrl policy.', { archivalForm: 'no_time_stamp_server' });
  }
  const revocation = httpRevocationChecker();
  return {
    software,
    verifyFile: (file: string, name: string) => ctx.verifier.verifyFile(file, name),
    extend: async (input: string, output: string) => makeArchivalForm(input, output, { tsaUrl, trustAnchors: await ctx.verifier.trustAnchors(), revocation }),
  };
}
