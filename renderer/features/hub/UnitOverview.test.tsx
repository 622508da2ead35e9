// @vitest-environment jsdom
/**
 * A leader's overview of the work per unit in "Việc của tôi", over a scripted core: the server's
 * counts, the units with overdue work first; a unit's work opened from the keyboard, each row
 * opening its document with its deadline in dd/MM/yyyy and overdue marked; offline, it says the
 * figures need the server; nothing for one who leads no unit.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitWorkItem } from '../../../shared/api/hub-link.js';
import { ApiError } from '../../../shared/api/errors.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { UnitOverview } from './UnitOverview.js';

const unit = (unitId: number, name: string, overdue: number, mostWorkingDaysLate: number) => ({ unitId, code: `U${unitId}`, name, overdue, dueSoon: 1, onTrack: 2, noDeadline: 0, mostWorkingDaysLate });

const work = (documentId: number, deadline: string, standing: UnitWorkItem['standing'], workingDaysLate = 0): UnitWorkItem => ({
  documentId,
  subject: `Công văn ${documentId}`,
  priority: 0,
  arrivalNumber: documentId,
  item: { id: documentId, parentId: null, role: 'lead', unitId: null, userId: 7, assignedBy: 1, note: '', deadline, state: 'open', createdAt: '2026-12-01T01:00:00.000Z', startedAt: null, endedAt: null },
  standing,
  workingDaysLate,
});

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('UnitOverview', () => {
  it("lists the units' counts, overdue first, and opens a unit's work from the keyboard", async () => {
    const { api, calls } = scriptedCore({
      'hub.overdueOverview': () => ({ day: '2026-12-07', units: [unit(1, 'Văn phòng', 0, 0), unit(2, 'Phòng Tổng hợp', 3, 4)] }),
      'hub.unitWork': ({ unitId }) => (unitId === 2 ? [work(5, '2026-12-01', 'overdue', 4), work(6, '2026-12-08', 'due_soon')] : []),
      'hub.directory': () => ({ units: [], users: [{ id: 7, username: 'chuyenvien', displayName: 'Phạm Chuyên Viên', unitId: 2, roles: ['specialist'] }] }),
    });
    renderOverCore(api, <UnitOverview />);
    const table = await screen.findByRole('table', { name: messages['work.overview.title'].vi });
    expect(screen.getByText(messages['work.overview.asOf'].vi.replace('{date}', '07/12/2026'))).toBeDefined();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual(['3', '0']);
    expect(within(rows[0]!).getByText(messages['work.overview.days'].vi.replace('{days}', '4'))).toBeDefined();

    // Tab to the unit's button, Enter: its work opens below, from this desk's copy.
    const user = userEvent.setup();
    const show = messages['work.overview.show'].vi.replace('{unit}', 'Phòng Tổng hợp');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: show }));
    await user.keyboard('{Enter}');
    const drill = await screen.findByRole('table', { name: messages['work.overview.unitWork'].vi.replace('{unit}', 'Phòng Tổng hợp') });
    expect(calls.filter((call) => call.method === 'hub.unitWork').map((call) => call.input)).toEqual([{ unitId: 2 }]);
    const [late, soon] = within(drill).getAllByRole('row').slice(1);
    expect(within(late!).getByRole('link').getAttribute('href')).toBe('#/inbox/5');
    expect(late!.textContent).toContain('01/12/2026');
    expect(within(late!).getByText(messages['work.overdue'].vi, { exact: false })).toBeDefined();
    expect(await within(late!).findByText('Phạm Chuyên Viên')).toBeDefined();
    expect(within(soon!).getByText(messages['work.dueSoon'].vi, { exact: false })).toBeDefined();
    expect(screen.getByRole('button', { name: messages['work.overview.hide'].vi.replace('{unit}', 'Phòng Tổng hợp') }).getAttribute('aria-expanded')).toBe('true');
  });

  it('says the figures need the server when it is out of reach', async () => {
    const { api } = scriptedCore({
      'hub.overdueOverview': () => {
        throw new ApiError('unavailable', 'offline');
      },
    });
    renderOverCore(api, <UnitOverview />);
    // After the client's own retries of an unavailable core (renderer/api/client.ts).
    expect(await screen.findByText(messages['work.overview.offline'].vi, {}, { timeout: 10_000 })).toBeDefined();
  });

  it('shows nothing to one who leads no unit', async () => {
    const { api, calls } = scriptedCore({ 'hub.overdueOverview': () => null });
    const { container } = renderOverCore(api, <UnitOverview />);
    await expect.poll(() => calls.length).toBe(1);
    expect(container.textContent).toBe('');
  });
});
