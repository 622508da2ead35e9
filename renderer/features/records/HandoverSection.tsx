/**
 * "Nộp lưu": closed dossiers waiting for the archive (the due ones first), packed and signed with
 * the agency's token into the handover package; each handover's package, its signatures' verdict,
 * and the archive's receipt once recorded.
 */
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Handover } from '../../../shared/api/records.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { Field } from '../../components/Field.js';
import { saveLink } from '../../components/open-blob.js';
import { formatDateTime, vietnamToday } from '../../format.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { DateInput } from '../../components/DateInput.js';
import { useI18n } from '../../i18n.js';
import { TokenPinForm } from '../signing/TokenPinForm.js';

export function HandoverSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const awaiting = useApiQuery('dossiers.awaitingHandover', {});
  const handovers = useApiQuery('handover.list', {});
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [saved, setSaved] = useState<string | null>(null);
  const refresh = () => {
    for (const method of ['dossiers.awaitingHandover', 'handover.list', 'dossiers.list'] as const) void queryClient.invalidateQueries({ queryKey: methodKey(method) });
  };
  const exporter = useApiMutation('handover.export', {
    meta: { inlineErrors: true },
    onSuccess: ({ file }) => {
      saveLink(file);
      setSaved(file.fileName);
      setChosen(new Set());
      refresh();
    },
  });
  const dossiers = awaiting.data ?? [];
  const toggle = (id: number, on: boolean) => setChosen((current) => new Set([...current].filter((entry) => entry !== id).concat(on ? [id] : [])));

  return (
    <section className="document-section handover-section" aria-labelledby="handover-heading">
      <h2 id="handover-heading">{t('handover.heading')}</h2>
      {dossiers.length === 0 ? (
        <p className="muted">{t('handover.awaiting.none')}</p>
      ) : (
        <fieldset className="handover-choice">
          <legend>{t('handover.awaiting.legend')}</legend>
          {dossiers.map((dossier) => (
            <label key={dossier.id} className="checkbox">
              <input type="checkbox" checked={chosen.has(dossier.id)} onChange={(event) => toggle(dossier.id, event.target.checked)} />
              {t('handover.choose', { code: dossier.code, title: dossier.title, due: dossier.handoverDue ? formatDayMonthYear(dossier.handoverDue) : '' })}
              {dossier.handoverDueSoon ? <strong className="attention-text"> {t('dossiers.dueSoon')}</strong> : null}
            </label>
          ))}
        </fieldset>
      )}
      {dossiers.length > 0 ? (
        <TokenPinForm
          heading={t('handover.sign.heading')}
          headingId="handover-sign-heading"
          button={t('handover.sign.button')}
          kind="organization"
          pending={exporter.isPending}
          error={exporter.error}
          disabled={chosen.size === 0}
          onSign={(choice) => {
            setSaved(null);
            exporter.mutate({ dossiers: [...chosen], ...choice });
          }}
        />
      ) : null}
      {saved ? (
        <p className="success-text" role="status">
          {t('handover.done', { name: saved })}
        </p>
      ) : null}
      <h3>{t('handover.list.heading')}</h3>
      {(handovers.data ?? []).length === 0 ? <p className="muted">{t('handover.list.none')}</p> : null}
      <ul>
        {(handovers.data ?? []).map((handover) => (
          <HandoverItem key={handover.id} handover={handover} onChanged={refresh} />
        ))}
      </ul>
    </section>
  );
}

function HandoverItem({ handover, onChanged }: { handover: Handover; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [receivedOn, setReceivedOn] = useState(vietnamToday());
  const [receivedBy, setReceivedBy] = useState('');
  const [note, setNote] = useState('');
  const read = useApiMutation('handover.read', { onSuccess: (file) => saveLink(file) });
  const receipt = useApiMutation('handover.recordReceipt', { meta: { inlineErrors: true }, onSuccess: onChanged });
  const valid = handover.verdicts.filter((verdict) => verdict.indication === 'TOTAL_PASSED').length;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    receipt.mutate({ id: handover.id, receivedOn, receivedBy: receivedBy.trim(), note: note.trim() });
  }

  return (
    <li className="handover-item">
      <p>
        {t('handover.row', { name: handover.fileName, count: handover.dossierIds.length, time: formatDateTime(handover.createdAt, lang) })}{' '}
        <button type="button" className="button button-small" onClick={() => read.mutate({ id: handover.id })}>
          {t('handover.download', { name: handover.fileName })}
        </button>
      </p>
      <p className={valid === handover.verdicts.length ? 'muted' : 'attention-text'}>{t('handover.verdicts', { valid, total: handover.verdicts.length })}</p>
      {handover.receivedAt ? (
        <p className="success-text">{t('handover.received', { date: formatDayMonthYear(handover.receivedAt), by: handover.receivedBy ?? '' })}</p>
      ) : (
        <form onSubmit={submit} aria-label={t('handover.receipt.heading', { name: handover.fileName })} className="form-grid">
          <Field label={t('handover.receipt.date')} required>
            <DateInput value={receivedOn} onChange={setReceivedOn} />
          </Field>
          <Field label={t('handover.receipt.by')} required>
            <input value={receivedBy} maxLength={200} required onChange={(event) => setReceivedBy(event.target.value)} />
          </Field>
          <Field label={t('handover.receipt.note')}>
            <input value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" disabled={receipt.isPending || receivedOn === '' || receivedBy.trim() === ''}>
              {t('handover.receipt.submit')}
            </button>
            {receipt.error ? (
              <p className="form-error" role="alert" title={receipt.error.message}>
                {errorText(receipt.error.code, lang)}
              </p>
            ) : null}
          </div>
        </form>
      )}
    </li>
  );
}
