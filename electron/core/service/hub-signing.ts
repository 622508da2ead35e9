/**
 * "Ký duyệt" at a leader's desk in agency mode: the standalone leader step (signing-steps.ts: the
 * same token signature, appearance, field and reason) over the hub document's current revision,
 * whose signed file then waits in the desk's queue as a revision.upload until the hub takes it
 * (hub-link/revision-files.ts uploads the file first). The desk never signs again by itself: a
 * refused signature is shown, and only the leader, typing his PIN again, signs the new revision.
 * The clerk's seal of a draft the server numbered ("Cấp số và ký số") is made the same way, with
 * the standalone agency step's parts (agency-signature.ts) and the agency's certificate.
 * docs/architecture.md, "The desk in agency mode".
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { HubClerkStep, HubSigningBlock, HubSigningView } from '../../../shared/api/hub-signing.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import type { AttachmentInfo } from '../../../shared/api/documents.js';
import type { HubDocument } from '../../../shared/hub/documents.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError, type HubClient } from '../hub-link/hub-client.js';
import type { HubLink } from '../hub-link/hub-link.js';
import { HubFileMismatchError, type FilesOnDemand } from '../hub-link/files-on-demand.js';
import { FieldExistsError } from '../signing/pdf/form-fields.js';
import { LEADER_FIELD, missingBoxes, placedFields, placeIssueFields } from '../signing/placement/placement.js';
import { leaderAppearance } from '../signing/visible-signature.js';
import { readReplicaDocument } from '../store/hub-replica.js';
import { lastRevisionUpload, lastSendRecipients } from '../store/hub-signing.js';
import { sealMainPdf } from './agency-signature.js';
import { requireCertificateKind } from './certificate-kinds.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { requireDriver } from './signing-driver.js';
import { legacyLeaderPlace } from './signing-geometry.js';
import { certificateSha256Of } from './signing-images.js';
import { isPdf, newPdfVersion } from './signing-pdfs.js';
import { proposeFor, type PlacementSource } from './signing-placement.js';
import { signingImage } from './signing-steps.js';
import { usableCertificate } from './token-certificates.js';
import { signWithToken } from './token-signature.js';

const LEADER_ROLES = ['leader', 'unit_leader'];

/** The main PDF: the first attachment that is a PDF, as in the standalone flow (signing-pdfs.ts). */
const mainFile = (document: HubDocument) => document.attachments.find(isPdf) ?? null;

/** The draft's signer block in the names the placement reads, to find where the leader signs. */
const placementSource = ({ metadata }: HubDocument): PlacementSource => ({
  signer_name: metadata.signerFullName,
  signer_competence: metadata.signerCompetence,
  signer_position: metadata.signerPosition,
  type_name: metadata.typeName,
});

function blockOf(user: ReturnType<HubLink['user']>, document: HubDocument | null): HubSigningBlock | null {
  if (!user) return 'signed_out';
  if (!user.roles.some((role) => LEADER_ROLES.includes(role))) return 'not_leader';
  if (!document) return 'not_found';
  if (document.direction !== 'draft') return 'not_draft';
  if (!mainFile(document)) return 'no_pdf';
  // Numbered: the leader's signature came before the number, and the hub takes no other now.
  if (document.signingState === 'numbered' || document.signingState === 'agency_signed') return 'sealed';
  return null;
}

/** The clerk's step on the draft, by its signing state: numbered after the leader signed, then sealed, then sent. */
function clerkStepOf(user: ReturnType<HubLink['user']>, document: HubDocument | null): HubClerkStep | null {
  if (!user?.roles.includes('clerk') || !document || document.direction !== 'draft' || !mainFile(document)) return null;
  const steps: Partial<Record<HubDocument['signingState'], HubClerkStep>> = { leader_signed: 'number', numbered: 'seal', agency_signed: 'send' };
  return steps[document.signingState] ?? null;
}

/**
 * A draft of the server was signed by its leader without Trình ký, so its PDF may have no number
 * and date fields: they are placed now where the document's text puts them (as Trình ký would
 * have), before they are filled. Adding a field after a signature is a change the rules allow
 * (docs/formats.md#change-rules).
 */
