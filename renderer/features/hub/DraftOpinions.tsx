/**
 * A reply drafted from an arrival's work, at a desk in agency mode: the arrival it answers (a link)
 * and the co-operating units' opinions on it (ý kiến phối hợp), from the draft's timeline in the
 * replica, so offline too; while it is a draft, the form to give one (`draft.comment`, queued for
 * the server, which decides who may). docs/architecture.md, "The desk in agency mode".
 */
import { useId, useState, type FormEvent } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { MAX_DRAFT_COMMENT } from '../../../shared/hub/workflow.js';
import { Field } from '../../components/Field.js';
import { documentLabel, formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { documentHref } from '../../router.js';
import { commandOn, isPending, useHubCommands, useQueueCommand } from './agency-desk.js';
import { CommandNotice } from './CommandNotice.js';
import { useDocumentWork } from './work-desk.js';

export function DraftOpinions({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const work = useDocumentWork(detail.id);
  // A replica's copy written before replies existed has no `answers`: it answers nothing.
  const answers = detail.answers ?? null;
  if (answers === null) return null;
  const opinions = (work.data?.steps ?? []).filter((step) => step.kind === 'comment');
  return (
    <section className="document-section work-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('flow.opinions.title')}</h2>
      <p>
        <a href={documentHref('incoming', answers.id)}>{t('answers', { document: documentLabel(answers) })}</a>
      </p>
      {opinions.length === 0 ? (
        <p className="muted">{t('flow.opinions.empty')}</p>
      ) : (
        <ol className="work-timeline">
          {opinions.map((step) => (
            <li key={step.id}>
              <span className="work-when">{formatDateTime(step.at, lang)}</span> <strong>{step.actorName}</strong>
              <p className="work-note">{step.text}</p>
            </li>
          ))}
        </ol>
      )}
      {detail.direction === 'draft' ? <OpinionForm documentId={detail.id} /> : null}
    </section>
  );
}

function OpinionForm({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const commands = useHubCommands();
  const latest = commandOn(commands.data, documentId, ['draft.comment']);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const waiting = queue.isPending || (latest !== null && isPending(latest));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (waiting) return;
    setMissing(text.trim() === '');
    if (text.trim() === '') return;
    queue.mutate({ kind: 'draft.comment', payload: { documentId, text: text.trim() } }, { onSuccess: () => setText('') });
  }

  return (
    <form className="work-form" onSubmit={submit} noValidate aria-label={t('flow.opinions.form')}>
      <Field label={t('flow.opinions.text')} error={missing ? t('flow.opinions.missing') : null}>
        <textarea rows={3} maxLength={MAX_DRAFT_COMMENT} value={text} onChange={(event) => setText(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={waiting}>
          {t('flow.opinions.submit')}
        </button>
      </div>
      <div aria-live="polite">{latest ? <CommandNotice item={latest} /> : null}</div>
    </form>
  );
}
