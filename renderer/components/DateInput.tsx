/**
 * A date field that reads and writes dd/MM/yyyy whatever the computer's or the browser's
 * language (a native <input type="date"> shows mm/dd/yyyy on an English Windows). Typing is
 * enough (typed-date.ts reads 4/12/2026, 04122026, 4/12/26); ↑/↓ step a day; Alt+↓ or F4, or the
 * button, open a calendar (react-day-picker: a grid with arrow keys, PageUp/PageDown for months,
 * Home/End for the week), Escape closes it. The value is yyyy-MM-dd, '' for none; a text that is
 * no date is shown as an error and leaves the value as it was.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { DayPicker } from 'react-day-picker';
import { enGB, vi } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import { useI18n } from '../i18n.js';
import { vietnamToday } from '../format.js';
import { usePopupFit } from './popup-fit.js';
import { addDays, hasFullYear, isoOfLocalDate, localDateOf, parseTypedDate, typedDateText } from './typed-date.js';

const FIRST_DAY = '1990-01-01';
const LAST_DAY = '2100-12-31';
const CALENDAR_HEIGHT = 360;

export interface DateInputProps {
  value: string;
  onChange(iso: string): void;
  min?: string;
  max?: string;
  id?: string;
  title?: string;
  required?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export function DateInput({ value, onChange, min = FIRST_DAY, max = LAST_DAY, id, title, required, 'aria-describedby': describedBy, 'aria-invalid': invalidFromForm }: DateInputProps) {
  const { t, lang } = useI18n();
  const ownId = useId();
  const errorId = `${ownId}-error`;
  const [text, setText] = useState(() => typedDateText(value));
  const [shownValue, setShownValue] = useState(value);
  const [problem, setProblem] = useState<'invalid' | 'range' | null>(null);
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState<Date>(() => localDateOf(value || vietnamToday()));
  const wrapper = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const popup = usePopupFit<HTMLDivElement>(input, open, CALENDAR_HEIGHT);

  // A new value from outside (a reset, the other end of a range): show it, unless the text already says it.
  if (value !== shownValue) {
    setShownValue(value);
    const typed = parseTypedDate(text);
    if (!(typed.kind === 'date' && typed.iso === value) && !(typed.kind === 'empty' && value === '')) {
      setText(typedDateText(value));
      setProblem(null);
    }
  }

  function commit(iso: string) {
    setText(typedDateText(iso));
    setProblem(null);
    if (iso !== value) onChange(iso);
  }

  /** What the text says, as the value; a problem to show when it is no date or out of range. */
  function read(next: string, final: boolean) {
    const typed = parseTypedDate(next);
    if (typed.kind === 'empty') {
      setProblem(null);
      if (value !== '') onChange('');
    } else if (typed.kind === 'date' && typed.iso >= min && typed.iso <= max && (final || hasFullYear(next))) {
      setProblem(null);
      if (typed.iso !== value) onChange(typed.iso);
      if (final) setText(typedDateText(typed.iso));
    } else if (final) {
      setProblem(typed.kind === 'date' ? 'range' : 'invalid');
    }
  }

  function openCalendar() {
    setMonth(localDateOf(value || vietnamToday()));
    setOpen(true);
  }

  function closeCalendar(focusInput: boolean) {
    setOpen(false);
    if (focusInput) input.current?.focus();
  }

  function pick(iso: string) {
    commit(iso);
    closeCalendar(true);
  }

  function onInputKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.altKey && event.key === 'ArrowDown') || event.key === 'F4') {
      event.preventDefault();
      openCalendar();
    } else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const next = value ? addDays(value, event.key === 'ArrowUp' ? 1 : -1) : vietnamToday();
      if (next >= min && next <= max) commit(next);
    } else if (event.key === 'Enter') {
      read(text, true);
    }
  }

  const errorText = problem === 'invalid' ? t('date.invalid') : problem === 'range' ? t('date.outOfRange', { from: typedDateText(min), to: typedDateText(max) }) : null;
  return (
    <div
      ref={wrapper}
      className="date-input"
      onBlur={(event) => {
        if (!wrapper.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <div className="date-input-box">
        <input
          ref={input}
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={10}
          placeholder={t('date.placeholder')}
          title={title}
          required={required}
          value={text}
          aria-invalid={invalidFromForm || problem !== null ? true : undefined}
          aria-describedby={[problem ? errorId : null, describedBy].filter(Boolean).join(' ') || undefined}
          onChange={(event) => {
            setText(event.target.value);
            read(event.target.value, false);
          }}
          onKeyDown={onInputKeyDown}
          onBlur={() => read(text, true)}
        />
        <button
          type="button"
          className="date-input-button"
          aria-label={t('date.openCalendar')}
          aria-haspopup="dialog"
          aria-expanded={open}
          onClick={() => (open ? closeCalendar(true) : openCalendar())}
        >
          <span aria-hidden="true">▦</span>
        </button>
      </div>
      {open ? (
        <div
          ref={popup}
          className="date-popup"
          role="dialog"
          aria-label={t('date.calendar')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              closeCalendar(true);
            }
          }}
        >
          <DayPicker
            mode="single"
            locale={lang === 'vi' ? vi : enGB}
            weekStartsOn={1}
            captionLayout="dropdown"
            autoFocus
            month={month}
            onMonthChange={setMonth}
            startMonth={localDateOf(min)}
            endMonth={localDateOf(max)}
            disabled={[{ before: localDateOf(min) }, { after: localDateOf(max) }]}
            today={localDateOf(vietnamToday())}
            selected={value ? localDateOf(value) : undefined}
            onSelect={(day) => (day ? pick(isoOfLocalDate(day)) : closeCalendar(true))}
          />
          <div className="date-popup-actions">
            <button type="button" className="button button-small" onClick={() => pick(vietnamToday())}>
              {t('date.today')}
            </button>
            <button type="button" className="button button-small" onClick={() => pick('')}>
              {t('date.clear')}
            </button>
          </div>
        </div>
      ) : null}
      {errorText ? (
        <p id={errorId} className="field-error" role="alert">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}