async function placeNumberAndDate(ctx: CoreContext, document: HubDocument, file: string): Promise<void> {
  const placed = await placedFields(file);
  if (placed.number && placed.date) return;
  const { placement } = await proposeFor(ctx.db, placementSource(document), file);
  const missing = missingBoxes(placement).filter((kind) => kind !== 'leader');
  if (missing.length > 0) {
    throw new ApiError('invalid_input', `The document's text does not say where its ${missing.join(' and ')} go, and this desk cannot place them by hand yet.`, { placement: missing.join(',') });
  }
  await placeIssueFields(file, placement, false);
}

/**
 * The document as the hub has it now when it answers, else the replica's copy (offline: the desk
 * signs what it last heard of, and the hub judges the base when it is back).
 */
async function currentDocument(ctx: CoreContext, client: HubClient | null, documentId: number): Promise<HubDocument | null> {
  const replica = readReplicaDocument(ctx.db, documentId) as HubDocument | null;
  if (!client) return replica;
  try {
    return await client.document(documentId);
  } catch (error) {
    if (error instanceof HubRefusedError && error.status === 404) return null;
    // Out of reach, or the session just ended (the link notices and asks for a sign-in): what the desk knows.
    if (error instanceof HubUnreachableError || error instanceof HubSessionEndedError || error instanceof HubRefusedError) return replica;
    throw error;
  }
}

/** Brings the file here (checked and counted as any attachment fetched); the hub's failure, or null when the file is here. */
async function fetched(files: FilesOnDemand, documentId: number, file: AttachmentInfo): Promise<string | null> {
  try {
    await files.bring(documentId, file);
    return null;
  } catch (error) {
    if (error instanceof HubUnreachableError || error instanceof HubSessionEndedError || error instanceof HubRefusedError || error instanceof HubFileMismatchError) return error.message;
    throw error;
  }
}

