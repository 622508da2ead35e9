/**
 * The ways back for a submitted draft and the end of a draft: the leader returns it for changes
 * (with a comment), the clerk withdraws it before the leader signed, a draft is deleted. Going
 * back puts the main PDF back as it was before "Trình ký" (the empty number and date fields were
 * only for the leader's signature), as a new version: every earlier one stays listed.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { addAttachmentVersion, getDocumentRow, listAttachments, type DocumentRow } from '../store/documents.js';
import { deleteUnnumberedDraft, moveSigningState, versionBeforeSubmission } from '../store/document-transitions.js';
import { refuseDemo, requireDocument } from './document-handlers.js';
import type { CoreContext, HandlerMap } from './handlers.js';

type WorkflowMethods = 'documents.returnForChanges' | 'documents.withdrawSubmission' | 'drafts.delete';

/** Signing states a draft may be deleted in: once numbered, its number is in the register's book. */
const DELETABLE: readonly DocumentRow['signing_state'][] = ['none', 'awaiting_leader', 'leader_signed'];

export function draftWorkflowHandlers(ctx: CoreContext): HandlerMap<WorkflowMethods> {
  const { db } = ctx;

  function draft(id: number): DocumentRow {
    const row = getDocumentRow(db, id);
    if (!row) throw new ApiError('not_found', `Document ${id} does not exist.`);
    if (row.direction !== 'draft') throw new ApiError('conflict', `Document ${id} is not a draft.`);
    refuseDemo(row);
    return row;
  }

  /** Inside the write transaction: each attachment the submission changed points at its file from before it again. */
  function restoreFilesBeforeSubmission(id: number, at: string): string[] {
    const restored: string[] = [];
    for (const attachment of listAttachments(db, id)) {
      const before = versionBeforeSubmission(db, attachment.id);
      if (!before || before.sha256 === attachment.sha256) continue;
      addAttachmentVersion(db, attachment.id, before, 'reopened', at);
      restored.push(before.sha256);
    }
    return restored;
  }

  /** Back to editing from awaiting_leader; `comment` is the leader's (null when the clerk withdraws). */
  function reopen(id: number, action: string, comment: string | null) {
    draft(id);
    const now = new Date();
    writeTransaction(db, () => {
      const at = now.toISOString();
      const moved = moveSigningState(db, id, 'awaiting_leader', 'none', at, { leaderComment: comment });
      if (!moved) throw new ApiError('conflict', `Document ${id} is not waiting for the leader's signature: only then can it be returned or withdrawn.`, { signing: 'awaiting_leader' });
      const restored = restoreFilesBeforeSubmission(id, at);
      appendAudit(db, { actor: ctx.actor, action, subject: `document:${id}`, details: { ...(comment !== null && { comment }), restored } }, now);
    });
    ctx.emit({ type: 'documents.changed', ids: [id] });
    return requireDocument(ctx, id);
  }

  return {
    'documents.returnForChanges': ({ id, comment }) => reopen(id, 'document.sign.return', comment),

    'documents.withdrawSubmission': ({ id }) => reopen(id, 'document.sign.withdraw', null),

    'drafts.delete': ({ id }) => {
      const row = draft(id);
      if (!DELETABLE.includes(row.signing_state)) {
        throw new ApiError('conflict', `Document ${id} has its number from the outgoing register already: it is kept, so that the register has no gap.`, { signing: row.signing_state });
      }
      const now = new Date();
      writeTransaction(db, () => {
        const attachments = listAttachments(db, id);
        // Attachments, their versions and the timeline go with the row (ON DELETE CASCADE); the blobs stay in the store.
        const deleted = deleteUnnumberedDraft(db, id);
        if (!deleted) throw new ApiError('conflict', `Document ${id} changed meanwhile.`);
        appendAudit(
          db,
          {
            actor: ctx.actor,
            action: 'draft.delete',
            subject: `document:${id}`,
            details: { subject: row.subject, signingState: row.signing_state, attachments: attachments.map(({ name, sha256 }) => ({ name, sha256 })) },
          },
          now,
        );
      });
      ctx.emit({ type: 'documents.changed', ids: [id] });
      return { id };
    },
  };
}
