// @vitest-environment jsdom
/**
 * "Quản trị → Sổ hạn chế" over a scripted core: each register with its state and readers; a
 * person picked is named a reader and the card shows the hub's answer; a reader removed likewise;
 * what the hub would refuse is not offered (an administrator alone as a reader, the last reader of
 * a restricted register, restricting a default register or one with no reader), with the reason.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubDirectory } from '../../../shared/api/hub-link.js';
import type { RegisterAccess } from '../../../shared/hub/registers.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { AdminScreen } from './AdminScreen.js';

const reader = (id: number, displayName: string, username: string) => ({ id, displayName, username, disabled: false });
const register = (fields: Partial<RegisterAccess>): RegisterAccess => ({
  id: 4,
  code: 'mat',
  name: 'Sổ văn bản mật',
  direction: 'in',
  internal: false,
  isDefault: false,
  active: true,
  restricted: true,
  documents: 3,
  readers: [reader(7, 'Nguyễn Văn Mật', 'cv-mat')],
  ...fields,
});
const directory: HubDirectory = {
  units: [],
  users: [
    { id: 7, username: 'cv-mat', displayName: 'Nguyễn Văn Mật', unitId: 1, roles: ['specialist'] },
    { id: 8, username: 'cv-an', displayName: 'Trần Thị An', unitId: 1, roles: ['specialist'] },
    { id: 9, username: 'quantri', displayName: 'Quản trị viên', unitId: 1, roles: ['admin'] },
  ],
};

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('the restricted registers tab', () => {
  it('names a picked person a reader and removes one, showing the hub’s answer; offers only what the hub would do', async () => {
    const { api, calls } = scriptedCore({
      'hub.audit': () => ({ rows: [], nextBefore: null }),
      'hub.auditChain': () => ({ ok: true, rows: 0 }),
      'policy.get': () => ({ policy: {}, problems: [] }),
      'hub.directory': () => directory,
      'hub.registers': () => [register({}), register({ id: 1, code: 'incoming', name: 'Sổ đăng ký văn bản đến', isDefault: true, restricted: false, documents: 120, readers: [] })],
      'hub.addRegisterReader': ({ userId }) => register({ readers: [reader(7, 'Nguyễn Văn Mật', 'cv-mat'), reader(userId, 'Trần Thị An', 'cv-an')] }),
      'hub.removeRegisterReader': () => register({ readers: [reader(8, 'Trần Thị An', 'cv-an')] }),
    });
    renderOverCore(api, <AdminScreen />);
    fireEvent.click(screen.getByRole('tab', { name: messages['admin.tab.registers'].vi }));
    const cards = await screen.findAllByRole('listitem', { name: /Sổ/ });
    const [secret, incoming] = cards;
    expect(within(secret!).getByText(messages['restricted.state.on'].vi, { selector: '.badge' })).toBeDefined();
    expect(secret!.textContent).toContain('3 văn bản');

    // The last reader of a restricted register cannot be removed; the reason is said.
    const removeMat = within(secret!).getByRole('button', { name: 'Bỏ Nguyễn Văn Mật khỏi người được xem Sổ văn bản mật' });
    expect((removeMat as HTMLButtonElement).disabled).toBe(true);
    expect(secret!.textContent).toContain(messages['restricted.reader.last'].vi);

    // The picker offers those who see documents and are not named yet: not the administrator.
    const picker = await within(secret!).findByRole('combobox', { name: 'Thêm người được xem Sổ văn bản mật' });
    await waitFor(() => expect(within(picker).getAllByRole('option').map((option) => option.textContent)).toEqual([messages['restricted.reader.pick.placeholder'].vi, 'Trần Thị An (cv-an)']));
    fireEvent.change(picker, { target: { value: '8' } });
    fireEvent.click(within(secret!).getByRole('button', { name: messages['restricted.reader.add'].vi }));
    await waitFor(() => expect(within(secret!).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Nguyễn Văn Mật (cv-mat)Bỏ', 'Trần Thị An (cv-an)Bỏ']));
    expect(calls.filter((call) => call.method === 'hub.addRegisterReader').map((call) => call.input)).toEqual([{ registerId: 4, userId: 8 }]);
    expect(within(secret!).getByText(messages['restricted.reader.noneLeft'].vi)).toBeDefined();

    fireEvent.click(within(secret!).getByRole('button', { name: 'Bỏ Nguyễn Văn Mật khỏi người được xem Sổ văn bản mật' }));
    await waitFor(() => expect(within(secret!).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Trần Thị An (cv-an)Bỏ']));
    expect(calls.filter((call) => call.method === 'hub.removeRegisterReader').map((call) => call.input)).toEqual([{ registerId: 4, userId: 7 }]);

    // A default register is not restricted from here, and says why.
    const restrictIncoming = within(incoming!).getByRole('button', { name: messages['restricted.restrict'].vi });
    expect((restrictIncoming as HTMLButtonElement).disabled).toBe(true);
    expect(incoming!.textContent).toContain(messages['restricted.restrict.default'].vi);
    expect(incoming!.textContent).toContain(messages['restricted.readers.none'].vi);
  });
});
