/**
 * The clerk's choice on another version of an incoming document (received-again.ts): keep the
 * original, or take the new one (the original kept as a revision). Either is audited; the
 * document's handling state, its arrival number and the statuses already sent stay as they are.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { decideConflict, getOpenConflict } from '../store/conflicts.js';
import { takeVersion } from '../exchange/received-again.js';
import { requireDocument } from './document-handlers.js';
import type { CoreContext, HandlerMap } from './handlers.js';

export function conflictHandlers(ctx: CoreContext): HandlerMap<'documents.resolveConflict'> {
  const { db } = ctx;
  return {
    'documents.resolveConflict': async ({ id, conflictId, keep }) => {
      const now = new Date();
      // The version is taken as the exchange takes content (received-again.ts), in its write transaction; the decision joins it on the same connection.
      await ctx.exchange.write(async (tx) => {
        const doc = await tx.document(id);
        if (!doc || doc.direction !== 'incoming') throw new ApiError('not_found', `Incoming document ${id} does not exist.`);
        const conflict = getOpenConflict(db, id, conflictId);
        if (!conflict) throw new ApiError('conflict', `Document ${id} has no version ${conflictId} waiting for a choice (it was decided already).`);
        const at = now.toISOString();
        if (keep === 'new') await takeVersion(tx, id, conflict, `Thay bằng bản gửi lại cùng mã văn bản (gói ${conflict.axisDocId} trên trục)`, at);
        decideConflict(db, conflictId, keep === 'new' ? 'taken' : 'kept', ctx.actor, at);
        await tx.appendAudit({ actor: ctx.actor, action: keep === 'new' ? 'document.conflict.take' : 'document.conflict.keep', subject: `document:${id}`, details: { conflict: conflictId, axisDocId: conflict.axisDocId, package: conflict.packageSha256 } }, now);
      });
      // New files: the stored verdict was about the ones they replaced.
      if (keep === 'new') ctx.verifier.schedule([id]);
      ctx.emit({ type: 'documents.changed', ids: [id] });
      return requireDocument(ctx, id);
    },
  };
}
