/**
 * A draft being prepared: where it stands, its header fields (saved by themselves as the clerk
 * types, see use-draft-form.ts), its attachments, the signing steps and "Gửi văn bản". Each part
 * is its own component; this one lays them out.
 */
import { useEffect, type FormEvent, type KeyboardEvent } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { AttachmentTable } from '../../components/Attachments.js';
import { AttachmentViewer } from '../../components/PdfViewer.js';
import { useSigningPreview } from '../signing/PlacementEditor.js';
import { StateBadge } from '../../components/badges.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { SigningSection } from '../signing/SigningSection.js';
import { AddAttachment } from './AddAttachment.js';
import { DraftFields } from './DraftFields.js';
import { DeleteDraft, DraftStateNotice } from './DraftLifecycle.js';
import { SendSection } from './SendSection.js';
import { useDraftForm, type DraftFormState } from './use-draft-form.js';

export function DraftEditor({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const draft = useDraftForm(detail);
  /** The main PDF (the first one): what the leader reviews and signs. */
  const mainPdf = detail.attachments.find((attachment) => attachment.contentType === 'application/pdf');
  const signingPreview = useSigningPreview(detail);

  useEffect(() => {
    if (draft.failures === 0) return;
    document.querySelector<HTMLElement>('.draft-editor [aria-invalid="true"]')?.focus();
  }, [draft.failures]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void draft.saveNow();
  }

  /** Ctrl+S saves from anywhere in the form. */
  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void draft.saveNow();
    }
  }

  return (
    <article className={`document draft-editor${draft.locked ? ' draft-locked' : ''}`} aria-labelledby="document-title">
      <DraftHeader detail={detail} />

      <DraftStateNotice detail={detail} />

      <form className="document-section draft-form" onSubmit={submit} onKeyDown={onFormKeyDown} noValidate aria-labelledby="draft-form-heading">
        <h2 id="draft-form-heading">{t('draft.form.heading')}</h2>
        <DraftFields form={draft.form} saved={detail.metadata} locked={draft.locked} problems={draft.problems} set={draft.set} />
        {draft.locked ? null : <SaveBar draft={draft} />}
      </form>

      <section className="document-section" aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">{t('attachments.title')}</h2>
        <AttachmentTable attachments={detail.attachments} />
        {draft.locked ? null : <AddAttachment documentId={detail.id} />}
        {draft.problems.fields.has('attachments') ? (
          <p className="field-error" role="alert" title={draft.problems.fields.get('attachments')}>
            {t('draft.error.attachments')}
          </p>
        ) : null}
      </section>

      {detail.signingState !== 'none' && mainPdf ? (
        <section className="document-section viewer-section" aria-labelledby="viewer-heading">
          <h2 id="viewer-heading">{t('viewer.heading')}</h2>
          <AttachmentViewer attachment={mainPdf} overlay={signingPreview} />
        </section>
      ) : null}

      {detail.demo ? null : <SigningSection detail={detail} saveFirst={draft.saveNow} />}
      {detail.demo ? null : <SendSection detail={detail} draft={draft} />}
      <DeleteDraft detail={detail} />
    </article>
  );
}

/** A draft's state, when it last changed, and its subject (also the agency mode's draft editor). */
export function DraftHeader({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  return (
    <header className="document-header">
      <div className="document-badges">
        <StateBadge state={detail.state} />
        <span className="muted">
          {t('meta.updated')} <time dateTime={detail.updatedAt}>{formatDateTime(detail.updatedAt, lang)}</time>
        </span>
      </div>
      <h1 id="document-title" className="document-title">
        {detail.subject}
      </h1>
    </header>
  );
}

/** Save by hand (Ctrl+S), and what autosave did last. */
function SaveBar({ draft }: { draft: DraftFormState }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className="button" disabled={draft.saveState === 'saving' || !draft.dirty}>
        {t('draft.save')}
      </button>
      <span aria-live="polite" className="form-status">
        {draft.saveState === 'saving' ? (
          <span className="pending-text">{t('draft.saving')}</span>
        ) : draft.saveState === 'failed' ? (
          <span className="form-error">{t('draft.saveFailed')}</span>
        ) : draft.dirty ? (
          <span className="muted">{t('draft.unsaved')}</span>
        ) : draft.saveState === 'saved' ? (
          <span className="success-text">{t('draft.saved')}</span>
        ) : draft.restored ? (
          <span className="muted">{t('draft.restored')}</span>
        ) : null}
      </span>
      <span className="field-hint">{t('draft.saveHint')}</span>
    </div>
  );
}
