/**
 * The confirmation dialogs of document actions. Each has a reason (required unless noted), says
 * what will happen, and reports the core's refusal inside the dialog; on success it closes and
 * tells its opener what to announce.
 */
import { useState } from 'react';
import type { DocumentDetail, RequestKind } from '../../../shared/api/documents.js';
import { useApiQuery } from '../../api/client.js';
import { firstPage } from '../../api/paging.js';
import { ConfirmDialog, ReasonField } from '../../components/Dialog.js';
import { DateInput } from '../../components/DateInput.js';
import { Field } from '../../components/Field.js';
import { formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { documentLabel } from '../../format.js';
import { useI18n, type I18n } from '../../i18n.js';
import { takeBackCandidates } from './actions.js';
import { PrioritySelect } from '../drafts/PrioritySelect.js';
import type { Priority } from '../../../shared/api/documents.js';
import { dialogErrors, useDocumentMutation } from './use-document-mutation.js';
import type { AcceptVerdict } from '../../../shared/api/verification.js';
import { badgeKind } from '../verification/verdict.js';

/** What to announce once an action went through, rendered in the current language. */
export interface Done {
  text: (i18n: I18n) => string;
}

interface DialogProps {
  detail: DocumentDetail;
  onClose(): void;
  onDone(done: Done): void;
}

function useReason(required: boolean, initial = '') {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  const [tried, setTried] = useState(false);
  const missing = required && value.trim() === '';
  return {
    value,
    setValue,
    error: tried && missing ? t('dialog.reason.required') : null,
    /** Marks the form as submitted; true when the reason may be sent. */
    check: () => {
      setTried(true);
      return !missing;
    },
  };
}

// ── Receiving side ─────────────────────────────────────────────────────────────

/** `initialReason`: filled in when the signature check found the reason (the clerk may edit it). */
export function ReturnDialog({ detail, onClose, onDone, initialReason = '' }: DialogProps & { initialReason?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const reason = useReason(true, initialReason);
  const respond = useDocumentMutation('documents.respond', {
    inline: true,
    onSuccess: () => onDone({ text: ({ t }) => t('clerk.updated', { state: t('docState.returned') }) }),
  });
  const errors = dialogErrors(respond.error, ['description'], i18n);
  return (
    <ConfirmDialog
      title={t('clerk.return.title')}
      description={t('clerk.return.effect')}
      confirmLabel={t('clerk.return.confirm')}
      danger
      pending={respond.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => {
        if (reason.check()) respond.mutate({ id: detail.id, status: '02', description: reason.value.trim() });
      }}
    >
      <ReasonField label={t('dialog.reason')} hint={t('dialog.reason.hint')} value={reason.value} onChange={reason.setValue} error={reason.error ?? errors.reason} />
    </ConfirmDialog>
  );
}

/**
 * "Giao xử lý": who handles it and by when is the agency's own business (the internal note, kept
 * here); what the sender is told with status 04 is a separate field, empty unless the clerk writes it.
 */
export function AssignDialog({ detail, onClose, onDone }: DialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const note = useReason(false);
  const wire = useReason(false);
  const respond = useDocumentMutation('documents.respond', {
    inline: true,
    onSuccess: () => onDone({ text: ({ t }) => t('clerk.updated', { state: t('docState.assigned') }) }),
  });
  const errors = dialogErrors(respond.error, ['description', 'internalNote'], i18n);
  return (
    <ConfirmDialog
      title={t('clerk.assign.title')}
      description={t('clerk.assign.hint')}
      confirmLabel={t('clerk.assign.confirm')}
      pending={respond.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => respond.mutate({ id: detail.id, status: '04', description: wire.value.trim(), internalNote: note.value.trim() })}
    >
      <ReasonField
        label={t('clerk.internalNote')}
        required={false}
        hint={t('clerk.internalNote.hint')}
        placeholder={t('clerk.assign.placeholder')}
        value={note.value}
        onChange={note.setValue}
        error={errors.reason}
      />
      <ReasonField label={t('clerk.wireText')} required={false} hint={t('clerk.wireText.hint')} value={wire.value} onChange={wire.setValue} autoFocus={false} />
    </ConfirmDialog>
  );
}

/** The verdict an accept confirms: the stored one, or NOT_VERIFIED while the check runs. */
export function acceptVerdictOf(detail: Pick<DocumentDetail, 'verification'>): AcceptVerdict {
  return detail.verification?.indication ?? 'NOT_VERIFIED';
}

/** "Tiếp nhận" of a document whose signatures are not all valid: the verdict shown, the decision confirmed (and audited by the core). */
export function AcceptDialog({ detail, register, onClose, onDone }: DialogProps & { register: number | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const verdict = acceptVerdictOf(detail);
  const respond = useDocumentMutation('documents.respond', {
    inline: true,
    onSuccess: (result) => {
      const arrivalNumber = result.arrivalNumber;
      onDone({ text: ({ t }) => (arrivalNumber !== null ? t('clerk.accepted', { number: formatDocumentNumber(arrivalNumber) }) : t('clerk.updated', { state: t('docState.accepted') })) });
    },
  });
  const errors = dialogErrors(respond.error, [], i18n);
  return (
    <ConfirmDialog
      title={t('clerk.accept.verdict.title')}
      description={t('clerk.accept.verdict.effect', { verdict: t(`verify.badge.${badgeKind(detail.verification)}`) })}
      confirmLabel={t('clerk.accept.verdict.confirm')}
      danger={verdict === 'TOTAL_FAILED'}
      pending={respond.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => respond.mutate({ id: detail.id, status: '03', description: '', acceptVerdict: verdict, ...(register !== undefined && { register }) })}
    />
  );
}

export function AgreeDialog({ detail, kind, onClose, onDone }: DialogProps & { kind: RequestKind }) {
  const i18n = useI18n();
  const { t } = i18n;
  const note = useReason(false);
  const answer = useDocumentMutation('documents.answerRequest', { inline: true, onSuccess: () => onDone({ text: ({ t }) => t('request.agreed') }) });
  const errors = dialogErrors(answer.error, ['reason'], i18n);
  return (
    <ConfirmDialog
      title={t('request.agree.title')}
      description={t(`request.agree.effect.${kind}`)}
      confirmLabel={t('request.agree.confirm')}
      pending={answer.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => answer.mutate({ id: detail.id, agree: true, reason: note.value.trim() })}
    >
      <ReasonField label={t('request.agree.note')} required={false} hint={t('common.optional')} value={note.value} onChange={note.setValue} error={errors.reason} />
    </ConfirmDialog>
  );
}

export function RefuseDialog({ detail, onClose, onDone }: DialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const reason = useReason(true);
  const answer = useDocumentMutation('documents.answerRequest', { inline: true, onSuccess: () => onDone({ text: ({ t }) => t('request.refused') }) });
  const errors = dialogErrors(answer.error, ['reason'], i18n);
  return (
    <ConfirmDialog
      title={t('request.refuse.title')}
      description={t('request.refuse.effect')}
      confirmLabel={t('request.refuse.confirm')}
      danger
      pending={answer.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => {
        if (reason.check()) answer.mutate({ id: detail.id, agree: false, reason: reason.value.trim() });
      }}
    >
      <ReasonField label={t('dialog.reason')} hint={t('dialog.reason.hint')} value={reason.value} onChange={reason.setValue} error={reason.error ?? errors.reason} />
    </ConfirmDialog>
  );
}

// ── Sending side ───────────────────────────────────────────────────────────────

/** Asks the recipients ticked, and only them, to give the document back: none ticked sends nothing. */
export function TakeBackDialog({ detail, onClose, onDone }: DialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const reason = useReason(true);
  const candidates = takeBackCandidates(detail.recipients);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [noneChosen, setNoneChosen] = useState(false);
  const takeBack = useDocumentMutation('documents.takeBack', { inline: true, onSuccess: () => onDone({ text: ({ t }) => t('sender.takeBack.done') }) });
  const errors = dialogErrors(takeBack.error, ['reason'], i18n, ['recipients']);
  const toggle = (agencyId: string, on: boolean) => {
    setNoneChosen(false);
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(agencyId);
      else next.delete(agencyId);
      return next;
    });
  };
  const chooseAll = () => {
    setNoneChosen(false);
    setChosen(new Set(candidates.map((recipient) => recipient.agencyId)));
  };
  const recipientsError = noneChosen || takeBack.error?.fields?.recipients !== undefined ? t('sender.takeBack.recipients.required') : null;
  return (
    <ConfirmDialog
      title={t('sender.takeBack.title')}
      description={t('sender.takeBack.effect')}
      confirmLabel={t('sender.takeBack.confirm')}
      pending={takeBack.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => {
        const recipients = candidates.map((recipient) => recipient.agencyId).filter((agencyId) => chosen.has(agencyId));
        setNoneChosen(recipients.length === 0);
        if (!reason.check() || recipients.length === 0) return;
        takeBack.mutate({ id: detail.id, reason: reason.value.trim(), recipients });
      }}
    >
      <fieldset className={`checkbox-group${recipientsError ? ' field-invalid' : ''}`} aria-describedby="take-back-recipients-hint">
        <legend className="field-label">{t('sender.takeBack.recipients')}</legend>
        <p id="take-back-recipients-hint" className="field-hint">
          {t('sender.takeBack.recipients.hint')}
        </p>
        {candidates.map((recipient) => (
          <label key={recipient.agencyId} className="checkbox">
            <input type="checkbox" checked={chosen.has(recipient.agencyId)} onChange={(event) => toggle(recipient.agencyId, event.target.checked)} />
            <span>{recipient.agencyName ?? recipient.agencyId}</span>
          </label>
        ))}
        {candidates.length > 1 ? (
          <button type="button" className="button button-small" onClick={chooseAll}>
            {t('sender.takeBack.recipients.all')}
          </button>
        ) : null}
        {recipientsError ? (
          <p className="field-error" role="alert">
            {recipientsError}
          </p>
        ) : null}
      </fieldset>
      <ReasonField label={t('dialog.reason')} hint={t('dialog.reason.hint')} value={reason.value} onChange={reason.setValue} error={reason.error ?? errors.reason} />
    </ConfirmDialog>
  );
}

export function RevokeDialog({ detail, onClose, onDone }: DialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const reason = useReason(true);
  const revoke = useDocumentMutation('documents.revoke', { inline: true, onSuccess: () => onDone({ text: ({ t }) => t('sender.revoke.done') }) });
  const errors = dialogErrors(revoke.error, ['reason'], i18n);
  return (
    <ConfirmDialog
      title={t('sender.revoke.title')}
      description={t('sender.revoke.effect')}
      confirmLabel={t('sender.revoke.confirm')}
      danger
      pending={revoke.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => {
        if (reason.check()) revoke.mutate({ id: detail.id, reason: reason.value.trim() });
      }}
    >
      <ReasonField label={t('dialog.reason')} hint={t('dialog.reason.hint')} value={reason.value} onChange={reason.setValue} error={reason.error ?? errors.reason} />
    </ConfirmDialog>
  );
}

export function ReplaceDialog({ detail, onClose, onDone }: DialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const reason = useReason(true);
  const drafts = useApiQuery('documents.list', firstPage<'documents.list'>({ box: 'drafts' }));
  const [draftId, setDraftId] = useState('');
  const [triedDraft, setTriedDraft] = useState(false);
  const replace = useDocumentMutation('documents.replace', { inline: true, onSuccess: () => onDone({ text: ({ t }) => t('sender.replace.done') }) });
  const errors = dialogErrors(replace.error, ['reason'], i18n, ['replacementDraftId']);
  const draftError = (triedDraft && draftId === '') || replace.error?.fields?.replacementDraftId !== undefined ? t('sender.replace.draft.required') : null;
  const rows = drafts.data?.rows ?? [];
  return (
    <ConfirmDialog
      title={t('sender.replace.title')}
      description={t('sender.replace.effect')}
      confirmLabel={t('sender.replace.confirm')}
      pending={replace.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => {
        setTriedDraft(true);
        const reasonOk = reason.check();
        if (draftId === '' || !reasonOk) return;
        replace.mutate({ id: detail.id, replacementDraftId: Number(draftId), reason: reason.value.trim() });
      }}
    >
      <div className={`field${draftError ? ' field-invalid' : ''}`}>
        <div className="field-label-row">
          <label htmlFor="replacement-draft" className="field-label">
            {t('sender.replace.draft')}
          </label>
          <span className="field-required" aria-hidden="true">
            *
          </span>
        </div>
        {drafts.data && rows.length === 0 ? (
          <p className="field-hint">{t('sender.replace.noDrafts')}</p>
        ) : (
          <select
            id="replacement-draft"
            required
            data-autofocus=""
            aria-invalid={draftError ? true : undefined}
            aria-describedby={draftError ? 'replacement-draft-error' : undefined}
            value={draftId}
            onChange={(event) => setDraftId(event.target.value)}
          >
            <option value="">{t('sender.replace.draft.choose')}</option>
            {rows.map((draft) => (
              <option key={draft.id} value={String(draft.id)}>
                {documentLabel(draft)}
              </option>
            ))}
          </select>
        )}
        {draftError ? (
          <p id="replacement-draft-error" className="field-error">
            {draftError}
          </p>
        ) : null}
      </div>
      <ReasonField
        label={t('dialog.reason')}
        hint={t('dialog.reason.hint')}
        autoFocus={false}
        value={reason.value}
        onChange={reason.setValue}
        error={reason.error ?? errors.reason}
      />
    </ConfirmDialog>
  );
}

/** Correct a sent document (an update package): subject, urgency and due date, with the reason. */
export function UpdateDialog({ detail, onClose, onDone }: DialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const reason = useReason(true);
  const [subject, setSubject] = useState(detail.subject);
  const [priority, setPriority] = useState<Priority>(detail.priority);
  const [dueDate, setDueDate] = useState(detail.metadata.dueDate ?? '');
  const update = useDocumentMutation('documents.update', { inline: true, onSuccess: () => onDone({ text: ({ t }) => t('sender.update.done') }) });
  const errors = dialogErrors(update.error, ['reason'], i18n, ['fields.subject', 'fields.priority', 'fields.dueDate']);
  return (
    <ConfirmDialog
      title={t('sender.update.title')}
      description={t('sender.update.effect')}
      confirmLabel={t('sender.update.confirm')}
      pending={update.isPending}
      error={errors.form}
      errorDetail={errors.detail}
      onClose={onClose}
      onConfirm={() => {
        if (!reason.check()) return;
        update.mutate({ id: detail.id, reason: reason.value.trim(), fields: { subject: subject.trim(), priority, dueDate: dueDate === '' ? null : dueDate } });
      }}
    >
      <Field label={t('draft.subject')} required>
        <input type="text" value={subject} maxLength={500} onChange={(event) => setSubject(event.target.value)} />
      </Field>
      <PrioritySelect value={priority} onChange={setPriority} />
      <Field label={t('draft.dueDate')} hint={t('common.optional')}>
        <DateInput value={dueDate} onChange={setDueDate} />
      </Field>
      <ReasonField label={t('dialog.reason')} hint={t('dialog.reason.hint')} value={reason.value} onChange={reason.setValue} error={reason.error ?? errors.reason} />
    </ConfirmDialog>
  );
}
