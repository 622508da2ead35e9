/**
 * The signing flow (SPEC §6): trình ký (empty number and date fields placed on the main PDF),
 * the leader's signature, then the number from the outgoing register and the agency's
 * signature. Each step is an incremental update of the previous version, signed on the token
 * through the signer process; the PIN lives only for the call, as bytes the client wipes.
 */
import { existsSync } from 'node:fs';
import { copyFile, readFile, rm, stat } from 'node:fs/promises';
import { sha256OfFile } from '../fs/file-hash.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { SigningImageKind, SigningSettings, TokenSummary } from '../../../shared/api/signing.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import { refusalFor, type Modification } from '../signing/pdf/modification-guard.js';
import { addTextFields, fillTextFields } from '../signing/pdf/text-fields.js';
import type { SignatureAppearance } from '../signing/pdf/appearance.js';
import { pageMediaBox, type Rect } from '../signing/pdf/signature-placeholder.js';
import { assetPath, SIGNATURE_FONT } from '../signing/assets.js';
import { signingRefusal } from '../signing/pkcs11/certificate-info.js';
import { TokenError } from '../signing/pkcs11/token-error.js';
import type { TokenCertificate } from '../signing/pkcs11/token-service.js';
import { candidateModules } from '../signing/pkcs11/windows-modules.js';
import { inspectPeFile, peRefusal } from '../signing/pkcs11/pe-check.js';
import { TimestampError } from '../signing/timestamp/rfc3161.js';
import { signPades } from '../signing/timestamp/sign-pades.js';
import { agencyLines, leaderAppearance, POINTS_PER_MM, sealAppearance, textAppearance } from '../signing/visible-signature.js';
import { isoVietnamTime, vietnamDate } from '../../../shared/text/vietnam-time.js';
import { requireFinalTryConfirmed } from './final-try.js';
import { expandWindowsVariables, policyRefusal } from '../policy/apply-policy.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { addAttachmentVersion, getDocumentRow, listAttachments, type DocumentRow } from '../store/documents.js';
import { readValue, writeValue } from '../store/key-value.js';
import { enterInRegister, formatDocumentNumber } from '../store/registers.js';
import { requireDocument } from './document-handlers.js';
import { requireRegister } from './register-handlers.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { certificateSha256Of, effectiveImage, sealDiameterMm, setImage, setSealDiameter, storedImages } from './signing-images.js';
import type { AgencySigner } from '../records/agency-signer.js';
import { createCertifiedCopy } from '../records/certified-copy.js';
import { exportHandover } from '../records/handover.js';

export const PKCS11_MODULE_SETTING = 'signing.pkcs11Module';
/** RFC 3161 time-stamp server: when set, every signature is PAdES B-T. */
export const TSA_URL_SETTING = 'signing.tsaUrl';
const LINUX_SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';

/**
 * Where the fields go on page 1 (PDF points, A4 595 × 842, origin bottom-left), as NĐ 30/2020
 * lays out a document: the number and notation ("Số") under the agency name at the top left
 * (box 3), place and date at the top right (box 4), the signature above the signer's name at
 * the bottom right (box 7).
 */
export const NUMBER_FIELD = 'Số';
export const DATE_FIELD = 'Ngày';
const NUMBER_RECT: Rect = [60, 740, 270, 760];
const DATE_RECT: Rect = [300, 740, 550, 760];
const LEADER_RECT: Rect = [330, 90, 540, 170];

/**
 * The agency's widget: the seal at its real size centred on the left third of the leader's
 * signature, the agency name, email and time to its right (to the page's right margin).
 */
export function agencyRect(sealSize: number): Rect {
  const [x1, y1, x2, y2] = LEADER_RECT;
  const left = x1 + (x2 - x1) / 6 - sealSize / 2;
  const bottom = (y1 + y2) / 2 - sealSize / 2;
  return [left, bottom, Math.max(575, left + sealSize + 80), bottom + sealSize];
}

