// @vitest-environment jsdom
/**
 * The navigation's badge on "Việc của tôi" at a desk in agency mode, over a scripted core: the
 * count of open work, or, while deadline notices are unread, their count marked for attention,
 * with words a screen reader reads for both. In standalone mode, "Việc của tôi" lists the open
 * arrivals with their deadlines and asks the core for the reminders due.
 */
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/contract.js';
import type { DeskNotice, DeskNotices, HubLinkStatus } from '../../../shared/api/hub-link.js';
import type { AppState } from '../../../shared/api/state.js';
import { messages } from '../../../shared/i18n/messages.js';
import type { MyWorkItem } from '../../../shared/hub/workflow.js';
import type { ArrivalWorkItem } from '../../../shared/api/arrival-work.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { createToastStore, ToastProvider, ToastRegion } from '../../components/toasts.js';
import { MainWindow } from './MainWindow.js';

const status: HubLinkStatus = {
  hubUrl: 'https://hub.example',
  user: { id: 7, username: 'chuyenvien', displayName: 'Chuyên viên', unitId: 2, roles: ['specialist'] },
  phase: 'online',
  behind: null,
  behindAtLeast: false,
  snapshotDocuments: null,
  queued: 0,
  refused: 0,
  lastContactAt: null,
  nextAttemptAt: null,
  detail: null,
};

const item = (documentId: number): MyWorkItem => ({
  documentId,
  subject: `Công văn ${documentId}`,
  priority: 0,
  arrivalNumber: null,
  item: { id: documentId, parentId: null, role: 'lead', unitId: null, userId: 7, assignedBy: 1, note: '', deadline: null, state: 'open', createdAt: '2026-12-01T01:00:00.000Z', startedAt: null, endedAt: null },
});

function desk(notices: DeskNotices) {
  return scriptedCore({
    'hub.getStatus': () => status,
    'hub.myWork': () => ({ items: [item(1), item(2), item(3)], toPresent: [], extensionsAsked: [], extensionsToDecide: [], toSign: [] }),
    'hub.notices': () => notices,
    'hub.commands': () => [],
    'hub.directory': () => ({ units: [], users: [] }),
    'documents.inboxCounts': () => ({ waiting: 0, requests: 0 }) as never,
    'documents.list': () => ({ rows: [], total: 0 }) as never,
    'sync.getStatus': () => null as never,
  }).api;
}

const state = { phase: 'ready', connection: null, shell: 'browser', version: '0', dataDir: '/tmp' } as unknown as AppState;

/** The main window as the app shows it, with its notification area. */
const window_ = () => (
  <ToastProvider store={createToastStore()}>
    <MainWindow state={state} />
    <ToastRegion />
  </ToastProvider>
);

const workLink = () => screen.getByRole('link', { name: new RegExp(`^${messages['nav.work'].vi}`) });

beforeEach(() => {
  // jsdom has no media queries nor scrolling: a narrow window (no reading pane), as a browser would answer.
  Element.prototype.scrollTo = () => undefined;
  window.matchMedia = (query: string) => ({ matches: false, media: query, onchange: null, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false });
  window.localStorage.setItem('vanthu.lang', 'vi');
  window.location.hash = '#/work';
});
afterEach(cleanup);

describe('the badge on "Việc của tôi"', () => {
  it('counts the unread deadline notices, marked, while there are any', async () => {
    const digest = { key: 'digest:7:2026-12-02', day: '2026-12-02', read: false, kind: 'digest' as const, digest: { day: '2026-12-02', open: 3, overdue: 1, dueToday: 0, dueSoon: 0, awaiting: 0 } };
    renderOverCore(desk({ unread: 2, notices: [digest, { ...digest, key: 'digest:7:2026-12-01', day: '2026-12-01' }] }), window_());
    const badge = await within(await screen.findByRole('navigation')).findByText('2');
    expect(badge.className).toContain('nav-count-attention');
    expect(workLink().contains(badge)).toBe(true);
    expect(await screen.findByText(messages['nav.count.workUnread'].vi.replace('{unread}', '2').replace('{count}', '3'))).toBeDefined();
  });

  it('counts the open work when every notice is read', async () => {
    renderOverCore(desk({ unread: 0, notices: [] }), window_());
    const badge = await within(await screen.findByRole('navigation')).findByText('3');
    expect(badge.className).not.toContain('nav-count-attention');
    expect(workLink().contains(badge)).toBe(true);
    expect(await screen.findByText(messages['nav.count.work'].vi.replace('{count}', '3'))).toBeDefined();
  });
});

