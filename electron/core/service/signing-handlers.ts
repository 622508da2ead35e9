/**
 * The signing API: this computer's signing setup (token driver, time-stamp server, images), the
 * tokens plugged in, and the steps of the signing flow (signing-steps.ts, agency-signature.ts).
 */
import type { SigningSettings } from '../../../shared/api/signing.js';
import { ApiError } from '../../../shared/api/errors.js';
import { numberAndSignAsAgency } from './agency-signature.js';
import { setCertificateKind } from './certificate-kinds.js';
import { createCertifiedCopy } from '../records/certified-copy.js';
import { exportHandover } from '../records/handover.js';
import { agencySigner, archivalDeps } from './records-signing.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { admittedDriver, chosenDriver, driverCandidates, requireDriver, saveDriver } from './signing-driver.js';
import { imageLink, sealDiameterMm, setImage, setSealDiameter, storedImages } from './signing-images.js';
import { signAsLeader, signingPlacement, submitForSigning } from './signing-steps.js';
import { saveTimeStampServer, timeStampServer } from './time-stamp-server.js';
import { tokenSummaries } from './token-certificates.js';

type SigningMethods =
  | 'signing.getSettings'
  | 'signing.setModule'
  | 'signing.pickModule'
  | 'signing.setTsa'
  | 'signing.listTokens'
  | 'signing.setImage'
  | 'signing.readImage'
  | 'signing.setSealDiameter'
  | 'signing.setCertificateKind'
  | 'documents.submitForSigning'
  | 'documents.signingPlacement'
  | 'documents.signAsLeader'
  | 'documents.numberAndSignAsAgency'
  | 'copies.create'
  | 'handover.export';

export interface SigningHandlerOptions {
  /** What the handover package names as its creator. */
  software: { name: string; version: string };
  /** The native file dialog for a token driver, where the shell has one. */
  pickFile?: () => Promise<string | null>;
}

export function signingHandlers(ctx: CoreContext, { software, pickFile }: SigningHandlerOptions): HandlerMap<SigningMethods> {
  function settings(): SigningSettings {
    const candidates = driverCandidates();
    return { ...chosenDriver(ctx, candidates), candidates, canPickFile: pickFile !== undefined, ...timeStampServer(ctx), images: storedImages(ctx.db), sealDiameterMm: sealDiameterMm(ctx.db) };
  }

  return {
    'signing.getSettings': () => settings(),

    // A path from the page is only ever one VanThu found itself: the page cannot name any file to load.
    'signing.setModule': ({ module }) => {
      if (module && !driverCandidates().some((candidate) => candidate.path === module && candidate.loadable)) {
        throw new ApiError('invalid_input', `${module} is not one of the token drivers found on this computer: choose one of them, or pick the library file with “Chọn tệp…”.`, { module: 'a detected driver' });
      }
      saveDriver(ctx, module || null, module ? 'detected' : null);
      return settings();
    },

    'signing.pickModule': async () => {
      if (!pickFile) {
        throw new ApiError('unavailable', 'Browser mode has no file dialog: IT sets another token driver with the Pkcs11Library policy or VANTHU_PKCS11_MODULE (docs/it-admin.md).');
      }
      const picked = await pickFile();
      if (picked === null) return settings();
      saveDriver(ctx, admittedDriver(ctx, picked), 'dialog');
      return settings();
    },

    'signing.setTsa': ({ url }) => {
      saveTimeStampServer(ctx, url);
      return settings();
    },

    'signing.setImage': async (input) => {
      await setImage(ctx, input);
      return settings();
    },

    'signing.readImage': ({ kind, certificateSha256 }) => imageLink(ctx, kind, certificateSha256),

    'signing.setCertificateKind': ({ certificateSha256, kind }) => {
      setCertificateKind(ctx.db, ctx.actor, certificateSha256, kind);
      return settings();
    },

    'signing.setSealDiameter': ({ mm }) => {
      setSealDiameter(ctx, mm);
      return settings();
    },

    'signing.listTokens': () => tokenSummaries(ctx, requireDriver(ctx)),

    'documents.submitForSigning': (input) => submitForSigning(ctx, input),

    'documents.signingPlacement': (input) => signingPlacement(ctx, input),

    // Counted while running, so an update never restarts the app mid-signature (update-guard.ts).
    'documents.signAsLeader': (input) => ctx.signing.track(() => signAsLeader(ctx, input)),

    'documents.numberAndSignAsAgency': (input) => ctx.signing.track(() => numberAndSignAsAgency(ctx, input)),

    'copies.create': (input) => ctx.signing.track(() => createCertifiedCopy(ctx, input, () => agencySigner(ctx, input))),

    'handover.export': (input) => ctx.signing.track(() => exportHandover(ctx, input.dossiers, () => agencySigner(ctx, input), archivalDeps(ctx, software))),
  };
}
