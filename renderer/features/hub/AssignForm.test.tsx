// @vitest-environment jsdom
/**
 * The leader's instruction form over a scripted core: typed from the keyboard (a quick phrase by
 * Alt+1, Ctrl+Enter sends the command and opens the next document waiting for him), refused at
 * the desk when the deadline is no dd/MM/yyyy day, when nobody is in charge, or when the one in
 * charge is also among those cooperating; "Lưu/Để biết" settles it with nobody in charge.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubCommandItem, HubDirectory } from '../../../shared/api/hub-link.js';
import { INSTRUCTION_PHRASES } from '../../../shared/hub/instruction-phrases.js';
import type { MyWorkItem } from '../../../shared/hub/workflow.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { AssignForm } from './AssignForm.js';

const directory: HubDirectory = {
  units: [
    { id: 2, code: 'KHTC', name: 'Phòng Kế hoạch - Tài chính', parentId: null },
    { id: 3, code: 'TCHC', name: 'Phòng Tổ chức - Hành chính', parentId: null },
  ],
  users: [
    { id: 10, username: 'giamdoc', displayName: 'Nguyễn Văn Giám', unitId: 1, roles: ['leader'] },
    { id: 11, username: 'truongphong', displayName: 'Trần Thị Trưởng', unitId: 2, roles: ['unit_leader'] },
  ],
};

const decide = (documentId: number, id: number): MyWorkItem => ({
  documentId,
  subject: `Công văn ${documentId}`,
  priority: 0,
  arrivalNumber: documentId,
  item: { id, parentId: null, role: 'decide', unitId: null, userId: 10, assignedBy: 1, note: '', deadline: null, state: 'open', createdAt: '2026-12-01T01:00:00.000Z', startedAt: null, endedAt: null },
});

const queued: HubCommandItem = {
  id: '0190f0a0-0000-7000-8000-000000000001',
  kind: 'arrival.assign',
  state: 'queued',
  createdAt: '2026-12-06T02:00:00.000Z',
  attempts: 0,
  lastError: null,
  answeredAt: null,
  refusal: null,
  documentId: 5,
  awaitingFeed: false,
  subject: 'Công văn 5',
};

function renderForm() {
  const core = scriptedCore({
    'hub.myWork': () => ({ items: [decide(5, 1), decide(8, 2)], toPresent: [], extensionsAsked: [], extensionsToDecide: [], toSign: [] }),
    'hub.queueCommand': () => queued,
  });
  renderOverCore(core.api, <AssignForm documentId={5} directory={directory} />);
  return core;
}

const sent = (calls: { method: string; input: unknown }[]) => calls.filter((call) => call.method === 'hub.queueCommand').map((call) => call.input);

beforeEach(() => {
  window.localStorage.setItem('vanthu.lang', 'vi');
  window.location.hash = '#/inbox/5';
});
afterEach(cleanup);

describe('AssignForm', () => {
  it('is filled from the keyboard: Alt+1 a quick phrase, Ctrl+Enter assigns and opens the next waiting document', async () => {
    const { calls } = renderForm();
    const user = userEvent.setup();
    await waitFor(() => expect(calls.some((call) => call.method === 'hub.myWork')).toBe(true));
    // The instruction is typed into at once, without reaching for the mouse.
    expect(document.activeElement).toBe(screen.getByLabelText(messages['flow.assign.instruction'].vi));
    await user.keyboard('{Alt>}1{/Alt}');
    await user.keyboard(' Báo cáo trước họp giao ban.');
    await user.selectOptions(screen.getByLabelText(messages['flow.assign.lead'].vi), 'Phòng Kế hoạch - Tài chính');
    const cooperate = screen.getByRole('group', { name: messages['flow.assign.cooperate'].vi });
    await user.click(within(cooperate).getByLabelText('Phòng Tổ chức - Hành chính'));
    const inform = screen.getByRole('group', { name: messages['flow.assign.inform'].vi });
    await user.click(within(inform).getByLabelText('Trần Thị Trưởng'));
    await user.type(screen.getByLabelText(messages['flow.assign.deadline'].vi), '15/1/2099');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(window.location.hash).toBe('#/inbox/8'));
    expect(sent(calls)).toEqual([
      {
        kind: 'arrival.assign',
        payload: {
          documentId: 5,
          instruction: `${INSTRUCTION_PHRASES[0]} Báo cáo trước họp giao ban.`,
          lead: { unitId: 2 },
          cooperate: [{ unitId: 3 }],
          inform: [{ userId: 11 }],
          deadline: '2099-01-15',
        },
      },
    ]);
  });

  it('refuses a deadline that is no day, nobody in charge, and the one in charge also cooperating; Lưu/Để biết needs nobody', async () => {
    const { calls } = renderForm();
    const user = userEvent.setup();
    const deadline = screen.getByLabelText(messages['flow.assign.deadline'].vi);
    await user.type(deadline, '31/02/2099');
    await user.click(screen.getByRole('button', { name: messages['flow.assign.submit'].vi }));
    expect(screen.getByText(messages['flow.assign.needLead'].vi)).toBeDefined();

    await user.selectOptions(screen.getByLabelText(messages['flow.assign.lead'].vi), 'Phòng Kế hoạch - Tài chính');
    const cooperate = screen.getByRole('group', { name: messages['flow.assign.cooperate'].vi });
    await user.click(within(cooperate).getByLabelText('Phòng Kế hoạch - Tài chính'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByText(messages['flow.assign.leadTwice'].vi)).toBeDefined();

    await user.click(within(cooperate).getByLabelText('Phòng Kế hoạch - Tài chính'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByText(messages['flow.assign.badDeadline'].vi)).toBeDefined();
    expect(sent(calls)).toEqual([]);
    expect(window.location.hash).toBe('#/inbox/5');

    await user.clear(deadline);
    await user.type(screen.getByLabelText(messages['flow.assign.instruction'].vi), 'Lưu.');
    await user.click(screen.getByRole('button', { name: messages['flow.assign.settle'].vi }));
    await waitFor(() => expect(sent(calls)).toEqual([{ kind: 'arrival.assign', payload: { documentId: 5, instruction: 'Lưu.', lead: null, cooperate: [], inform: [], deadline: null } }]));
    // A plain send stays on the document: its notice says it waits for the server.
    expect(window.location.hash).toBe('#/inbox/5');
  });
});
