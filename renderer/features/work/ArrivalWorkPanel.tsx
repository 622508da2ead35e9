/**
 * On a registered arrival still open, in standalone mode: its deadline (the default by urgency
 * until the person sets a day or a number of working days) and his instruction. Starting and
 * finishing are the handling buttons beside it ("Đang xử lý", "Hoàn thành"). docs/architecture.md,
 * "Điều hành in standalone mode".
 */
import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ArrivalWorkItem } from '../../../shared/api/arrival-work.js';
import { MAX_HANDLING_DAYS } from '../../../shared/domain/handling-deadline.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { useApiMutation } from '../../api/client.js';
import { apiQueryKey, methodKey } from '../../api/query-keys.js';
import { Field } from '../../components/Field.js';
import { parseTypedDate } from '../../components/typed-date.js';
import { useI18n } from '../../i18n.js';
import { useArrivalWorkOf } from './arrival-work.js';

export function ArrivalWorkPanel({ documentId }: { documentId: number }) {
  const work = useArrivalWorkOf(documentId);
  if (!work.data) return null;
  return <ArrivalWorkForm item={work.data} />;
}

type Problem = { field: 'date' | 'days'; text: string };

function ArrivalWorkForm({ item }: { item: ArrivalWorkItem }) {
  const { t } = useI18n();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(formatDayMonthYear(item.deadline));
  const [days, setDays] = useState('');
  const [instruction, setInstruction] = useState(item.instruction);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useApiMutation('work.save', {
    onSuccess: (result) => {
      queryClient.setQueryData(apiQueryKey('work.get', { documentId: result.documentId }), result);
      void queryClient.invalidateQueries({ queryKey: methodKey('work.list') });
      // The form shows what is stored: a number of working days becomes its day.
      setDate(formatDayMonthYear(result.deadline));
      setDays('');
      setSaved(result.deadline);
    },
  });

  function deadlineInput(): { date: string } | { workingDays: number } | Problem {
    if (days.trim() !== '') {
      const count = Number(days.trim());
      return Number.isInteger(count) && count >= 0 && count <= MAX_HANDLING_DAYS ? { workingDays: count } : { field: 'days', text: t('arrivalWork.badDays') };
    }
    const typed = parseTypedDate(date);
    if (typed.kind !== 'date') return { field: 'date', text: t('flow.assign.badDeadline') };
    if (typed.iso < item.registeredOn) return { field: 'date', text: t('arrivalWork.beforeRegistered', { date: formatDayMonthYear(item.registeredOn) }) };
    return { date: typed.iso };
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const deadline = deadlineInput();
    if ('field' in deadline) {
      setProblem(deadline);
      return;
    }
    setProblem(null);
    save.mutate({ documentId: item.documentId, deadline, instruction: instruction.trim() });
  }

  return (
    <section className="action-bar arrival-work" aria-labelledby={headingId}>
      <h2 id={headingId} className="action-bar-title">
        {t('arrivalWork.title')}
      </h2>
      <p>
        <strong>{t('arrivalWork.current', { date: formatDayMonthYear(item.deadline) })}</strong>
        {item.standing === 'overdue' ? <span className="badge badge-overdue">{t('work.overdue')}</span> : null}
        {item.standing === 'due_soon' ? <span className="badge badge-due-soon">{t('work.dueSoon')}</span> : null}
      </p>
      {item.defaultDeadline ? <p className="muted">{t('arrivalWork.byDefault')}</p> : null}
      <form onSubmit={submit} noValidate>
        <div className="arrival-work-fields">
          <Field label={t('arrivalWork.date')} error={problem?.field === 'date' ? problem.text : undefined}>
            <input type="text" inputMode="numeric" placeholder={t('flow.dateFormat')} value={date} onChange={(event) => setDate(event.target.value)} />
          </Field>
          <Field label={t('arrivalWork.days')} hint={t('arrivalWork.days.hint')} error={problem?.field === 'days' ? problem.text : undefined}>
            <input type="text" inputMode="numeric" value={days} onChange={(event) => setDays(event.target.value)} />
          </Field>
        </div>
        <Field label={t('arrivalWork.instruction')}>
          <textarea rows={3} maxLength={2000} value={instruction} onChange={(event) => setInstruction(event.target.value)} />
        </Field>
        <div className="action-buttons">
          <button type="submit" className="button" disabled={save.isPending}>
            {t('arrivalWork.save')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {save.isPending ? <p className="pending-text">{t('dialog.pending')}</p> : saved ? <p className="success-text">{t('arrivalWork.saved', { date: formatDayMonthYear(saved) })}</p> : null}
      </div>
    </section>
  );
}
