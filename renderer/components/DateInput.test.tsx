// @vitest-environment jsdom
/**
 * The date field in a DOM: day first in both languages, typed or picked on the calendar with
 * the keyboard alone, and a text that is no date reported, never taken month first.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../shared/i18n/messages.js';
import { LanguageProvider } from '../i18n.js';
import { DateInput } from './DateInput.js';

const changes: string[] = [];

function Harness({ initial, min, max }: { initial: string; min?: string; max?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <label htmlFor="due">Due</label>
      <DateInput
        id="due"
        value={value}
        min={min}
        max={max}
        onChange={(next) => {
          changes.push(next);
          setValue(next);
        }}
      />
      <output data-testid="value">{value}</output>
    </>
  );
}

function renderField(initial: string, options: { lang?: Lang; min?: string; max?: string } = {}) {
  window.localStorage.setItem('vanthu.lang', options.lang ?? 'vi');
  render(
    <LanguageProvider>
      <Harness initial={initial} min={options.min} max={options.max} />
    </LanguageProvider>,
  );
  return { input: screen.getByLabelText('Due') as HTMLInputElement, value: () => screen.getByTestId('value').textContent };
}

beforeEach(() => {
  changes.length = 0;
});
afterEach(cleanup);

describe('DateInput', () => {
  it('shows the value day first in Vietnamese and in English', () => {
    expect(renderField('2026-12-04').input.value).toBe('04/12/2026');
    cleanup();
    expect(renderField('2026-12-04', { lang: 'en' }).input.value).toBe('04/12/2026');
  });

  it('takes a typed day/month/year and writes it back in full when the field is left', async () => {
    const user = userEvent.setup();
    const { input, value } = renderField('');
    await user.type(input, '4/12/2026');
    expect(value()).toBe('2026-12-04');
    await user.tab();
    expect(input.value).toBe('04/12/2026');
    expect(changes).toEqual(['2026-12-04']);
  });

  it('reports a month-first date as an error and keeps the value it had', async () => {
    const user = userEvent.setup();
    const { input, value } = renderField('2026-01-15');
    await user.tripleClick(input);
    await user.keyboard('12/31/2026');
    await user.tab();
    expect(screen.getByRole('alert').textContent).toMatch(/Ngày không hợp lệ/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.value).toBe('12/31/2026');
    expect(value()).toBe('2026-01-15');
    expect(changes).toEqual([]);
  });

  it('refuses a day out of range', async () => {
    const user = userEvent.setup();
    const { input, value } = renderField('', { min: '2026-01-01', max: '2026-12-31' });
    await user.type(input, '01/01/2027');
    await user.tab();
    expect(screen.getByRole('alert').textContent).toBe('Hãy chọn một ngày từ 01/01/2026 đến 31/12/2026.');
    expect(value()).toBe('');
  });

  it('steps a day with ↑ and ↓', async () => {
    const user = userEvent.setup();
    const { input, value } = renderField('2026-12-31');
    await user.click(input);
    await user.keyboard('{ArrowUp}');
    expect(value()).toBe('2027-01-01');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(input.value).toBe('30/12/2026');
  });

  it('picks a day on the calendar with the keyboard alone: Alt+↓ opens it, arrows move, Enter takes the day', async () => {
    const user = userEvent.setup();
    const { input, value } = renderField('2026-12-04');
    await user.click(input);
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    const calendar = screen.getByRole('dialog', { name: 'Lịch' });
    // The calendar opens on the field's day, focused.
    expect(document.activeElement?.closest('[role="dialog"]')).toBe(calendar);
    expect(document.activeElement?.textContent).toBe('4');
    await user.keyboard('{ArrowRight}{ArrowDown}{Enter}');
    expect(value()).toBe('2026-12-12');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('12/12/2026');
  });

  it('closes the calendar with Escape, leaving the value', async () => {
    const user = userEvent.setup();
    const { input, value } = renderField('2026-12-04');
    await user.click(screen.getByRole('button', { name: 'Chọn ngày trên lịch' }));
    expect(screen.getByRole('dialog', { name: 'Lịch' })).toBeTruthy();
    await user.keyboard('{ArrowRight}{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(input);
    expect(value()).toBe('2026-12-04');
  });
});
