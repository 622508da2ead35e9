// @vitest-environment jsdom
/**
 * "Giao cho…" over a scripted core: the clerk sees who already has the document, picks a unit and
 * a person among the others (at least one) and the share is queued with them; while it waits for
 * the server the notice takes the form's place; a specialist has no such control.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubCommandItem, HubDeskUser, HubDirectory } from '../../../shared/api/hub-link.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { ShareAction } from './ShareAction.js';

// The replica's document: the detail the page shows, with the units and people it was given to.
const detail = { id: 5, direction: 'incoming', state: 'accepted', sharedWith: { units: [2], users: [] } } as unknown as DocumentDetail;
const directory: HubDirectory = {
  units: [
    { id: 2, code: 'TH', name: 'Phòng Tổng hợp', parentId: null },
    { id: 3, code: 'KHTC', name: 'Phòng Kế hoạch - Tài chính', parentId: null },
  ],
  users: [
    { id: 1, username: 'vanthu', displayName: 'Lê Văn Thư', unitId: 1, roles: ['clerk'] },
    { id: 7, username: 'chuyenvien', displayName: 'Phạm Chuyên Viên', unitId: 2, roles: ['specialist'] },
  ],
};
const clerk: HubDeskUser = { id: 1, username: 'vanthu', displayName: 'Lê Văn Thư', unitId: 1, roles: ['clerk'] };
const specialist: HubDeskUser = { id: 7, username: 'chuyenvien', displayName: 'Phạm Chuyên Viên', unitId: 2, roles: ['specialist'] };

const share = (state: HubCommandItem['state']): HubCommandItem => ({
  id: '0190f0a0-0000-7000-8000-00000000000a',
  kind: 'document.share',
  state,
  createdAt: '2026-12-06T02:00:00.000Z',
  attempts: 0,
  lastError: null,
  answeredAt: null,
  refusal: null,
  documentId: 5,
  awaitingFeed: false,
  subject: 'Công văn 5',
});

function renderFor(user: HubDeskUser, commands: HubCommandItem[] = []) {
  const core = scriptedCore({
    'hub.directory': () => directory,
    'hub.commands': () => commands,
    'hub.queueCommand': () => share('queued'),
    'hub.getStatus': () => null,
  });
  const { container } = renderOverCore(core.api, <ShareAction detail={detail} user={user} />);
  return { ...core, container };
}
const queued = (calls: { method: string; input: unknown }[]) => calls.filter((call) => call.method === 'hub.queueCommand').map((call) => call.input);

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('ShareAction', () => {
  it('the clerk sees who has it, and gives it to a unit and a person she picks among the others', async () => {
    const { calls } = renderFor(clerk);
    expect(await screen.findByText(messages['share.given'].vi.replace('{names}', 'Phòng Tổng hợp'))).toBeDefined();
    const user = userEvent.setup();
    await user.click(await screen.findByText(messages['share.open'].vi));
    const form = screen.getByRole('form', { name: messages['share.title'].vi });
    const choices = within(form).getByRole('group', { name: messages['share.choose'].vi });
    // The unit that already has it is not offered again.
    expect(within(choices).getAllByRole('checkbox').map((box) => box.parentElement!.textContent)).toEqual(['Phòng Kế hoạch - Tài chính', 'Lê Văn Thư', 'Phạm Chuyên Viên']);

    await user.click(within(form).getByRole('button', { name: messages['share.submit'].vi }));
    expect(within(form).getByText(messages['share.needOne'].vi)).toBeDefined();
    expect(queued(calls)).toEqual([]);

    await user.click(within(choices).getByLabelText('Phòng Kế hoạch - Tài chính'));
    await user.click(within(choices).getByLabelText('Phạm Chuyên Viên'));
    await user.click(within(form).getByRole('button', { name: messages['share.submit'].vi }));
    await waitFor(() => expect(queued(calls)).toEqual([{ kind: 'document.share', payload: { documentId: 5, units: [3], users: [7] } }]));
  });

  it('while a share waits for the server, says so in place of the form', async () => {
    renderFor(clerk, [share('queued')]);
    const pending = messages['agency.pending'].vi.replace('{what}', messages['hubQueue.kind.document.share'].vi);
    expect(await screen.findByText(pending)).toBeDefined();
    expect(screen.queryByText(messages['share.open'].vi)).toBeNull();
  });

  it('is not offered to a specialist', () => {
    const { container } = renderFor(specialist);
    // For the clerk the "given to" line shows at once, before the directory is read; here nothing does.
    expect(container.textContent).toBe('');
  });
});
