/**
 * A draft being prepared: its header fields (SPEC §3), its attachments, and "Gửi văn bản" —
 * recipients from the directory and the send button. Unsaved changes are saved before sending;
 * the core's field errors (a missing number, say) appear beside their fields.
 */
import { useEffect, useReducer, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { errorText, priorityKey, type PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { AttachmentTable } from '../../components/Attachments.js';
import { AttachmentViewer } from '../../components/PdfViewer.js';
import { useSigningPreview } from '../signing/PlacementEditor.js';
import { StateBadge } from '../../components/badges.js';
import { Field } from '../../components/Field.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { navigate } from '../../router.js';
import { useDocumentMutation } from '../documents/use-document-mutation.js';
import { AddAttachment } from './AddAttachment.js';
import { DOCUMENT_TYPE_NAMES, SIGNER_COMPETENCE_PREFIXES } from './document-types.js';
import { DRAFT_FIELDS, PRIORITIES, changedFields, errorsByField, formFromMetadata, hasChanges, isPriority, type DraftField, type DraftForm } from './draft-form.js';
import { INITIAL_PICKER, pickerReducer } from './recipient-picker.js';
import { RecipientPicker } from './RecipientPicker.js';
import { SigningSection } from '../signing/SigningSection.js';

const LABEL: Record<DraftField, PlainMessageKey> = {
  subject: 'draft.subject',
  summary: 'draft.summary',
  codeNumber: 'draft.codeNumber',
  codeNotation: 'draft.codeNotation',
  typeName: 'draft.typeName',
  signerFullName: 'draft.signerFullName',
  signerPosition: 'draft.signerPosition',
  signerCompetence: 'draft.signerCompetence',
  place: 'draft.place',
  dueDate: 'draft.dueDate',
  priority: 'draft.priority',
};

const MAX_LENGTH: Record<Exclude<DraftField, 'dueDate' | 'priority'>, number> = {
  subject: 500,
  summary: 500,
  codeNumber: 50,
  codeNotation: 50,
  typeName: 100,
  signerFullName: 50,
  signerPosition: 100,
  signerCompetence: 100,
  place: 100,
};

function isDraftField(name: string): name is DraftField {
  return (DRAFT_FIELDS as readonly string[]).includes(name);
}

/** Field errors kept after a failed save or send, and what is left for the whole form. */
interface Problems {
  fields: Map<string, string>;
  form: ApiError | null;
  /** The core refused because of a clash (a number already used), not a missing value. */
  conflict: boolean;
}
const NO_PROBLEMS: Problems = { fields: new Map(), form: null, conflict: false };

function problemsOf(error: ApiError): Problems {
  const fields = errorsByField(error.fields);
  return { fields, form: fields.size === 0 ? error : null, conflict: error.code === 'conflict' };
}

export function DraftEditor({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  const app = useApiQuery('app.getState', {});
  const selfId = app.data?.connection?.agencyCode ?? null;
  const [form, setForm] = useState<DraftForm>(() => formFromMetadata(detail.metadata));
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  /** Bumped after a failure, to move focus to the first field in error. */
  const [failures, setFailures] = useState(0);
  const [saved, setSaved] = useState(false);
  const [picker, dispatch] = useReducer(pickerReducer, INITIAL_PICKER);
  const [recipientsMissing, setRecipientsMissing] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const save = useDocumentMutation('drafts.update', { inline: true });
  const send = useDocumentMutation('documents.send', {
    inline: true,
    onSuccess: (sent) => navigate({ area: 'outbox', documentId: sent.id }),
  });
  const busy = save.isPending || send.isPending;
  const changes = changedFields(form, detail.metadata);
  const dirty = hasChanges(changes);

  useEffect(() => {
    if (failures === 0) return;
    const invalid = document.querySelector<HTMLElement>('.draft-editor [aria-invalid="true"]');
    invalid?.focus();
  }, [failures]);

  function set<K extends keyof DraftForm>(name: K, value: DraftForm[K]) {
    setForm((current) => ({ ...current, [name]: value }));
    setSaved(false);
  }

  function fail(next: Problems) {
    setProblems(next);
    setFailures((count) => count + 1);
  }

  /** Saves what changed; true when there is nothing left unsaved. */
  async function saveChanges(): Promise<boolean> {
    if (form.subject.trim() === '') {
      fail({ fields: new Map([['subject', 'required']]), form: null, conflict: false });
      return false;
    }
    if (!dirty) return true;
    try {
      await save.mutateAsync({ id: detail.id, fields: changes });
      setProblems(NO_PROBLEMS);
      setSaved(true);
      return true;
    } catch (error) {
      fail(problemsOf(error as ApiError));
      return false;
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) void saveChanges();
  }

  /** Ctrl+S saves from anywhere in the form. */
  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (!busy) void saveChanges();
    }
  }

  async function sendDocument() {
    if (busy) return;
    setSaved(false);
    if (picker.chosen.length === 0) {
      setRecipientsMissing(true);
      searchRef.current?.focus();
      return;
    }
    setRecipientsMissing(false);
    if (!(await saveChanges())) return;
    try {
      await send.mutateAsync({ id: detail.id, recipients: picker.chosen.map((agency) => agency.id) });
    } catch (error) {
      fail(problemsOf(error as ApiError));
    }
  }

  const numberUsed = problems.conflict && problems.fields.has('codeNumber');
  const fieldError = (name: DraftField): string | null => {
    if (!problems.fields.has(name)) return null;
    return name === 'codeNumber' && numberUsed ? t('draft.error.codeNumber.used') : t(`draft.error.${name}`);
  };
  const fieldTitle = (name: string) => problems.fields.get(name);
  const otherProblems = [...problems.fields].filter(([name]) => !isDraftField(name) && name !== 'recipients' && name !== 'attachments' && name !== 'id');
  const recipientsError = recipientsMissing ? t('send.recipients.required') : problems.fields.has('recipients') ? t('send.recipients.invalid') : null;
  const conflict = problems.form?.code === 'conflict';
  /** Between "Trình ký" and the agency's signature the draft is with the signers: it cannot be sent yet. */
  const signing = detail.signingState !== 'none' && detail.signingState !== 'agency_signed';
  /** The main PDF (the first one): what the leader reviews and signs. */
  const mainPdf = detail.attachments.find((attachment) => attachment.contentType === 'application/pdf');
  const signingPreview = useSigningPreview(detail);

  const text = (name: Exclude<DraftField, 'dueDate' | 'priority'>, extra: { hint?: string; list?: string; required?: boolean } = {}) => (
    <Field label={t(LABEL[name])} hint={extra.hint} error={fieldError(name)} required={extra.required}>
      <input
        type="text"
        autoComplete="off"
        maxLength={MAX_LENGTH[name]}
        list={extra.list}
        title={fieldTitle(name)}
        value={form[name]}
        onChange={(event) => set(name, event.target.value)}
      />
    </Field>
  );

  return (
    <article className="document draft-editor" aria-labelledby="document-title">
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

      <form ref={formRef} className="document-section draft-form" onSubmit={submit} onKeyDown={onFormKeyDown} noValidate aria-labelledby="draft-form-heading">
        <h2 id="draft-form-heading">{t('draft.form.heading')}</h2>
        <div className="form-grid">
          <div className="span-2">{text('subject', { required: true })}</div>
          <div className="span-2">
            <Field label={t('draft.summary')} hint={t('common.optional')} error={fieldError('summary')}>
              <textarea rows={3} maxLength={MAX_LENGTH.summary} title={fieldTitle('summary')} value={form.summary} onChange={(event) => set('summary', event.target.value)} />
            </Field>
          </div>
          {text('codeNumber', { hint: t('draft.codeNumber.hint') })}
          {text('codeNotation', { hint: t('draft.codeNotation.hint') })}
          {text('typeName', { hint: t('draft.typeName.hint'), list: 'document-type-names' })}
          <Field label={t('draft.priority')} error={fieldError('priority')}>
            <select
              value={String(form.priority)}
              onChange={(event) => {
                const value = Number(event.target.value);
                if (isPriority(value)) set('priority', value);
              }}
            >
              {PRIORITIES.map((priority) => (
                <option key={priority} value={String(priority)}>
                  {t(priorityKey(priority))}
                </option>
              ))}
            </select>
          </Field>
          {text('signerCompetence', { hint: t('draft.signerCompetence.hint'), list: 'signer-competence-prefixes' })}
          {text('signerPosition')}
          {text('signerFullName')}
          {text('place')}
          <Field label={t('draft.dueDate')} hint={t('common.optional')} error={fieldError('dueDate')}>
            <input type="date" title={fieldTitle('dueDate')} value={form.dueDate} onChange={(event) => set('dueDate', event.target.value)} />
          </Field>
        </div>
        <datalist id="document-type-names">
          {DOCUMENT_TYPE_NAMES.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <datalist id="signer-competence-prefixes">
          {SIGNER_COMPETENCE_PREFIXES.map((prefix) => (
            <option key={prefix} value={prefix} />
          ))}
        </datalist>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !dirty}>
            {t('draft.save')}
          </button>
          <span aria-live="polite" className="form-status">
            {save.isPending ? (
              <span className="pending-text">{t('draft.saving')}</span>
            ) : saved && !dirty ? (
              <span className="success-text">{t('draft.saved')}</span>
            ) : dirty ? (
              <span className="muted">{t('draft.unsaved')}</span>
            ) : null}
          </span>
          <span className="field-hint">{t('draft.saveHint')}</span>
        </div>
      </form>

      <section className="document-section" aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">{t('attachments.title')}</h2>
        <AttachmentTable attachments={detail.attachments} />
        {detail.signingState === 'none' ? <AddAttachment documentId={detail.id} /> : null}
        {problems.fields.has('attachments') ? (
          <p className="field-error" role="alert" title={problems.fields.get('attachments')}>
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

      <SigningSection detail={detail} />

      {signing ? null : (
        <section className="document-section send-section" aria-labelledby="send-heading">
          <h2 id="send-heading">{t('send.heading')}</h2>
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
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void sendDocument()}>
              {t('send.button')}
            </button>
            {picker.chosen.length > 0 ? <span className="muted">{t('send.chosen.count', { count: picker.chosen.length })}</span> : null}
            <span aria-live="polite">{send.isPending ? <span className="pending-text">{t('send.pending')}</span> : null}</span>
          </div>
          {problems.fields.size > 0 && (send.error || save.error) ? (
            <div className="form-error" role="alert">
              <p>{t('send.fixFields')}</p>
              {otherProblems.length > 0 ? (
                <ul>
                  {otherProblems.map(([name, message]) => (
                    <li key={name}>{t('draft.error.other', { field: name, message })}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {problems.form ? (
            <p className="form-error" role="alert" title={problems.form.message}>
              {conflict ? t('draft.notDraft') : errorText(problems.form.code, lang)}
            </p>
          ) : null}
        </section>
      )}
    </article>
  );
}
