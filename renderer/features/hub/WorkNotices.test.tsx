// @vitest-environment jsdom
/**
 * The person's deadline notices in "Việc của tôi", over a scripted core: newest first in the
 * core's order, in plain words with dates in dd/MM/yyyy, the unread ones marked; a reminder opens
 * its document; "Đã đọc" marks one, "Đánh dấu đã đọc tất cả" every one.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskNotice } from '../../../shared/api/hub-link.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { WorkNotices } from './WorkNotices.js';

const reminder: DeskNotice = {
  key: 'reminder:3',
  day: '2026-12-02',
  read: false,
  kind: 'reminder',
  documentSubject: 'Công văn về báo cáo quý',
  reminder: { id: 3, kind: 'overdue', itemId: 9, documentId: 41, deadline: '2026-12-01', day: '2026-12-02', workingDaysLate: 1, own: true },
};
const digest: DeskNotice = { key: 'digest:7:2026-12-02', day: '2026-12-02', read: true, kind: 'digest', digest: { day: '2026-12-02', open: 3, overdue: 1, dueToday: 1, dueSoon: 0, awaiting: 1 } };

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('WorkNotices', () => {
  it('lists the reminders and digests, the unread marked, and marks them read', async () => {
    let unread = 1;
    const { api, calls } = scriptedCore({
      'hub.notices': () => ({ unread, notices: [{ ...reminder, read: unread === 0 }, digest] }),
      'hub.readNotices': () => {
        unread = 0;
        return { unread };
      },
    });
    renderOverCore(api, <WorkNotices />);
    const list = await screen.findByRole('list', { name: messages['work.notices.title'].vi });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(within(first!).getByRole('link').textContent).toBe('Quá hạn 1 ngày làm việc (hạn 01/12/2026): Công văn về báo cáo quý');
    expect(within(first!).getByRole('link').getAttribute('href')).toBe('#/inbox/41');
    expect(within(first!).getByText(messages['work.notices.unread'].vi)).toBeDefined();
    expect(within(second!).getByRole('link').textContent).toBe(
      'Việc ngày 02/12/2026: 1 quá hạn, 1 đến hạn hôm nay, 0 sắp đến hạn (trong 3 ngày làm việc), 1 chờ ý kiến của bạn.',
    );
    expect(within(second!).getByRole('link').getAttribute('href')).toBe('#/work');
    expect(within(second!).queryByText(messages['work.notices.unread'].vi)).toBeNull();

    const user = userEvent.setup();
    await user.click(within(first!).getByRole('button', { name: messages['work.notices.read'].vi }));
    expect(calls.filter((call) => call.method === 'hub.readNotices').map((call) => call.input)).toEqual([{ keys: ['reminder:3'] }]);
    // Read again: no longer marked, and nothing left to mark.
    await expect.poll(() => within(list).queryByText(messages['work.notices.unread'].vi)).toBeNull();
    expect(screen.queryByRole('button', { name: messages['work.notices.readAll'].vi })).toBeNull();
  });

  it('marks every one read at once', async () => {
    const { api, calls } = scriptedCore({
      'hub.notices': () => ({ unread: 2, notices: [reminder, { ...digest, read: false }] }),
      'hub.readNotices': () => ({ unread: 0 }),
    });
    renderOverCore(api, <WorkNotices />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: messages['work.notices.readAll'].vi }));
    expect(calls.filter((call) => call.method === 'hub.readNotices').map((call) => call.input)).toEqual([{}]);
  });
});