export function hubSigningHandlers(ctx: CoreContext, link: HubLink, files: FilesOnDemand): HandlerMap<'hub.signingView' | 'hub.signRevision' | 'hub.sealRevision'> {
  async function view(documentId: number, document: HubDocument | null): Promise<HubSigningView> {
    const user = link.user();
    const file = document ? mainFile(document) : null;
    const last = user ? lastRevisionUpload(ctx.db, user.id, documentId) : null;
    return {
      documentId,
      file: file ? { attachmentId: file.id, name: file.name, sha256: file.sha256 } : null,
      blocked: blockOf(user, document),
      fileHere: file ? await ctx.blobs.has(file.sha256) : false,
      last,
      // Not refused, and over the current revision (queued, or taken before the feed brought the new one) or making it.
      signedCurrent: Boolean(file && last && last.state !== 'refused' && (last.baseSha256 === file.sha256 || last.revisionSha256 === file.sha256)),
      clerkStep: clerkStepOf(user, document),
      number: document && ['numbered', 'agency_signed'].includes(document.signingState) ? document.metadata.codeNumber || null : null,
      internal: document?.internal === true,
      recipients: user ? lastSendRecipients(ctx.db, user.id, documentId) : [],
    };
  }

  return {
    'hub.signingView': async ({ documentId, refresh }) => {
      const client = link.client();
      if (!refresh || !client) return view(documentId, readReplicaDocument(ctx.db, documentId) as HubDocument | null);
      const document = await currentDocument(ctx, client, documentId);
      const file = document ? mainFile(document) : null;
      // Brought here now, so that the leader can still sign if the link drops before he does; view() says whether it is.
      if (file) await fetched(files, documentId, file);
      return view(documentId, document);
    },

    // Counted while running, so an update never restarts the app mid-signature (update-guard.ts).
    'hub.signRevision': (input) => ctx.signing.track(() => signRevision(input)),

    'hub.sealRevision': (input) => ctx.signing.track(() => sealRevision(input)),
  };

  /** The view before a signature of the revision `baseSha256`, refused unless it may be made here now; the file is brought here if need be. */
  async function signable(documentId: number, baseSha256: string, document: HubDocument | null, client: HubClient | null, blocked: string | null): Promise<HubSigningView & { file: NonNullable<HubSigningView['file']> }> {
    const before = await view(documentId, document);
    if (blocked) throw new ApiError(blocked === 'signed_out' ? 'not_configured' : blocked === 'not_found' ? 'not_found' : 'conflict', `Document ${documentId} cannot be signed at this desk (${blocked}).`, { documentId: blocked });
    const file = before.file!;
    if (file.sha256 !== baseSha256) {
      throw new ApiError('conflict', `Document ${documentId} changed on the agency server after it was opened here: the current file is ${file.sha256}, not ${baseSha256}. Look at the new version, then sign it.`, { baseSha256: 'changed' });
    }
    if (before.signedCurrent) {
      throw new ApiError('conflict', `Your signature of document ${documentId} is ${before.last!.state === 'queued' ? 'already waiting to be sent' : 'already taken by the agency server'}.`, { documentId: 'signed' });
    }
    const failure = before.fileHere ? null : client ? await fetched(files, documentId, mainFile(document!)!) : 'not signed in';
    if (failure) throw new ApiError('unavailable', `The file to sign is not on this computer and the agency server did not give it: sign once it answers again. ${failure}`, { hub: 'file_not_here' });
    return { ...before, file };
  }

  async function sealRevision(input: ApiParsedInput<'hub.sealRevision'>): Promise<HubSigningView> {
    const { documentId, baseSha256 } = input;
    const client = link.client();
    const document = await currentDocument(ctx, client, documentId);
    const user = link.user();
    const step = clerkStepOf(user, document);
    const blocked = !user ? 'signed_out' : !document ? 'not_found' : step !== 'seal' ? `not_numbered` : null;
    const { file } = await signable(documentId, baseSha256, document, client, blocked);
    const module = requireDriver(ctx);
    const now = new Date();
    const certificate = await usableCertificate(ctx, module, input.slot, input.certificateId, now);
    requireCertificateKind(ctx.db, certificate, 'organization');
    const { metadata } = document!;
    const values = { number: metadata.codeNumber, notation: metadata.codeNotation, date: metadata.promulgationDate ?? vietnamDate(now), place: metadata.place };
    const version = await newPdfVersion(ctx, { id: file.attachmentId, sha256: baseSha256 }, async (path) => {
      await placeNumberAndDate(ctx, document!, path);
      await sealMainPdf(ctx, path, values, { input, module, certificate, at: now });
    });
    // The hub takes it as the agency's step only over the draft it numbered, checking the certificate again.
    link.queueCommand('revision.upload', { documentId, attachmentId: file.attachmentId, baseSha256, revisionSha256: version.blob.sha256 });
    return view(documentId, document);
  }

  async function signRevision(input: ApiParsedInput<'hub.signRevision'>): Promise<HubSigningView> {
    const { documentId, baseSha256 } = input;
    const client = link.client();
    const document = await currentDocument(ctx, client, documentId);
    const { file } = await signable(documentId, baseSha256, document, client, blockOf(link.user(), document));
    const module = requireDriver(ctx);
    const now = new Date();
    const certificate = await usableCertificate(ctx, module, input.slot, input.certificateId, now);
    requireCertificateKind(ctx.db, certificate, 'person');
    const appearance = leaderAppearance(await signingImage(ctx, 'signature', certificateSha256Of(certificate.der)));
    const version = await newPdfVersion(ctx, { id: file.attachmentId, sha256: baseSha256 }, async (path) =>
      signWithToken(ctx, path, input, { module, certificate, fieldName: LEADER_FIELD, place: await legacyLeaderPlace(ctx, placementSource(document!), path), reason: 'Phê duyệt', at: now, appearance }),
    ).catch((error: unknown) => {
      // Placed before the token is asked for anything: no PIN try is spent on it.
      if (error instanceof FieldExistsError && error.reason === 'signed') throw new ApiError('conflict', `The leader's signature field of document ${documentId} is signed already.`, { documentId: 'leader_signed' });
      throw error;
    });
    // The hub keeps the record of who signed (its audit log's attachment.signed); the desk's queue keeps the command.
    link.queueCommand('revision.upload', { documentId, attachmentId: file.attachmentId, baseSha256, revisionSha256: version.blob.sha256 });
    return view(documentId, document);
  }
}
