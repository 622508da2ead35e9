/**
 * `revision.upload`: a signature made at a desk (the leader's on his token, the agency seal at the
 * clerk's). The desk uploads the signed file first (PUT /api/blobs/<sha256>), then names the
 * revision it signed over. The hub takes it only as an incremental update of exactly the
 * attachment's current revision (its bytes start with the base's bytes) whose last signature covers
 * the whole new file and verifies (the desktop's verifier, electron/core/verification/), without
 * breaking an earlier signature. A base that is no longer current is refused as stale: someone
 * changed the file meanwhile, and the desk signs the current one again.
 *
 * On the draft's main PDF the upload is also a signing step (the desktop's, signing-steps.ts): a
 * leader's signature makes the draft `leader_signed`; the clerk's signature over a numbered draft
 * is the agency's seal, made with the organisation's certificate, and makes it `agency_signed`.
 * A leader does not sign a draft already numbered: the number comes after his signature.
 */
import { open } from 'node:fs/promises';
import type pg from 'pg';
import type { SignatureReport } from '../../shared/api/verification.js';
import type { CertificateKind } from '../../shared/domain/certificate-kind.js';
import { verifyPdf } from '../../electron/core/verification/index.js';
import { lastSignerKind } from '../../electron/core/verification/signer-kind.js';
import { appendAudit } from '../store/audit.js';
import { addAttachmentVersion, attachmentFile, lockAttachmentFile, lockDocument, mainPdfId, moveSigningState, type LockedDocument } from '../store/desk-documents.js';
import type { SessionHolder } from '../store/sessions.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';

const SIGNERS = ['leader', 'unit_leader', 'clerk'] as const;

interface Prepared {
  size: number;
  signer: string | null;
  /** Whose certificate made the added signature, as its subject says. */
  signerKind: CertificateKind | null;
}

/** The desktop's steps: the agency's seal is the clerk's; every other signature here is a leader's. */
const stepOf = (account: SessionHolder) => (account.roles.includes('clerk') && !account.roles.includes('leader') && !account.roles.includes('unit_leader') ? 'agency' : 'leader');

const moved = (attachmentId: number) =>
  new CommandRefused('stale', `Someone changed file ${attachmentId} after you opened it: the version you signed is no longer the current one. Open the current version and sign it again.`);

