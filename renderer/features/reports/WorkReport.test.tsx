// @vitest-environment jsdom
/**
 * "Xử lý công việc" over a scripted core: the units with their figures, a unit opening onto its
 * people, the total and the presentation rule; the export asked of the core with the period; the
 * agency server out of reach said plainly, with a retry.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import type { WorkFigures, WorkReport } from '../../../shared/hub/work-report.js';
import { messages } from '../../../shared/i18n/messages.js';
import { vietnamToday } from '../../format.js';
import { createQueryClient } from '../../api/client.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { WorkReportSection } from './WorkReport.js';

const figures = (assigned: number, doneOnTime: number, doneLate: number, open: number, openOverdue: number, averageWorkingDays: number | null): WorkFigures => ({
  assigned,
  doneOnTime,
  doneLate,
  open,
  openOverdue,
  closed: 0,
  onTimeRate: doneOnTime + doneLate === 0 ? null : doneOnTime / (doneOnTime + doneLate),
  averageWorkingDays,
});

const today = vietnamToday();
const REPORT: WorkReport = {
  from: `${today.slice(0, 7)}-01`,
  to: today,
  day: '2026-11-30',
  scope: 'all',
  units: [
    {
      unitId: 2,
      code: 'TH',
      name: 'Phòng Tổng hợp',
      ...figures(3, 1, 1, 1, 1, 1.5),
      people: [
        { userId: 5, name: 'Lê Thị Hoa', ...figures(1, 0, 1, 0, 0, 1) },
        { userId: 7, name: 'Trần Văn Nam', ...figures(2, 1, 0, 1, 1, 2) },
      ],
    },
    { unitId: 3, code: 'KT', name: 'Phòng Kế toán', ...figures(0, 0, 0, 0, 0, null), people: [] },
  ],
  total: figures(3, 1, 1, 1, 1, 1.5),
  presentation: { normal: { registered: 4, onTime: 2, late: 1, waiting: 1 }, urgent: { registered: 1, onTime: 1, late: 0, waiting: 0 }, urgentHours: 2 },
};

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('WorkReportSection', () => {
  it('lists the units with their figures, opens a unit onto its people, shows the total and the presentation rule, and exports the period', async () => {
    const { api, calls } = scriptedCore({
      'hub.workReport': () => REPORT,
      'hub.exportWorkReport': ({ format }) => ({ url: 'blob:x', fileName: `bao-cao.${format}`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 10 }) as never,
      'policy.get': () => ({ policy: {}, problems: [] }),
    });
    renderOverCore(api, <WorkReportSection />);
    const table = await screen.findByRole('table', { name: messages['reports.work.title'].vi });
    expect(calls.find((call) => call.method === 'hub.workReport')!.input).toEqual({ from: REPORT.from, to: REPORT.to });
    expect(screen.getByText(/Toàn cơ quan\. .*30\/11\/2026/)).toBeDefined();

    const unitRow = (name: string) => within(table).getByRole('rowheader', { name: new RegExp(name) }).closest('tr')!;
    expect(cells(unitRow('Phòng Tổng hợp'))).toEqual(['3', '1', '1', '1', '1', '0', '50', '1,5']);
    expect(cells(unitRow('Phòng Kế toán'))).toEqual(['0', '0', '0', '0', '0', '0', '—', '—']);
    expect(within(table).queryByText('Trần Văn Nam')).toBeNull();

    const toggle = within(table).getByRole('button', { name: messages['reports.work.showPeople'].vi.replace('{unit}', 'Phòng Tổng hợp') });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    // A unit without anyone's work has nothing to open.
    expect(within(table).getAllByRole('button')).toHaveLength(1);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(cells(unitRow('Trần Văn Nam'))).toEqual(['2', '1', '0', '1', '1', '0', '100', '2']);
    expect(cells(unitRow('Lê Thị Hoa'))).toEqual(['1', '0', '1', '0', '0', '0', '0', '1']);
    expect(cells(unitRow(messages['reports.work.total'].vi))).toEqual(['3', '1', '1', '1', '1', '0', '50', '1,5']);
    fireEvent.click(toggle);
    expect(within(table).queryByText('Trần Văn Nam')).toBeNull();

    const presentation = screen.getByRole('table', { name: messages['reports.work.presentation.title'].vi });
    expect(cells(within(presentation).getByRole('rowheader', { name: messages['reports.work.presentation.urgent'].vi }).closest('tr')!)).toEqual(['1', '1', '0', '0']);
    expect(screen.getByText(messages['reports.work.presentation.rule'].vi.replace('{hours}', '2'))).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: messages['registers.exportXlsx'].vi }));
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.exportWorkReport')?.input).toEqual({ from: REPORT.from, to: REPORT.to, format: 'xlsx' }));
  });

  it('says plainly that the agency server cannot be reached, and tries again', async () => {
    let reachable = false;
    const { api, calls } = scriptedCore({
      'hub.workReport': () => {
        if (!reachable) throw new ApiError('unavailable', 'GET /api/reports/work: fetch failed', { hub: 'offline' });
        return { ...REPORT, scope: 'self', presentation: null };
      },
      'policy.get': () => ({ policy: {}, problems: [] }),
    });
    // The app tries an unavailable core call again twice, a second or two apart: here once is enough.
    const queryClient = createQueryClient(() => undefined);
    queryClient.setQueryDefaults(['hub.workReport'], { retry: false });
    renderOverCore(api, <WorkReportSection />, queryClient);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(messages['reports.work.offline'].vi);
    expect(within(alert).getByText('GET /api/reports/work: fetch failed')).toBeDefined();
    reachable = true;
    fireEvent.click(within(alert).getByRole('button', { name: messages['common.retry'].vi }));
    expect(await screen.findByText(/Chỉ việc được giao cho bạn\./)).toBeDefined();
    expect(screen.queryByRole('table', { name: messages['reports.work.presentation.title'].vi })).toBeNull();
    expect(calls.filter((call) => call.method === 'hub.workReport').length).toBeGreaterThan(1);
  });
});
