/**
 * The signing steps of a draft (docs/formats.md#decree-30): "Trình ký" (the draft is saved first:
 * nothing typed is left behind), then the leader's "Ký duyệt" or "Trả lại để chỉnh sửa" with a
 * comment, then the clerk's "Cấp số và ký số cơ quan".
 */
import { useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { ConfirmDialog, ReasonField } from '../../components/Dialog.js';
import { useI18n } from '../../i18n.js';
import { dialogErrors, useDocumentMutation } from '../documents/use-document-mutation.js';
import { TokenSignForm } from './TokenSignForm.js';

interface SigningSectionProps {
  detail: DocumentDetail;
  /** Saves the draft's unsaved changes; false when it could not (the form says why). */
  saveFirst(): Promise<boolean>;
}

export function SigningSection({ detail, saveFirst }: SigningSectionProps) {
  const { t, lang } = useI18n();
  const submit = useDocumentMutation('documents.submitForSigning', { inline: true });
  const [saving, setSaving] = useState(false);
  const state = detail.signingState;

  async function submitForSigning() {
    setSaving(true);
    try {
      if (await saveFirst()) submit.mutate({ id: detail.id });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="document-section signing-section" aria-labelledby="signing-heading">
      <h2 id="signing-heading">{t('signing.heading')}</h2>
      {state === 'none' ? (
        <>
          <p className="field-hint">{t('signing.submit.hint')}</p>
          <div className="form-actions">
            <button type="button" className="button" disabled={submit.isPending || saving} onClick={() => void submitForSigning()}>
              {t('signing.submit')}
            </button>
            <span aria-live="polite">{submit.isPending || saving ? <span className="pending-text">{t('signing.submitting')}</span> : null}</span>
          </div>
          {submit.error ? (
            <p className="form-error" role="alert" title={submit.error.message}>
              {submit.error.fields?.attachments ? t('draft.error.attachments') : errorText(submit.error.code, lang)}
            </p>
          ) : null}
        </>
      ) : state === 'awaiting_leader' ? (
        <>
          <TokenSignForm
            documentId={detail.id}
            method="documents.signAsLeader"
            heading="signing.leader.heading"
            button="signing.leader.button"
            status={t('signing.state.awaiting_leader')}
            signerName={detail.metadata.signerFullName}
          />
          <ReturnForChanges detail={detail} />
        </>
      ) : state === 'leader_signed' || state === 'numbered' ? (
        <TokenSignForm
          documentId={detail.id}
          method="documents.numberAndSignAsAgency"
          heading="signing.agency.heading"
          button="signing.agency.button"
          status={state === 'numbered' ? t('signing.state.numbered', { number: detail.metadata.codeNumber }) : t('signing.state.leader_signed')}
          numbered={state === 'numbered'}
        />
      ) : (
        <p className="success-text">{t('signing.done')}</p>
      )}
    </section>
  );
}

/** The leader's other answer: back to the drafter, saying what to change. */
function ReturnForChanges({ detail }: { detail: DocumentDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const back = useDocumentMutation('documents.returnForChanges', { inline: true, onSuccess: () => setOpen(false) });
  const errors = dialogErrors(back.error, ['comment'], i18n);
  const missing = comment.trim() === '';
  return (
    <div className="form-actions">
      <button type="button" className="button button-danger-outline" onClick={() => setOpen(true)}>
        {t('signing.return')}
      </button>
      {open ? (
        <ConfirmDialog
          title={t('signing.return.title')}
          description={t('signing.return.effect')}
          confirmLabel={t('signing.return.confirm')}
          pending={back.isPending}
          error={errors.form}
          errorDetail={errors.detail}
          onClose={() => setOpen(false)}
          onConfirm={() => {
            setTried(true);
            if (!missing) back.mutate({ id: detail.id, comment: comment.trim() });
          }}
        >
          <ReasonField label={t('signing.return.comment')} value={comment} onChange={setComment} error={tried && missing ? t('signing.return.comment.required') : errors.reason} />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
