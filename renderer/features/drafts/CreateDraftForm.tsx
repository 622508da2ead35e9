import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation } from '../../api/client.js';
import { invalidateDocumentLists } from '../../api/query-keys.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { navigate } from '../../router.js';
import { useAgencyDesk, useQueueCommand } from '../hub/agency-desk.js';

/**
 * "Dự thảo mới": a subject (and a summary) makes a draft. `answers`, at a desk in agency mode, is
 * the arrival the draft replies to ("Soạn trả lời" from its work): the server sends it as its reply.
 */
export function CreateDraftForm({ answers }: { answers?: number } = {}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('');
  const [summary, setSummary] = useState('');
  const [subjectMissing, setSubjectMissing] = useState(false);
  const [created, setCreated] = useState(false);
  const subjectInput = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();

  // A desk in agency mode queues the new draft for the server under a key made here: saved again, it stays one draft.
  // A reply is drafted from an arrival's work, which only a desk in agency mode has.
  const desk = useAgencyDesk();
  const agency = answers !== undefined || desk !== null;
  const [queued, setQueued] = useState(false);
  const queue = useQueueCommand();
  const create = useApiMutation('drafts.create', {
    meta: { inlineErrors: true },
    onSuccess: (detail) => {
      queryClient.setQueryData(apiQueryKey('documents.get', { id: detail.id }), detail);
      invalidateDocumentLists(queryClient);
      setSubject('');
      setSummary('');
      setCreated(true);
      navigate({ area: 'drafts', documentId: detail.id });
    },
    onError: (error) => {
      if (error.fields?.subject !== undefined) subjectInput.current?.focus();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending || queue.isPending) return;
    setCreated(false);
    if (subject.trim() === '') {
      setSubjectMissing(true);
      subjectInput.current?.focus();
      return;
    }
    setSubjectMissing(false);
    if (agency) {
      setQueued(false);
      queue.mutate(
        { kind: 'draft.save', payload: { documentId: null, clientKey: crypto.randomUUID(), fields: { subject: subject.trim(), summary: summary.trim() }, ...(answers === undefined ? {} : { answers }) } },
        {
          onSuccess: () => {
            setSubject('');
            setSummary('');
            setQueued(true);
          },
        },
      );
      return;
    }
    create.mutate({ subject: subject.trim(), summary: summary.trim() });
  }

  /** Ctrl+Enter submits from the summary, where Enter makes a new line. */
  function onSummaryKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  const fields = create.error?.fields;
  const subjectError = subjectMissing ? t('drafts.field.subject.required') : fields?.subject !== undefined ? t('drafts.field.subject') : null;
  const summaryError = fields?.summary !== undefined ? t('drafts.field.summary') : null;
  const formError = create.error && !(fields && (fields.subject !== undefined || fields.summary !== undefined)) ? create.error : null;

  return (
    <form ref={formRef} className="card create-draft" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{t(answers === undefined ? 'drafts.new.heading' : 'flow.reply.heading')}</h2>
      <Field label={t('drafts.subject.label')} error={subjectError} required>
        <input
          ref={subjectInput}
          data-focus-target="new-draft-subject"
          type="text"
          maxLength={500}
          autoComplete="off"
          placeholder={t('drafts.subject.placeholder')}
          value={subject}
          onChange={(event) => {
            setSubject(event.target.value);
            if (subjectMissing && event.target.value.trim() !== '') setSubjectMissing(false);
          }}
        />
      </Field>
      <Field label={t('drafts.summary.label')} hint={t('common.optional')} error={summaryError}>
        <textarea rows={3} maxLength={500} value={summary} onChange={(event) => setSummary(event.target.value)} onKeyDown={onSummaryKeyDown} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending || queue.isPending}>
          {t('drafts.create.button')}
        </button>
        {create.isPending || queue.isPending ? (
          <span className="pending-text" role="status">
            {t('drafts.create.pending')}
          </span>
        ) : queued ? (
          <span className="success-text" role="status">
            {t('agency.draft.queued')}
          </span>
        ) : created ? (
          <span className="success-text" role="status">
            {t('drafts.created')}
          </span>
        ) : null}
      </div>
      {formError ? (
        <p className="form-error" role="alert" title={formError.message}>
          {errorText(formError.code, lang)}
        </p>
      ) : null}
    </form>
  );
}
