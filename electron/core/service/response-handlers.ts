/**
 * The receiving clerk's answers: a handling status (accepted, returned, in progress, done) and
 * the answer to a sender's request (take back, revoke, replace, update). The status package is
 * built first; the document's change, the outbox row, the timeline and the audit row then commit
 * in one transaction.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { canRespond } from '../../../shared/domain/handling-status.js';
import { STATUS_CODE } from '../../../shared/edxml/codes.js';
import type { AcceptVerdict } from '../../../shared/api/verification.js';
import { getRequest } from '../store/requests.js';
import { getVerification } from '../store/verifications.js';
import { applyUpdate } from '../exchange/apply-update.js';
import { recordHandlingResponse } from '../exchange/handling-response.js';
import { requireRegister } from './register-handlers.js';
import { statusHoldUntil } from './status-hold.js';
import type { ExchangeDesk } from './exchange-desk.js';
import type { CoreContext, HandlerMap } from './handlers.js';

export function responseHandlers(ctx: CoreContext, desk: ExchangeDesk): HandlerMap<'documents.respond' | 'documents.answerRequest'> {
  const { db } = ctx;

  /**
   * Accepting registers the document as received in good order: one whose signatures are not all
   * valid (or not checked yet) is accepted only when the clerk confirmed the verdict shown to
   * them, and it must still be the stored one. Returns what the audit row records.
   */
  function acceptedVerdict(id: number, confirmed: AcceptVerdict | undefined) {
    const stored = getVerification(db, id);
    const verdict: AcceptVerdict = stored?.indication ?? 'NOT_VERIFIED';
    if (verdict !== 'TOTAL_PASSED' && confirmed !== verdict) {
      throw new ApiError('conflict', `The signature check of document ${id} says ${verdict}${stored?.subIndication ? ` / ${stored.subIndication}` : ''}: accepting it needs the clerk's confirmation of that verdict.`, {
        verification: verdict,
      });
    }
    return { indication: verdict, subIndication: stored?.subIndication ?? null, confirmed: verdict !== 'TOTAL_PASSED' };
  }

  return {
    'documents.respond': async ({ id, status, description, internalNote, register, acceptVerdict }) => {
      const doc = desk.row(id, 'incoming');
      if (!canRespond(doc.state, status)) throw new ApiError('conflict', `Status ${status} cannot follow “${doc.state}”: handling statuses only move forward.`);
      const book = status === STATUS_CODE.accepted ? requireRegister(db, 'in', register) : null;
      const statusPackage = await desk.statusFor(doc, doc.sender_id ?? '', status, description);
      const now = new Date();
      // The arrival number is taken in the exchange's write transaction (exchange-store.ts), so a
      // step that fails leaves no gap in the register; the desk's own rows join it on the same connection.
      await ctx.exchange.write(async (tx) => {
        // Under the write lock: a verification finishing meanwhile cannot slip in between.
        const verification = status === STATUS_CODE.accepted ? acceptedVerdict(id, acceptVerdict) : null;
        const recorded = await recordHandlingResponse(tx, {
          documentId: id,
          addressee: doc.sender_id ?? '',
          status,
          description,
          internalNote,
          register: book,
          statusPackage,
          actor: ctx.actor,
          now,
          notBefore: statusHoldUntil(status, now),
          ...(verification && { auditDetails: { verification } }),
        });
        if (!recorded) throw new ApiError('conflict', `Document ${id} changed meanwhile.`);
      });
      return desk.done(id);
    },

    'documents.answerRequest': async ({ id, agree, reason }) => {
      const doc = desk.row(id, 'incoming');
      const request = getRequest(db, id);
      if (!request) throw new ApiError('conflict', `Document ${id} has no request waiting for an answer.`);
      const code = agree ? STATUS_CODE.changeAgreed : STATUS_CODE.changeRefused;
      const statusPackage = await desk.statusFor(doc, request.requester_id, code, reason);
      const now = new Date();
      await ctx.exchange.write(async (tx) => {
        const at = now.toISOString();
        if (agree && request.kind === 'update') await applyUpdate(tx, doc, request, at);
        else if (agree) await tx.revokeDocument(id, request.kind === 'replace' ? `Thay thế bởi văn bản khác: ${request.reason}` : request.reason, at);
        await tx.removeRequest(id);
        desk.queueStatus(doc, request.requester_id, code, reason, statusPackage, at);
        await tx.appendAudit({ actor: ctx.actor, action: `request.${agree ? 'agree' : 'refuse'}`, subject: `document:${id}`, details: { kind: request.kind, reason } }, now);
      });
      // The update brought new files: the stored verdict was about the ones it replaced.
      if (agree && request.kind === 'update') ctx.verifier.schedule([id]);
      return desk.done(id);
    },
  };
}
