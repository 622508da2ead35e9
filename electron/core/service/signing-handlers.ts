/**
 * The signing flow (docs/formats.md#decree-30): trình ký (empty number and date fields and the leader's empty
 * signature field placed on the main PDF where the document's layout says, see
 * signing-placement.ts), the leader's signature, then the number from the outgoing register and
 * the agency's signature. Each step is an incremental update of the previous version, signed on the token
 * through the signer process; the PIN lives only for the call, as bytes the client wipes.
 */
import { existsSync } from 'node:fs';
import { copyFile, rm, stat } from 'node:fs/promises';
import { sha256OfFile } from '../fs/file-hash.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { SigningImageKind, SigningSettings, TokenSummary } from '../../../shared/api/signing.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import { refusalFor, type Modification } from '../signing/pdf/modification-guard.js';
import { fillTextFields } from '../signing/pdf/text-fields.js';
import type { SignatureAppearance } from '../signing/pdf/appearance.js';
import { pageGeometry, viewBoxToRect, type PageGeometry, type Rect } from '../signing/pdf/page-geometry.js';
import { FieldExistsError, hasField } from '../signing/pdf/form-fields.js';
import { issueFieldValues } from '../signing/placement/field-values.js';
import { AGENCY_FIELD, DATE_FIELD, LEADER_FIELD, NUMBER_FIELD, placeIssueFields } from '../signing/placement/placement.js';
import { planStamp, stampWidget } from '../signing/placement/stamp.js';
import { placementPreview, proposeFor, rememberClerkBoxes, requireComplete, signingFonts } from './signing-placement.js';
import { signingRefusal } from '../signing/pkcs11/certificate-info.js';
import { TokenError } from '../signing/pkcs11/token-error.js';
import type { TokenCertificate } from '../signing/pkcs11/token-service.js';
import { candidateModules } from '../signing/pkcs11/windows-modules.js';
import { driverPublisher, linuxCandidates } from '../signing/pkcs11/known-drivers.js';
import { admitModule, userTempDirs } from '../signing/pkcs11/module-location.js';
import { inspectPeFile, peRefusal } from '../signing/pkcs11/pe-check.js';
import { TimestampError } from '../signing/timestamp/rfc3161.js';
import { signPades } from '../signing/timestamp/sign-pades.js';
import { agencyLines, leaderAppearance, POINTS_PER_MM, textAppearance } from '../signing/visible-signature.js';
import { isoVietnamTime, vietnamDate } from '../../../shared/text/vietnam-time.js';
import { requireFinalTryConfirmed } from './final-try.js';
import { expandWindowsVariables, policyRefusal } from '../policy/apply-policy.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { addAttachmentVersion, getDocumentRow, listAttachments, type DocumentRow } from '../store/documents.js';
import { deleteValue, readValue, writeValue } from '../store/key-value.js';
import { moveSigningState } from '../store/document-transitions.js';
import { enterInRegister } from '../store/registers.js';
import { formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { refuseDemo, requireDocument } from './document-handlers.js';
import { requireRegister } from './register-handlers.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { certificateSha256Of, effectiveImage, imageLink, sealDiameterMm, setImage, setSealDiameter, storedImages } from './signing-images.js';
import { certificateKindOf, requireCertificateKind, setCertificateKind } from './certificate-kinds.js';
import type { AgencySigner } from '../records/agency-signer.js';
import { createCertifiedCopy } from '../records/certified-copy.js';
import { exportHandover } from '../records/handover.js';
import { makeArchivalForm } from '../signing/ltv/archival-form.js';
import { httpRevocationChecker } from '../verification/revocation.js';

export const PKCS11_MODULE_SETTING = 'signing.pkcs11Module';
/** RFC 3161 time-stamp server: when set, every signature is PAdES B-T. */
export const TSA_URL_SETTING = 'signing.tsaUrl';

/** The agency signature on attachment files: top right of page 1 as shown, inside a 36 pt margin. */
export function attachmentRect(geometry: PageGeometry): Rect {
  return viewBoxToRect(geometry, { x: geometry.width - 36 - 180, y: 36, width: 180, height: 30 });
}

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
type TokenSignature = Omit<ApiParsedInput<'documents.signAsLeader'>, 'id'>;

export interface SigningHandlerOptions {
  /** What the handover package names as its creator. */
  software: { name: string; version: string };
  /** The native file dialog for a token driver, where the shell has one. */
  pickFile?: () => Promise<string | null>;
}

export function signingHandlers(ctx: CoreContext, { software, pickFile }: SigningHandlerOptions): HandlerMap<SigningMethods> {
  const { db } = ctx;
  const { policy } = ctx.policy;

  /** The time-stamp server in use: the policy's, else this computer's setting. */
  function tsa(): Pick<SigningSettings, 'tsaUrl' | 'tsaSource'> {
    if (policy.tsaUrl) return { tsaUrl: policy.tsaUrl.value, tsaSource: 'policy' };
    const saved = readValue<string>(db, 'settings', TSA_URL_SETTING) || null;
    return { tsaUrl: saved, tsaSource: saved ? 'setting' : 'none' };
  }

  /** The known drivers installed here (Windows: with why one cannot be loaded). */
  function candidates(): SigningSettings['candidates'] {
    const found = process.platform === 'win32' ? candidateModules(process.env.SystemRoot ?? 'C:\\Windows', existsSync) : linuxCandidates(existsSync);
    return found.map((candidate) => ({ ...candidate, publisher: driverPublisher(candidate.path) }));
  }

  function settings(): SigningSettings {
    const found = candidates();
    const common = { candidates: found, canPickFile: pickFile !== undefined, ...tsa(), images: storedImages(db), sealDiameterMm: sealDiameterMm(db) };
    const chosen = (module: string | null, source: SigningSettings['source']) => ({ module, source, publisher: module ? driverPublisher(module) : null, ...common });
    if (policy.pkcs11Library) {
      const written = policy.pkcs11Library.value;
      return chosen(process.platform === 'win32' ? expandWindowsVariables(written, process.env) : written, 'policy');
    }
    const saved = readValue<string>(db, 'settings', PKCS11_MODULE_SETTING);
    if (saved) return chosen(saved, 'setting');
    const fromEnv = process.env.VANTHU_PKCS11_MODULE;
    if (fromEnv) return chosen(fromEnv, 'env');
    const detected = found.find((candidate) => candidate.loadable)?.path ?? null;
    return chosen(detected, detected ? 'detected' : 'none');
  }

  /** Never a library anyone else could have written (module-location.ts); the signer process checks again. */
  function admitted(module: string): string {
    const admission = admitModule(module, { dataDir: ctx.dataDir, tempDirs: userTempDirs() });
    if (!admission.ok) {
      throw new ApiError('forbidden', `The PKCS#11 library ${module} is not loaded: ${admission.reason}. Choose a detected driver, or pick the library where its vendor installed it.`, { token: 'module_refused', module: admission.reason });
    }
    return module;
  }

  function requireModule(): string {
    const module = settings().module;
    if (!module) throw new ApiError('not_configured', 'No PKCS#11 library is set for signing: choose the token driver in Settings.');
    admitted(module);
    // docs/formats.md#certificates: a DLL of the wrong bitness, or without C_GetFunctionList, is refused before it is loaded.
    if (process.platform === 'win32' && existsSync(module)) {
      let refusal: string | null;
      try {
        refusal = peRefusal(inspectPeFile(module));
      } catch (error) {
        refusal = `cannot be read as a DLL: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (refusal) throw new ApiError('unavailable', `${module} ${refusal}.`, { token: 'module_failed' });
    }
    return module;
  }

  function saveModule(module: string | null, via: 'detected' | 'dialog' | null): SigningSettings {
    if (policy.pkcs11Library) throw policyRefusal(ctx.policy, 'pkcs11Library', 'The PKCS#11 library cannot be changed on this computer.');
    writeTransaction(db, () => {
      if (module) writeValue(db, 'settings', PKCS11_MODULE_SETTING, module);
      else deleteValue(db, 'settings', PKCS11_MODULE_SETTING);
      appendAudit(db, { actor: ctx.actor, action: 'signing.module', details: { module, via, publisher: module ? driverPublisher(module) : null } });
    });
    return settings();
  }

  /** TokenError → ApiError: PIN and token problems belong to the PIN field; unusable certificates are a conflict. */
  function tokenFailure(error: unknown): never {
    if (!(error instanceof TokenError)) throw error;
    if (error.code === 'expired_certificate' || error.code === 'no_signing_usage') throw new ApiError('conflict', error.message, { token: error.code });
    if (error.code === 'module_not_found' || error.code === 'module_failed') throw new ApiError('unavailable', error.message, { token: error.code });
    if (error.code === 'module_refused') throw new ApiError('forbidden', error.message, { token: error.code });
    throw new ApiError('invalid_input', error.message, { pin: error.message, token: error.code, ...(error.triesLeft ? { triesLeft: error.triesLeft } : {}) });
  }

  async function certificateOf(module: string, slot: string, certificateId: string): Promise<TokenCertificate> {
    const certificates = await ctx.signer.listCertificates(module, slot).catch(tokenFailure);
    const certificate = certificates.find((candidate) => candidate.id === certificateId.toLowerCase());
    if (!certificate) throw new ApiError('invalid_input', `The token holds no certificate ${certificateId}.`, { certificateId: 'choose a certificate from the token' });
    return certificate;
  }

  function draftIn(id: number, states: DocumentRow['signing_state'][]): DocumentRow {
    const row = getDocumentRow(db, id);
    if (!row) throw new ApiError('not_found', `Document ${id} does not exist.`);
    if (row.direction !== 'draft' || !states.includes(row.signing_state)) {
      throw new ApiError('conflict', `Document ${id} is not at this signing step (it is ${row.direction}, ${row.signing_state}).`);
    }
    refuseDemo(row);
    return row;
  }

  const isPdf = (attachment: { contentType: string; name: string }) => attachment.contentType === 'application/pdf' || attachment.name.toLowerCase().endsWith('.pdf');

  /** The main PDF: the first attachment that is a PDF. */
  function mainPdf(id: number) {
    const pdf = listAttachments(db, id).find(isPdf);
    if (!pdf) throw new ApiError('invalid_input', 'Attach the document as a PDF before submitting it for signing.', { attachments: 'a PDF is required to sign' });
    return pdf;
  }

  /**
   * Refused before any PIN is asked: an encrypted PDF, or one whose certification forbids what
   * this step writes into the main PDF (`main`) or the agency's signature on the other PDFs.
   */
  async function refuseUnsignable(id: number, main: readonly Modification[]): Promise<void> {
    const mainId = mainPdf(id).id;
    for (const attachment of listAttachments(db, id).filter(isPdf)) {
      const refusal = await refusalFor(ctx.blobs.pathOf(attachment.sha256), attachment.id === mainId ? main : ['sign']);
      if (refusal) throw new ApiError('conflict', `${attachment.name}: ${refusal.message}`, { pdf: refusal.code, file: attachment.name });
    }
  }

  async function imageBytes(kind: SigningImageKind, certificateSha256?: string): Promise<Buffer> {
    const { png } = await effectiveImage(ctx, kind, certificateSha256);
    return Buffer.from(png.buffer, png.byteOffset, png.length);
  }

  /** Runs `change` on a copy of the PDF's latest version (the main PDF by default) and stores the result as a blob. */
  async function newVersion(id: number, change: (file: string) => Promise<void>, pdf = mainPdf(id)) {
    const file = ctx.blobs.tempPath('.pdf');
    try {
      await copyFile(ctx.blobs.pathOf(pdf.sha256), file);
      await change(file);
      const sha256 = await sha256OfFile(file);
      const blob = await ctx.blobs.adoptFile(file, { sha256, size: (await stat(file)).size });
      return { attachmentId: pdf.id, previous: pdf.sha256, blob };
    } finally {
      await rm(file, { force: true });
    }
  }

  /** `place` absent: the empty signature field `fieldName` placed at Trình ký gives the box. */
  async function signWithToken(file: string, input: TokenSignature, certificate: TokenCertificate, module: string, fieldName: string, place: { rect: Rect; page: number } | undefined, reason: string, at: Date, appearance: SignatureAppearance) {
    const pin = new TextEncoder().encode(input.pin);
    const { tsaUrl } = tsa();
    try {
      await signPades(file, file, {
        ...(tsaUrl ? { tsaUrl } : {}),
        fieldName,
        ...place,
        appearance,
        m: at,
        reason,
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

  function refuseUnusable(certificate: TokenCertificate, at: Date): void {
    const refusal = signingRefusal(certificate, at);
    if (refusal) throw new ApiError('conflict', refusal.message, { token: refusal.code });
  }

  function changed(id: number) {
    ctx.emit({ type: 'documents.changed', ids: [id] });
    return requireDocument(ctx, id);
  }

  /** The agency's token for the records features (copies, handover lists): the same checks and path as issuing. */
  async function agencySigner(input: TokenSignature): Promise<AgencySigner> {
    const module = requireModule();
    const certificate = await certificateOf(module, input.slot, input.certificateId);
    const at = new Date();
    refuseUnusable(certificate, at);
    requireCertificateKind(db, certificate, 'organization');
    return { certificate, at, sign: (file, place) => signWithToken(file, input, certificate, module, place.fieldName, { rect: place.rect, page: 1 }, place.reason, at, place.appearance) };
  }

  /**
   * Drafts submitted before the leader's box was placed at Trình ký have no empty signature field:
   * their box is found now, from the document (else where Decree 30 usually puts it).
   */
  async function legacyLeaderBox(row: DocumentRow, file: string): Promise<{ rect: Rect; page: number } | undefined> {
    if (await hasField(file, LEADER_FIELD)) return undefined;
    const { box } = (await proposeFor(db, row, file)).placement.boxes.leader;
    return { rect: viewBoxToRect(await pageGeometry(file, box.page), box), page: box.page };
  }

  /**
   * The handover's archival form: the same time-stamp server as the signatures, the data folder's
   * trust anchors, one revocation checker for all files. Without a TSA nothing is exported
   * (docs/formats.md#archival-form): refused before the PIN is used.
   */
  function archivalDeps() {
    const { tsaUrl } = tsa();
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

  const signerOf = (certificate: TokenCertificate) => ({ holder: certificate.holder.text, serialNumber: certificate.serialNumber, issuer: certificate.issuer.text });

  return {
    'signing.getSettings': () => settings(),

    // A path from the page is only ever one VanThu found itself: the page cannot name any file to load.
    'signing.setModule': ({ module }) => {
      if (!module) return saveModule(null, null);
      if (!candidates().some((candidate) => candidate.path === module && candidate.loadable)) {
        throw new ApiError('invalid_input', `${module} is not one of the token drivers found on this computer: choose one of them, or pick the library file with “Chọn tệp…”.`, { module: 'a detected driver' });
      }
      return saveModule(module, 'detected');
    },

    'signing.pickModule': async () => {
      if (!pickFile) {
        throw new ApiError('unavailable', 'Browser mode has no file dialog: IT sets another token driver with the Pkcs11Library policy or VANTHU_PKCS11_MODULE (docs/it-admin.md).');
      }
      const picked = await pickFile();
      if (picked === null) return settings();
      return saveModule(admitted(picked), 'dialog');
    },

    'signing.setTsa': ({ url }) => {
      if (policy.tsaUrl) throw policyRefusal(ctx.policy, 'tsaUrl', 'The time-stamp server cannot be changed on this computer.');
      writeTransaction(db, () => {
        if (url) writeValue(db, 'settings', TSA_URL_SETTING, url);
        else deleteValue(db, 'settings', TSA_URL_SETTING);
        appendAudit(db, { actor: ctx.actor, action: 'signing.tsa', details: { url: url || null } });
      });
      return settings();
    },

    'signing.setImage': async (input) => {
      await setImage(ctx, input);
      return settings();
    },

    'signing.readImage': ({ kind, certificateSha256 }) => imageLink(ctx, kind, certificateSha256),

    'signing.setCertificateKind': ({ certificateSha256, kind }) => {
      setCertificateKind(db, ctx.actor, certificateSha256, kind);
      return settings();
    },

    'signing.setSealDiameter': ({ mm }) => {
      setSealDiameter(ctx, mm);
      return settings();
    },

    'signing.listTokens': async (): Promise<TokenSummary[]> => {
      const module = requireModule();
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
                kind: certificateKindOf(db, certificate),
              };
            }),
          };
        }),
      );
    },

    'copies.create': (input) => ctx.signing.track(() => createCertifiedCopy(ctx, input, () => agencySigner(input))),

    'handover.export': (input) => ctx.signing.track(() => exportHandover(ctx, input.dossiers, () => agencySigner(input), archivalDeps())),

    'documents.submitForSigning': async ({ id, placement: clerk }) => {
      const row = draftIn(id, ['none']);
      await refuseUnsignable(id, ['add_fields', 'sign', 'fill_fields']);
      const main = mainPdf(id);
      const { placement, template } = await proposeFor(db, row, ctx.blobs.pathOf(main.sha256), clerk);
      requireComplete(placement);
      const version = await newVersion(
        id,
        (file) =>
          placeIssueFields(file, placement).catch((error: unknown) => {
            // A PDF issued before (by this app or another) already has these fields: it is no draft.
            if (error instanceof FieldExistsError) throw new ApiError('invalid_input', `${error.message} Attach the draft, not an issued PDF.`, { attachments: error.message });
            throw error;
          }),
        main,
      );
      const now = new Date();
      writeTransaction(db, () => {
        const at = now.toISOString();
        const moved = moveSigningState(db, id, 'none', 'awaiting_leader', at, { leaderComment: null });
        if (!moved) throw new ApiError('conflict', `Document ${id} was submitted meanwhile.`);
        addAttachmentVersion(db, version.attachmentId, version.blob, 'fields', at);
        rememberClerkBoxes(db, template, placement, at);
        const sources = Object.fromEntries(Object.entries(placement.boxes).map(([kind, { source }]) => [kind, source]));
        appendAudit(db, { actor: ctx.actor, action: 'document.sign.submit', subject: `document:${id}`, details: { attachment: version.attachmentId, previous: version.previous, pdf: version.blob.sha256, placement: sources } }, now);
      });
      return changed(id);
    },

    'documents.signingPlacement': async ({ id, leader }) => {
      const row = getDocumentRow(db, id);
      if (!row || row.direction !== 'draft') throw new ApiError('not_found', `Draft ${id} does not exist.`);
      // A PDF that cannot be signed is said before the clerk places anything (the preview shows the reason).
      if (row.signing_state === 'none') await refuseUnsignable(id, ['add_fields', 'sign', 'fill_fields']);
      const connection = ctx.connection();
      return placementPreview(db, row, ctx.blobs.pathOf(mainPdf(id).sha256), {
        ...(leader ? { leader } : {}),
        signatureImage: await imageBytes('signature'),
        sealSize: sealDiameterMm(db) * POINTS_PER_MM,
        agencyName: connection?.agencyName ?? connection?.agencyCode ?? '',
      });
    },

    // Counted while running, so an update never restarts the app mid-signature (update-guard.ts).
    'documents.signAsLeader': (input) => ctx.signing.track(async () => {
      const draft = draftIn(input.id, ['awaiting_leader']);
      await refuseUnsignable(input.id, ['sign', 'fill_fields']);
      const module = requireModule();
      const certificate = await certificateOf(module, input.slot, input.certificateId);
      const now = new Date();
      refuseUnusable(certificate, now);
      requireCertificateKind(db, certificate, 'person');
      // The signer certificate's own image first: several leaders may share this computer.
      const appearance = leaderAppearance(await imageBytes('signature', certificateSha256Of(certificate.der)));
      const version = await newVersion(input.id, async (file) => signWithToken(file, input, certificate, module, LEADER_FIELD, await legacyLeaderBox(draft, file), 'Phê duyệt', now, appearance));
      writeTransaction(db, () => {
        const at = now.toISOString();
        const moved = moveSigningState(db, input.id, 'awaiting_leader', 'leader_signed', at);
        if (!moved) throw new ApiError('conflict', `Document ${input.id} was signed meanwhile.`);
        addAttachmentVersion(db, version.attachmentId, version.blob, 'leader', at);
        appendAudit(db, { actor: ctx.actor, action: 'document.sign.leader', subject: `document:${input.id}`, details: { ...signerOf(certificate), pdf: version.blob.sha256 } }, now);
      });
      return changed(input.id);
    }),

    'documents.numberAndSignAsAgency': (input) => ctx.signing.track(async () => {
      const draft = draftIn(input.id, ['leader_signed', 'numbered']);
      await refuseUnsignable(input.id, ['fill_fields', 'sign']);
      const book = requireRegister(db, 'out', input.register);
      const module = requireModule();
      const certificate = await certificateOf(module, input.slot, input.certificateId);
      const now = new Date();
      refuseUnusable(certificate, now);
      requireCertificateKind(db, certificate, 'organization');
      // The number is taken and recorded in one transaction; a failed signature keeps it (no gap).
      const numbered =
        draft.signing_state === 'numbered'
          ? draft
          : writeTransaction(db, () => {
              const at = now.toISOString();
              const number = formatDocumentNumber(enterInRegister(db, input.id, book, now));
              const moved = moveSigningState(db, input.id, 'leader_signed', 'numbered', at, { codeNumber: number, promulgationDate: vietnamDate(now) });
              if (!moved) throw new ApiError('conflict', `Document ${input.id} was numbered meanwhile.`);
              appendAudit(db, { actor: ctx.actor, action: 'document.number', subject: `document:${input.id}`, details: { register: book.code, number } }, now);
              return getDocumentRow(db, input.id)!;
            });
      const numberText = numbered.code_notation ? `${numbered.code_number}/${numbered.code_notation}` : (numbered.code_number ?? '');
      const { regular: font, italic, measure } = await signingFonts();
      const sealSize = sealDiameterMm(db) * POINTS_PER_MM;
      const sealImage = await imageBytes('seal');
      const lines = agencyLines(certificate.holder, now);
      const main = mainPdf(input.id);
      let filled: Record<string, string> = {};
      const version = await newVersion(input.id, async (file) => {
        filled = await issueFieldValues(file, { number: numbered.code_number ?? '', notation: numbered.code_notation ?? '', date: numbered.promulgation_date ?? vietnamDate(now), place: numbered.place }, measure);
        await fillTextFields(file, filled, { regular: font, italic });
        const stamp = stampWidget(await planStamp(file, { sealSize, lines, measure }), sealImage, lines, font);
        await signWithToken(file, input, certificate, module, AGENCY_FIELD, stamp, 'Phát hành', now, stamp.appearance);
      }, main);
      // docs/formats.md#decree-30: the agency signs each separate attachment file too, top right of page 1, text only.
      const attachmentAppearance = textAppearance([numberText, isoVietnamTime(now)], font);
      const attachmentVersions: Awaited<ReturnType<typeof newVersion>>[] = [];
      for (const attachment of listAttachments(db, input.id).filter((candidate) => candidate.id !== main.id && isPdf(candidate))) {
        attachmentVersions.push(
          await newVersion(input.id, async (file) => {
            await signWithToken(file, input, certificate, module, AGENCY_FIELD, { rect: attachmentRect(await pageGeometry(file, 1)), page: 1 }, 'Phát hành', now, attachmentAppearance);
          }, attachment),
        );
      }
      writeTransaction(db, () => {
        const at = now.toISOString();
        const moved = moveSigningState(db, input.id, 'numbered', 'agency_signed', at);
        if (!moved) throw new ApiError('conflict', `Document ${input.id} was signed meanwhile.`);
        addAttachmentVersion(db, version.attachmentId, version.blob, 'agency', at);
        for (const signed of attachmentVersions) addAttachmentVersion(db, signed.attachmentId, signed.blob, 'agency', at);
        appendAudit(db, { actor: ctx.actor, action: 'document.fields.fill', subject: `document:${input.id}`, details: { number: filled[NUMBER_FIELD], date: filled[DATE_FIELD] } }, now);
        appendAudit(db, { actor: ctx.actor, action: 'document.sign.agency', subject: `document:${input.id}`, details: { ...signerOf(certificate), pdf: version.blob.sha256, attachments: attachmentVersions.map((signed) => signed.blob.sha256) } }, now);
      });
      return changed(input.id);
    }),
  };
}
