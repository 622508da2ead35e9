/**
 * "Gửi văn bản": recipients from the directory and the send button. A document leaves signed by
 * the agency, with the register's number; where IT's AllowUnsignedSending policy allows an
 * unsigned one, the screen says so, and the register gives the number when it is sent.
 */
import { useReducer, useRef, useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { useI18n } from '../../i18n.js';
import { navigate } from '../../router.js';
import { useDocumentMutation } from '../documents/use-document-mutation.js';
import { usePolicyValues } from '../policy/use-admin-policy.js';
import { useRegisterChoice } from '../registers/register-choice.js';
import { isDraftField } from './draft-form.js';
import { INITIAL_PICKER, pickerReducer } from './recipient-picker.js';
import { RecipientPicker } from './RecipientPicker.js';
import { problemsOf, type DraftFormState } from './use-draft-form.js';

export function SendSection({ detail, draft }: { detail: DocumentDetail; draft: DraftFormState }) {
  const { t, lang } = useI18n();
  const app = useApiQuery('app.getState', {});
  const selfId = app.data?.connection?.agencyCode ?? null;
  const unsignedAllowed = usePolicyValues().allowUnsignedSending?.value === true;
  const signed = detail.signingState === 'agency_signed';
  const unsigned = detail.signingState === 'none';
  const registerChoice = useRegisterChoice('out', unsigned && unsignedAllowed);
  const [picker, dispatch] = useReducer(pickerReducer, INITIAL_PICKER);
  const [recipientsMissing, setRecipientsMissing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const send = useDocumentMutation('documents.send', { inline: true, onSuccess: (sent) => navigate({ area: 'sent', documentId: sent.id }) });

  // Between "Trình ký" and the agency's signature the draft is with the signers.
  if (!signed && !unsigned) return null;

  async function sendDocument() {
    if (send.isPending) return;
    if (picker.chosen.length === 0) {
      setRecipientsMissing(true);
      searchRef.current?.focus();
      return;
    }
    setRecipientsMissing(false);
    setError(null);
    if (!(await draft.saveNow())) return;
    try {
      await send.mutateAsync({
        id: detail.id,
        recipients: picker.chosen.map((agency) => agency.id),
        ...(unsigned && registerChoice.register !== undefined && { register: registerChoice.register }),
      });
    } catch (failure) {
      const problems = problemsOf(failure as ApiError);
      if ([...problems.fields.keys()].some(isDraftField)) draft.fail(problems);
      setError(failure as ApiError);
    }
  }

  const fields = error ? problemsOf(error).fields : new Map<string, string>();
  const recipientsError = recipientsMissing ? t('send.recipients.required') : fields.has('recipients') ? t('send.recipients.invalid') : null;
  const mustSign = unsigned && !unsignedAllowed;
  return (
    <section className="document-section send-section" aria-labelledby="send-heading">
      <h2 id="send-heading">{t('send.heading')}</h2>
      {mustSign ? <p className="field-hint">{t('send.mustSign')}</p> : null}
      {unsigned && unsignedAllowed ? <p className="policy-lock">{`🔒 ${t('send.unsignedAllowed')}`}</p> : null}
      {mustSign ? null : (
        <>
          {unsigned ? registerChoice.control : null}
          <RecipientPicker
            state={picker}
            dispatch={(action) => {
              if (action.type === 'add') setRecipientsMissing(false);
              dispatch(action);
            }}
            selfId={selfId}
            error={recipientsError}
            inputRef={searchRef}
          />
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={send.isPending} onClick={() => void sendDocument()}>
              {unsigned ? t('send.button.unsigned') : t('send.button')}
            </button>
            {picker.chosen.length > 0 ? <span className="muted">{t('send.chosen.count', { count: picker.chosen.length })}</span> : null}
            <span aria-live="polite">{send.isPending ? <span className="pending-text">{t('send.pending')}</span> : null}</span>
          </div>
        </>
      )}
      {error && fields.size > 0 && !fields.has('recipients') ? (
        <p className="form-error" role="alert" title={error.message}>
          {t('send.fixFields')}
        </p>
      ) : error && fields.size === 0 ? (
        <p className="form-error" role="alert" title={error.message}>
          {errorText(error.code, lang)}
        </p>
      ) : null}
    </section>
  );
}