/** The agency signature on attachment files: top right of page 1, inside a 36 pt margin. */
export function attachmentRect([, , right, top]: Rect): Rect {
  return [right - 36 - 180, top - 36 - 30, right - 36, top - 36];
}

type SigningMethods =
  | 'signing.getSettings'
  | 'signing.setModule'
  | 'signing.setTsa'
  | 'signing.listTokens'
  | 'signing.setImage'
  | 'signing.readImage'
  | 'signing.setSealDiameter'
  | 'documents.submitForSigning'
  | 'documents.signAsLeader'
  | 'documents.numberAndSignAsAgency'
  | 'copies.create'
  | 'handover.export';
type TokenSignature = Omit<ApiParsedInput<'documents.signAsLeader'>, 'id'>;

/** "05" for 5, as NĐ 30 writes numbers below 10. */

/** `software`: what the handover package names as its creator. */
export function signingHandlers(ctx: CoreContext, software: { name: string; version: string }): HandlerMap<SigningMethods> {
  const { db } = ctx;
  const { policy } = ctx.policy;

  /** The time-stamp server in use: the policy's, else this computer's setting. */
  function tsa(): Pick<SigningSettings, 'tsaUrl' | 'tsaSource'> {
    if (policy.tsaUrl) return { tsaUrl: policy.tsaUrl.value, tsaSource: 'policy' };
    const saved = readValue<string>(db, 'settings', TSA_URL_SETTING) || null;
    return { tsaUrl: saved, tsaSource: saved ? 'setting' : 'none' };
  }

  function settings(): SigningSettings {
    const candidates = process.platform === 'win32' ? candidateModules(process.env.SystemRoot ?? 'C:\\Windows', existsSync) : [];
    const saved = readValue<string>(db, 'settings', PKCS11_MODULE_SETTING);
    const common = { candidates, ...tsa(), images: storedImages(db), sealDiameterMm: sealDiameterMm(db) };
    if (policy.pkcs11Library) {
      const written = policy.pkcs11Library.value;
      return { module: process.platform === 'win32' ? expandWindowsVariables(written, process.env) : written, source: 'policy', ...common };
    }
    if (saved) return { module: saved, source: 'setting', ...common };
    const fromEnv = process.env.VANTHU_PKCS11_MODULE;
    if (fromEnv) return { module: fromEnv, source: 'env', ...common };
    const detected = process.platform === 'win32' ? candidates.find((candidate) => candidate.loadable)?.path : existsSync(LINUX_SOFTHSM) ? LINUX_SOFTHSM : undefined;
    return { module: detected ?? null, source: detected ? 'detected' : 'none', ...common };
  }

  function requireModule(): string {
    const module = settings().module;
    if (!module) throw new ApiError('not_configured', 'No PKCS#11 library is set for signing: choose the token driver in Settings.');
    // SPEC §7: a DLL of the wrong bitness, or without C_GetFunctionList, is refused before it is loaded.
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

  /** TokenError → ApiError: PIN and token problems belong to the PIN field; unusable certificates are a conflict. */
  function tokenFailure(error: unknown): never {
    if (!(error instanceof TokenError)) throw error;
    if (error.code === 'expired_certificate' || error.code === 'no_signing_usage') throw new ApiError('conflict', error.message, { token: error.code });
    if (error.code === 'module_not_found' || error.code === 'module_failed') throw new ApiError('unavailable', error.message, { token: error.code });
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

  async function signWithToken(file: string, input: TokenSignature, certificate: TokenCertificate, module: string, fieldName: string, rect: Rect, reason: string, at: Date, appearance: SignatureAppearance) {
    const pin = new TextEncoder().encode(input.pin);
    const { tsaUrl } = tsa();
    try {
      await signPades(file, file, {
        ...(tsaUrl ? { tsaUrl } : {}),
        fieldName,
        rect,
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
    return { certificate, at, sign: (file, place) => signWithToken(file, input, certificate, module, place.fieldName, place.rect, place.reason, at, place.appearance) };
  }

  const signerOf = (certificate: TokenCertificate) => ({ holder: certificate.holder.text, serialNumber: certificate.serialNumber, issuer: certificate.issuer.text });

  return {
    'signing.getSettings': () => settings(),

    'signing.setModule': ({ module }) => {
      if (policy.pkcs11Library) throw policyRefusal(ctx.policy, 'pkcs11Library', 'The PKCS#11 library cannot be changed on this computer.');
      writeTransaction(db, () => {
        if (module) writeValue(db, 'settings', PKCS11_MODULE_SETTING, module);
        else db.prepare('DELETE FROM settings WHERE key = ?').run(PKCS11_MODULE_SETTING);
        appendAudit(db, { actor: ctx.actor, action: 'signing.module', details: { module: module || null } });
      });
      return settings();
    },

    'signing.setTsa': ({ url }) => {
      if (policy.tsaUrl) throw policyRefusal(ctx.policy, 'tsaUrl', 'The time-stamp server cannot be changed on this computer.');
      writeTransaction(db, () => {
        if (url) writeValue(db, 'settings', TSA_URL_SETTING, url);
        else db.prepare('DELETE FROM settings WHERE key = ?').run(TSA_URL_SETTING);
        appendAudit(db, { actor: ctx.actor, action: 'signing.tsa', details: { url: url || null } });
      });
      return settings();
    },

    'signing.setImage': async (input) => {
      await setImage(ctx, input);
      return settings();
    },

    'signing.readImage': ({ kind, certificateSha256 }) => effectiveImage(ctx, kind, certificateSha256),

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
              };
            }),
          };
        }),
      );
    },

    'copies.create': (input) => ctx.signing.track(() => createCertifiedCopy(ctx, input, () => agencySigner(input))),

    'handover.export': (input) =>
      ctx.signing.track(() => exportHandover(ctx, input.dossiers, () => agencySigner(input), { software, verifyFile: (file, name) => ctx.verifier.verifyFile(file, name) })),

    'documents.submitForSigning': async ({ id }) => {
      draftIn(id, ['none']);
      await refuseUnsignable(id, ['add_fields', 'sign', 'fill_fields']);
      const version = await newVersion(id, (file) =>
        addTextFields(file, [
          { name: NUMBER_FIELD, rect: NUMBER_RECT },
          { name: DATE_FIELD, rect: DATE_RECT },
        ]),
      );
      const now = new Date();
      writeTransaction(db, () => {
        const at = now.toISOString();
        const moved = db.prepare("UPDATE documents SET signing_state = 'awaiting_leader', updated_at = ? WHERE id = ? AND direction = 'draft' AND signing_state = 'none'").run(at, id).changes;
        if (moved !== 1) throw new ApiError('conflict', `Document ${id} was submitted meanwhile.`);
        addAttachmentVersion(db, version.attachmentId, version.blob, 'fields', at);
        appendAudit(db, { actor: ctx.actor, action: 'document.sign.submit', subject: `document:${id}`, details: { attachment: version.attachmentId, previous: version.previous, pdf: version.blob.sha256 } }, now);
      });
      return changed(id);
    },

    // Counted while running, so an update never restarts the app mid-signature (update-guard.ts).
    'documents.signAsLeader': (input) => ctx.signing.track(async () => {
      draftIn(input.id, ['awaiting_leader']);
      await refuseUnsignable(input.id, ['sign', 'fill_fields']);
      const module = requireModule();
      const certificate = await certificateOf(module, input.slot, input.certificateId);
      const now = new Date();
      refuseUnusable(certificate, now);
      // The signer certificate's own image first: several leaders may share this computer.
      const appearance = leaderAppearance(await imageBytes('signature', certificateSha256Of(certificate.der)));
      const version = await newVersion(input.id, (file) => signWithToken(file, input, certificate, module, 'LeaderSignature', LEADER_RECT, 'Phê duyệt', now, appearance));
      writeTransaction(db, () => {
        const at = now.toISOString();
        const moved = db.prepare("UPDATE documents SET signing_state = 'leader_signed', updated_at = ? WHERE id = ? AND signing_state = 'awaiting_leader'").run(at, input.id).changes;
        if (moved !== 1) throw new ApiError('conflict', `Document ${input.id} was signed meanwhile.`);
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
      // The number is taken and recorded in one transaction; a failed signature keeps it (no gap).
      const numbered =
        draft.signing_state === 'numbered'
          ? draft
          : writeTransaction(db, () => {
              const at = now.toISOString();
              const number = formatDocumentNumber(enterInRegister(db, input.id, book, now));
              const moved = db
                .prepare("UPDATE documents SET signing_state = 'numbered', code_number = ?, promulgation_date = ?, updated_at = ? WHERE id = ? AND signing_state = 'leader_signed'")
                .run(number, vietnamDate(now), at, input.id).changes;
              if (moved !== 1) throw new ApiError('conflict', `Document ${input.id} was numbered meanwhile.`);
              appendAudit(db, { actor: ctx.actor, action: 'document.number', subject: `document:${input.id}`, details: { register: book.code, number } }, now);
              return getDocumentRow(db, input.id)!;
            });
      const numberText = numbered.code_notation ? `${numbered.code_number}/${numbered.code_notation}` : (numbered.code_number ?? '');
      const [year, month, day] = (numbered.promulgation_date ?? vietnamDate(now)).split('-');
      const dateText = `${numbered.place ? `${numbered.place}, ` : ''}ngày ${day} tháng ${month} năm ${year}`;
      const font = await readFile(assetPath(SIGNATURE_FONT));
      const sealMm = sealDiameterMm(db);
      const sealSize = sealMm * POINTS_PER_MM;
      const seal = sealAppearance(await imageBytes('seal'), sealMm, agencyLines(certificate.holder, now), font);
      const main = mainPdf(input.id);
      const version = await newVersion(input.id, async (file) => {
        await fillTextFields(file, { [NUMBER_FIELD]: numberText, [DATE_FIELD]: dateText }, font);
        await signWithToken(file, input, certificate, module, 'AgencySignature', agencyRect(sealSize), 'Phát hành', now, seal);
      }, main);
      // SPEC §6: the agency signs each separate attachment file too, top right of page 1, text only.
      const attachmentAppearance = textAppearance([numberText, isoVietnamTime(now)], font);
      const attachmentVersions: Awaited<ReturnType<typeof newVersion>>[] = [];
      for (const attachment of listAttachments(db, input.id).filter((candidate) => candidate.id !== main.id && isPdf(candidate))) {
        attachmentVersions.push(
          await newVersion(input.id, async (file) => {
            await signWithToken(file, input, certificate, module, 'AgencySignature', attachmentRect(await pageMediaBox(file)), 'Phát hành', now, attachmentAppearance);
          }, attachment),
        );
      }
      writeTransaction(db, () => {
        const at = now.toISOString();
        const moved = db.prepare("UPDATE documents SET signing_state = 'agency_signed', updated_at = ? WHERE id = ? AND signing_state = 'numbered'").run(at, input.id).changes;
        if (moved !== 1) throw new ApiError('conflict', `Document ${input.id} was signed meanwhile.`);
        addAttachmentVersion(db, version.attachmentId, version.blob, 'agency', at);
        for (const signed of attachmentVersions) addAttachmentVersion(db, signed.attachmentId, signed.blob, 'agency', at);
        appendAudit(db, { actor: ctx.actor, action: 'document.fields.fill', subject: `document:${input.id}`, details: { number: numberText, date: dateText } }, now);
        appendAudit(db, { actor: ctx.actor, action: 'document.sign.agency', subject: `document:${input.id}`, details: { ...signerOf(certificate), pdf: version.blob.sha256, attachments: attachmentVersions.map((signed) => signed.blob.sha256) } }, now);
      });
      return changed(input.id);
    }),
  };
}
