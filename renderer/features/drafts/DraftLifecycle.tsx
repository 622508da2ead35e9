/**
 * Where a draft stands and the ways out of it: locked while with the signers (the clerk may take
 * it back before the leader signed), returned by the leader with a comment, deleted.
 */
import { useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiMutation } from '../../api/client.js';
import { useQueryClient } from '@tanstack/react-query';
import { invalidateDocumentLists } from '../../api/query-keys.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { useI18n } from '../../i18n.js';
import { navigate } from '../../router.js';
import { useDocumentMutation } from '../documents/use-document-mutation.js';

/** Above the form: why it cannot be edited, or what the leader asked to change. */
export function DraftStateNotice({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  const withdraw = useDocumentMutation('documents.withdrawSubmission', { inline: true });
  if (detail.demo) return <p className="banner banner-locked">{t('document.demo.readOnly')}</p>;
  if (detail.signingState !== 'none') {
    return (
      <section className="banner banner-locked" aria-labelledby="draft-locked-heading">
        <h2 id="draft-locked-heading" className="banner-title">
          {`🔒 ${t('draft.locked.title')}`}
        </h2>
        <p>{t(detail.signingState === 'awaiting_leader' ? 'draft.locked.awaitingLeader' : 'draft.locked.signed')}</p>
        {detail.signingState === 'awaiting_leader' ? (
          <div className="banner-actions">
            <button type="button" className="button" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ id: detail.id })}>
              {t('draft.withdraw')}
            </button>
            {withdraw.error ? (
              <p className="form-error" role="alert" title={withdraw.error.message}>
                {errorText(withdraw.error.code, lang)}
              </p>
            ) : null}
          </div>
        ) : null}
      </section>
    );
  }
  if (!detail.leaderComment) return null;
  return (
    <section className="banner banner-request" aria-labelledby="draft-returned-heading">
      <h2 id="draft-returned-heading" className="banner-title">
        {t('draft.returned.title')}
      </h2>
      <p className="leader-comment">{detail.leaderComment}</p>
    </section>
  );
}

/** "Xóa dự thảo", confirmed; not once the register gave it a number (the core refuses too). */
export function DeleteDraft({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const remove = useApiMutation('drafts.delete', {
    meta: { inlineErrors: true },
    onSuccess: () => {
      invalidateDocumentLists(queryClient);
      navigate({ area: 'drafts', documentId: null });
    },
  });
  if (detail.demo || detail.signingState === 'numbered' || detail.signingState === 'agency_signed') return null;
  return (
    <div className="draft-delete">
      <button type="button" className="button button-danger-outline" onClick={() => setAsking(true)}>
        {t('draft.delete')}
      </button>
      {asking ? (
        <ConfirmDialog
          title={t('draft.delete.title')}
          description={t('draft.delete.effect', { subject: detail.subject })}
          confirmLabel={t('draft.delete.confirm')}
          danger
          pending={remove.isPending}
          error={remove.error ? errorText(remove.error.code, lang) : null}
          errorDetail={remove.error?.message}
          onClose={() => setAsking(false)}
          onConfirm={() => remove.mutate({ id: detail.id })}
        />
      ) : null}
    </div>
  );
}
