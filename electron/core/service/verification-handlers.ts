/**
 * Signature verification of incoming documents and the trust anchors it checks chains against.
 * Verifying a document again is the clerk's answer to INDETERMINATE, e.g. when the CRL server was
 * unreachable (TRY_LATER); adding a trust anchor verifies again, by itself, every document that
 * had no trusted chain.
 */
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors.js';
import { TRUST_ANCHORS_DIR } from '../config/data-dir.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { getVerification, verifiedWith } from '../store/verifications.js';
import { AnchorExists, AnchorNotRemovable, NotACertificate, addTrustAnchors, listTrustAnchors, removeTrustAnchor } from '../trust/anchor-folder.js';
import { requireDocument } from './document-handlers.js';
import type { CoreContext, HandlerMap } from './handlers.js';

export function trustAnchorsDir(dataDir: string): string {
  return path.join(dataDir, TRUST_ANCHORS_DIR);
}

function requireIncoming(ctx: CoreContext, id: number): void {
  if (requireDocument(ctx, id).direction !== 'incoming') throw new ApiError('conflict', `Document ${id} is not an incoming document: only received documents are verified.`);
}

export function verificationHandlers(ctx: CoreContext): HandlerMap<'documents.verification' | 'documents.verify' | 'trustAnchors.list' | 'trustAnchors.add' | 'trustAnchors.remove'> {
  const dir = trustAnchorsDir(ctx.dataDir);
  const audit = (action: string, details: Record<string, unknown>) => writeTransaction(ctx.db, () => appendAudit(ctx.db, { actor: ctx.actor, action, details }));
  return {
    'documents.verification': ({ id }) => {
      requireIncoming(ctx, id);
      return getVerification(ctx.db, id);
    },

    'documents.verify': ({ id }) => {
      requireIncoming(ctx, id);
      return ctx.verifier.verify(id, ctx.actor);
    },

    'trustAnchors.list': () => listTrustAnchors(dir),

    'trustAnchors.add': async ({ bytes }) => {
      try {
        const added = await addTrustAnchors(dir, bytes);
        audit('trustAnchor.add', { anchors: added.map(({ subject, sha256, file }) => ({ subject, sha256, file })) });
        // What had no trusted chain may have one now: those verdicts refresh by themselves.
        ctx.verifier.schedule(verifiedWith(ctx.db, 'NO_CERTIFICATE_CHAIN_FOUND'));
        return added;
      } catch (error) {
        if (error instanceof NotACertificate) throw new ApiError('invalid_input', error.message, { bytes: error.message });
        if (error instanceof AnchorExists) throw new ApiError('conflict', error.message);
        throw error;
      }
    },

    'trustAnchors.remove': async ({ sha256 }) => {
      try {
        const removed = await removeTrustAnchor(dir, sha256);
        if (!removed) throw new ApiError('not_found', `No trust anchor has the SHA-256 ${sha256}: list them again.`);
        audit('trustAnchor.remove', { subject: removed.subject, sha256, file: removed.file });
      } catch (error) {
        if (error instanceof AnchorNotRemovable) throw new ApiError('conflict', error.message);
        throw error;
      }
      return listTrustAnchors(dir);
    },
  };
}
