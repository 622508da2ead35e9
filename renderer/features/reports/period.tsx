/** The period of a report: two days, "from" not after "to", both included. */
import { useState } from 'react';
import { DateInput } from '../../components/DateInput.js';
import { Field } from '../../components/Field.js';
import { vietnamToday } from '../../format.js';
import { useI18n } from '../../i18n.js';

export interface Period {
  from: string;
  to: string;
}

export interface PeriodState {
  from: string;
  to: string;
  setFrom(day: string): void;
  setTo(day: string): void;
  /** null while the two days do not make a period. */
  period: Period | null;
}

/** From the day `firstDay` gives for today (e.g. the month's first) to today. */
export function usePeriod(firstDay: (today: string) => string): PeriodState {
  const [today] = useState(vietnamToday);
  const [from, setFrom] = useState(() => firstDay(today));
  const [to, setTo] = useState(today);
  return { from, to, setFrom, setTo, period: from && to && from <= to ? { from, to } : null };
}

export function PeriodFields({ state }: { state: PeriodState }) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('reports.from')}>
        <DateInput value={state.from} max={state.to || undefined} onChange={state.setFrom} />
      </Field>
      <Field label={t('reports.to')}>
        <DateInput value={state.to} min={state.from || undefined} onChange={state.setTo} />
      </Field>
    </>
  );
}