/** The size of `longer` when it is the file `base` with bytes appended, else null; read a chunk at a time. */
async function sizeIfExtends(base: string, longer: string): Promise<number | null> {
  const [a, b] = await Promise.all([open(base), open(longer)]);
  try {
    const [baseSize, longerSize] = await Promise.all([a.stat(), b.stat()]).then((stats) => stats.map((stat) => stat.size));
    if (longerSize! <= baseSize!) return null;
    const chunk = 1 << 20;
    const x = Buffer.alloc(chunk);
    const y = Buffer.alloc(chunk);
    for (let at = 0; at < baseSize!; at += chunk) {
      const length = Math.min(chunk, baseSize! - at);
      await Promise.all([a.read(x, 0, length, at), b.read(y, 0, length, at)]);
      if (!x.subarray(0, length).equals(y.subarray(0, length))) return null;
    }
    return longerSize!;
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

/** Why the signature the desk added does not verify, or null when it does. */
function signatureProblem(signature: SignatureReport): string | null {
  const { checks } = signature;
  if (checks.integrity !== true || checks.cryptographic !== true) return 'The new signature does not match the file: it is damaged or was not made over these bytes.';
  if (checks.chainTrusted !== true) return "The signer's certificate does not lead to a certification authority this agency trusts.";
  if (checks.validAtSigningTime !== true) return "The signer's certificate was not valid when it signed (expired or not yet valid).";
  if (checks.keyUsage !== true) return "The signer's certificate is not one for signing.";
  if (checks.revocation === 'revoked') return "The signer's certificate has been revoked.";
  return null;
}

export const revisionUpload: CommandHandler<'revision.upload', Prepared> = {
  async precheck({ account, pool, services, now }, { documentId, attachmentId, baseSha256, revisionSha256 }) {
    requireRole(account, SIGNERS, 'Only a leader or the clerk signs documents.');
    const attachment = await attachmentFile(pool, documentId, attachmentId);
    if (!attachment) throw new CommandRefused('not_found', `Document ${documentId} has no file ${attachmentId}.`);
    if (attachment.sha256 !== baseSha256) throw moved(attachmentId);
    const { blobs } = services;
    if (!(await blobs.has(revisionSha256))) throw new CommandRefused('invalid', 'The signed file has not reached the hub: upload it first, then send the command again.');
    const size = await sizeIfExtends(blobs.files.pathOf(baseSha256), blobs.files.pathOf(revisionSha256));
    if (size === null) {
      throw new CommandRefused('invalid', 'The signed file is not the current version with a signature added: it must keep every byte of the version it signs.');
    }
    const report = await verifyPdf(blobs.files.pathOf(revisionSha256), { name: attachment.name, trustAnchors: services.trustAnchors(), revocation: services.revocation, now });
    if (report.error) throw new CommandRefused('invalid', `The signed file cannot be read as a PDF: ${report.error}`);
    const added = report.signatures.find((signature) => signature.coversWholeDocument);
    if (!added) throw new CommandRefused('invalid', 'The signed file does not end with a signature over the whole file.');
    const problem = signatureProblem(added);
    if (problem) throw new CommandRefused('invalid', problem);
    if (report.signatures.some((signature) => !signature.checks.noDisallowedChanges)) {
      throw new CommandRefused('invalid', 'The signed file changes something an earlier signature protects.');
    }
    return { size, signer: added.signer?.subject ?? null, signerKind: await lastSignerKind(blobs.files.pathOf(revisionSha256)) };
  },

  async apply({ account, client, prepared, now }, { documentId, attachmentId, baseSha256, revisionSha256 }) {
    // The document first, as the other commands lock it: a number or a send meanwhile is seen here.
    const doc = await lockDocument(client, documentId);
    // Two desks signing one file: the second waits here, then finds its base gone.
    const attachment = await lockAttachmentFile(client, documentId, attachmentId);
    if (!doc || !attachment) throw new CommandRefused('not_found', `Document ${documentId} has no file ${attachmentId}.`);
    if (attachment.sha256 !== baseSha256) throw moved(attachmentId);
    const step = stepOf(account);
    if (doc.direction === 'draft' && (await mainPdfId(client, documentId)) === attachmentId) await moveStep(client, doc, step, prepared.signerKind, now);
    const version = await addAttachmentVersion(client, attachmentId, { sha256: revisionSha256, size: prepared.size }, step, now);
    await appendAudit(
      client,
      { actor: account.username, action: 'attachment.signed', subject: `document:${documentId}`, details: { attachmentId, version, step, base: baseSha256, sha256: revisionSha256, signer: prepared.signer } },
      now,
    );
    return { documentId, attachmentId, sha256: revisionSha256, version };
  },
};

/** The signing step the upload makes on a draft's main PDF, checked and recorded on the draft. */
async function moveStep(client: pg.PoolClient, doc: LockedDocument, step: 'agency' | 'leader', kind: CertificateKind | null, now: Date): Promise<void> {
  const { id, signingState } = doc;
  if (step === 'leader') {
    if (signingState === 'numbered' || signingState === 'agency_signed') {
      throw new CommandRefused('stale', `Document ${id} was numbered after the leader's signature (${doc.codeNumber ?? ''}): it is not signed by a leader again.`);
    }
    await moveSigningState(client, id, ['none', 'awaiting_leader', 'leader_signed'], 'leader_signed', now);
    return;
  }
  if (signingState === 'leader_signed') {
    throw new CommandRefused('invalid', `Document ${id} has no number yet: the agency seals it after its number is given (Cấp số).`);
  }
  if (signingState !== 'numbered') return;
  if (kind !== 'organization') {
    throw new CommandRefused('invalid', "The agency's seal is made with the organisation's certificate (the agency's), not a person's nor one whose kind its subject does not say.");
  }
  await moveSigningState(client, id, ['numbered'], 'agency_signed', now);
}