describe('deadline notices as they come', () => {
  it('shows a reminder the feed brought in the notification area, linking to its document', async () => {
    const api = desk({ unread: 0, notices: [] });
    const listeners: ((event: ApiEvent) => void)[] = [];
    api.subscribe = (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    };
    renderOverCore(api, window_());
    // Agency mode known (its "Việc của tôi" shown): the notifier listens.
    await screen.findByRole('link', { name: new RegExp(`^${messages['nav.work'].vi}`) });
    const reminder: DeskNotice = {
      key: 'reminder:3',
      day: '2026-12-02',
      read: false,
      kind: 'reminder',
      documentSubject: 'Công văn về báo cáo quý',
      reminder: { id: 3, kind: 'due_soon', itemId: 9, documentId: 41, deadline: '2026-12-03', day: '2026-12-02', workingDaysLate: 0, own: true },
    };
    act(() => listeners.forEach((listener) => listener({ type: 'hub.notices', arrived: [reminder] })));
    const toast = await screen.findByText('Sắp đến hạn (03/12/2026): Công văn về báo cáo quý');
    const region = screen.getByRole('region', { name: messages['toast.region'].vi });
    expect(region.contains(toast)).toBe(true);
    expect(within(region).getByRole('link', { name: messages['notice.open'].vi }).getAttribute('href')).toBe('#/inbox/41');
  });
});

describe('"Việc của tôi" in standalone mode', () => {
  const arrival = (documentId: number, fields: Partial<ArrivalWorkItem>): ArrivalWorkItem => ({
    documentId,
    subject: `Công văn đến ${documentId}`,
    senderName: 'UBND huyện Tân Lập',
    codeNumber: '12',
    codeNotation: 'UBND-VP',
    arrivalNumber: documentId,
    priority: 0,
    state: 'accepted',
    registeredOn: '2026-11-20',
    deadline: '2026-12-04',
    defaultDeadline: true,
    instruction: '',
    standing: 'on_track',
    workingDaysLate: 0,
    ...fields,
  });

  it('lists the open arrivals with their deadlines dd/MM/yyyy, overdue marked, counts them, and asks for the reminders due', async () => {
    const core = scriptedCore({
      'hub.getStatus': () => null,
      'work.list': () => [
        arrival(4, { deadline: '2026-11-26', standing: 'overdue', workingDaysLate: 1, defaultDeadline: false, instruction: 'Báo cáo trước hạn', state: 'processing' }),
        arrival(5, {}),
      ],
      'work.remind': () => ({ reminded: 0 }),
      'documents.inboxCounts': () => ({ waiting: 0, requests: 0 }) as never,
      'documents.list': () => ({ rows: [], total: 0 }) as never,
      'sync.getStatus': () => null as never,
      'quarantine.list': () => [],
    });
    renderOverCore(core.api, window_());
    const table = await screen.findByRole('table', { name: messages['work.title'].vi });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/Công văn đến 4.*26\/11\/2026Quá hạn.*Đang xử lý.*Báo cáo trước hạn/),
      expect.stringMatching(/Công văn đến 5.*04\/12\/2026 \(mặc định\).*Đã tiếp nhận/),
    ]);
    expect(rows[0]!.className).toContain('row-overdue');
    expect(within(rows[0]!).getByRole('link', { name: 'Công văn đến 4' }).getAttribute('href')).toBe('#/inbox/4');
    const badge = await within(screen.getByRole('navigation')).findByText('2');
    expect(badge.className).toContain('nav-count-attention');
    expect(workLink().contains(badge)).toBe(true);
    expect(core.calls.some((call) => call.method === 'work.remind')).toBe(true);
  });
});
