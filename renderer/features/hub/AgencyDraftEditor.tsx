/**
 * A draft of the agency server at a desk in agency mode: the same header fields as at a standalone
 * desk, saved by "Lưu lên máy chủ" (Ctrl+S) as one draft.save command under the draft's client key,
 * queued at once (offline too). Not saved as one types: each save is a command the server applies
 * and audits, so the clerk decides when. The form keeps what was typed while the save is pending.
 * Below the form: a reply's arrival and the opinions on it (ý kiến phối hợp), "Trình ký" and the
 * leader's "Trả lại" (DraftSubmission), the leader's "Ký duyệt" (shown only to whom the server's
 * signing view allows), the draft's files as the server keeps them, and "Thêm tệp PDF" while it is
 * being edited. "Văn bản nội bộ" marks the draft as
 * one for units of the agency: numbered in the internal register and sent inside the agency
 * (HubIssueAction's "Gửi nội bộ").
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubDocument } from '../../../shared/hub/documents.js';
import { useI18n } from '../../i18n.js';
import { AgencyAddAttachment } from '../drafts/AddAttachment.js';
import { DraftHeader } from '../drafts/DraftEditor.js';
import { DraftFields } from '../drafts/DraftFields.js';
import { changedFields, formFromMetadata, hasChanges, type DraftForm } from '../drafts/draft-form.js';
import { NO_PROBLEMS } from '../drafts/use-draft-form.js';
import { commandOn, isPending, useHubCommands, useQueueCommand } from './agency-desk.js';
import { AgencyFiles } from './AgencyDocument.js';
import { CommandNotice } from './CommandNotice.js';
import { DraftOpinions } from './DraftOpinions.js';
import { DraftSubmission } from './DraftSubmission.js';
import { HubIssueAction } from './HubIssueAction.js';
import { HubSignAction } from './HubSignAction.js';

export function AgencyDraftEditor({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const [form, setForm] = useState<DraftForm>(() => formFromMetadata(detail.metadata));
  const [subjectMissing, setSubjectMissing] = useState(false);
  const savedInternal = (detail as Partial<HubDocument>).internal === true;
  const [internal, setInternal] = useState(savedInternal);
  const queue = useQueueCommand();
  const commands = useHubCommands();
  const latest = commandOn(commands.data, detail.id, ['draft.save']);
  const fileAdded = commandOn(commands.data, detail.id, ['draft.attach']);
  const locked = detail.signingState !== 'none';
  const changes = changedFields(form, detail.metadata);
  const dirty = !locked && (hasChanges(changes) || internal !== savedInternal);
  // The replica's copy names the key the draft was made under; a draft made otherwise gets one here (the server goes by its id).
  const clientKey = (detail as Partial<HubDocument>).clientKey ?? null;

  function save() {
    if (!dirty || queue.isPending) return;
    if (form.subject.trim() === '') {
      setSubjectMissing(true);
      return;
    }
    setSubjectMissing(false);
    queue.mutate({
      kind: 'draft.save',
      payload: { documentId: detail.id, clientKey: clientKey ?? crypto.randomUUID(), fields: changes, ...(internal !== savedInternal && { internal }) },
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save();
  }

  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      save();
    }
  }

  return (
    <article className={`document draft-editor${locked ? ' draft-locked' : ''}`} aria-labelledby="document-title">
      <DraftHeader detail={detail} />
      {locked ? (
        <p className="banner banner-locked">
          {t('draft.locked.title')}. {t(detail.signingState === 'awaiting_leader' ? 'submission.locked' : 'draft.locked.signed')}
        </p>
      ) : null}
      <form className="document-section draft-form" onSubmit={submit} onKeyDown={onFormKeyDown} noValidate aria-labelledby="draft-form-heading">
        <h2 id="draft-form-heading">{t('draft.form.heading')}</h2>
        <DraftFields
          form={form}
          saved={detail.metadata}
          locked={locked}
          problems={subjectMissing ? { fields: new Map([['subject', 'required']]), form: null } : NO_PROBLEMS}
          set={(name, value) => setForm((current) => ({ ...current, [name]: value }))}
        />
        <label className="checkbox">
          <input type="checkbox" checked={internal} disabled={locked} onChange={(event) => setInternal(event.target.checked)} />
          {t('agency.draft.internal')}
        </label>
        <p className="field-hint">{t('agency.draft.internalHint')}</p>
        {locked ? null : (
          <div className="form-actions">
            <button type="submit" className="button" disabled={!dirty || queue.isPending}>
              {t('agency.draft.save')}
            </button>
            <span aria-live="polite" className="form-status">
              {dirty && !(latest && isPending(latest)) ? <span className="muted">{t('agency.draft.unsaved')}</span> : null}
            </span>
            <span className="field-hint">{t('agency.draft.saveHint')}</span>
          </div>
        )}
        <div aria-live="polite">{latest ? <CommandNotice item={latest} /> : null}</div>
      </form>
      <DraftOpinions detail={detail} />
      <DraftSubmission detail={detail} />
      <HubSignAction documentId={detail.id} signerName={detail.metadata.signerFullName} />
      <HubIssueAction documentId={detail.id} />
      <AgencyFiles detail={detail} />
      {locked ? null : (
        <div className="document-section">
          <AgencyAddAttachment documentId={detail.id} />
          <div aria-live="polite">{fileAdded ? <CommandNotice item={fileAdded} /> : null}</div>
        </div>
      )}
    </article>
  );
}
