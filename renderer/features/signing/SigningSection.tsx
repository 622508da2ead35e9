/**
 * The signing steps of a draft (docs/formats.md#decree-30): "Trình ký" with the placement preview
 * (the draft is saved first: nothing typed is left behind), then the leader's "Ký duyệt" or "Trả lại để chỉnh sửa" with a
 * comment, then the clerk's "Cấp số và ký số cơ quan".
 */
import { useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { ConfirmDialog, ReasonField } from '../../components/Dialog.js';
import { useI18n } from '../../i18n.js';
import { dialogErrors, useDocumentMutation } from '../documents/use-document-mutation.js';
import { PlacementEditor } from './PlacementEditor.js';
import { TokenSignForm } from './TokenSignForm.js';

interface SigningSectionProps {
  detail: DocumentDetail;
  /** Saves the draft's unsaved changes; false when it could not (the form says why). */
  saveFirst(): Promise<boolean>;
}

export function SigningSection({ detail, saveFirst }: SigningSectionProps) {
  const { t } = useI18n();
  const state = detail.signingState;

  return (
    <section className="document-section signing-section" aria-labelledby="signing-heading">
      <h2 id="signing-heading">{t('signing.heading')}</h2>
      {state === 'none' ? (
        <PlacementEditor detail={detail} saveFirst={saveFirst} />
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
