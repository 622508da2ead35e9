/**
 * Trình ký at a desk in agency mode, under an agency draft: where the draft stands ("Đang chờ ký —
 * <leader>", "Bị trả lại: <comment>"); while it is being edited, "Trình ký" to a leader who signs
 * (the leader who assigned the work it answers chosen first, when the replica shows him); while it
 * waits, "Trả lại" with a comment for the leader it waits for, or a leader of the agency. Both are
 * commands queued for the server, which decides who may. docs/architecture.md, "The desk in agency mode".
 */
import { useState, type FormEvent } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubDeskUser, HubDirectory } from '../../../shared/api/hub-link.js';
import type { HubDocument } from '../../../shared/hub/documents.js';
import { MAX_DRAFT_COMMENT, type WorkItem } from '../../../shared/hub/workflow.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { commandOn, isPending, useAgencyDesk, useHubCommands, useQueueCommand } from './agency-desk.js';
import { CommandNotice } from './CommandNotice.js';
import { LeaderNoteForm } from './LeaderNoteForm.js';
import { holderName, useDirectory, useDocumentWork } from './work-desk.js';

/** Who signs drafts at the server (draft.submit's rule). */
const signs = (user: HubDeskUser) => user.roles.includes('leader') || user.roles.includes('unit_leader');

/**
 * The leader to submit to first: one who signs and assigned work on the arrival the draft answers
 * (the lead work's first), as the replica has it; null when none is known.
 */
export function assigningLeader(signers: readonly HubDeskUser[], items: readonly WorkItem[]): number | null {
  const work = [...items.filter((item) => item.role === 'lead'), ...items.filter((item) => item.role === 'cooperate')];
  return work.map((item) => item.assignedBy).find((id) => signers.some((user) => user.id === id)) ?? null;
}

export function DraftSubmission({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const me = useAgencyDesk()?.user ?? null;
  const commands = useHubCommands();
  const latest = commandOn(commands.data, detail.id, ['draft.submit', 'draft.return']);
  const leaderId = (detail as Partial<HubDocument>).signingLeaderId ?? null;
  const { signingState, leaderComment } = detail;
  if (detail.direction !== 'draft' || (signingState !== 'none' && signingState !== 'awaiting_leader')) return null;
  const returns = me !== null && signingState === 'awaiting_leader' && (me.id === leaderId || me.roles.includes('leader'));
  return (
    <section className="document-section work-panel" aria-labelledby={`submission-${detail.id}`}>
      <h2 id={`submission-${detail.id}`}>{t('submission.title')}</h2>
      {signingState === 'awaiting_leader' ? (
        <p role="status">{t('submission.waiting', { leader: leaderId === null ? '—' : holderName(directory.data, { unitId: null, userId: leaderId }) })}</p>
      ) : leaderComment ? (
        <p role="status" className="banner-locked">
          {t('submission.returned', { comment: leaderComment })}
        </p>
      ) : null}
      {signingState === 'none' && directory.data ? <SubmitForm detail={detail} directory={directory.data} /> : null}
      {returns ? <ReturnForm documentId={detail.id} /> : null}
      <div aria-live="polite">{latest ? <CommandNotice item={latest} /> : null}</div>
    </section>
  );
}

function SubmitForm({ detail, directory }: { detail: DocumentDetail; directory: HubDirectory }) {
  const queue = useQueueCommand();
  const signers = directory.users.filter(signs);
  // The arrival it answers, for the leader who assigned its work (none: nothing to read).
  const answers = detail.answers ?? null;
  const answered = useDocumentWork(answers?.id ?? 0, answers !== null);
  return (
    <LeaderNoteForm
      title="submission.title"
      leaders={signers}
      leaderLabel="submission.leader"
      noteLabel="submission.note"
      button="submission.button"
      suggested={assigningLeader(signers, answered.data?.items ?? [])}
      pending={queue.isPending}
      onSend={(leaderId, note, sent) => queue.mutate({ kind: 'draft.submit', payload: { documentId: detail.id, leaderId, note } }, { onSuccess: sent })}
    />
  );
}

function ReturnForm({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const commands = useHubCommands();
  const sent = commandOn(commands.data, documentId, ['draft.return']);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const waiting = queue.isPending || (sent !== null && isPending(sent));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (waiting) return;
    setMissing(comment.trim() === '');
    if (comment.trim() === '') return;
    queue.mutate({ kind: 'draft.return', payload: { documentId, comment: comment.trim() } }, { onSuccess: () => setComment('') });
  }

  return (
    <form className="work-form" aria-label={t('submission.return.title')} noValidate onSubmit={submit}>
      <Field label={t('submission.return.comment')} required error={missing ? t('submission.return.missing') : undefined}>
        <textarea rows={3} maxLength={MAX_DRAFT_COMMENT} value={comment} onChange={(event) => setComment(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={waiting}>
          {t('submission.return.button')}
        </button>
      </div>
    </form>
  );
}
