// @vitest-environment jsdom
/**
 * An arrival's điều hành on its page, over a scripted core: the timeline (who, when, what, to
 * whom, the words); the holder's "Bắt đầu xử lý" and "Hoàn thành" queued with his note; the
 * clerk's "Trình lãnh đạo" asking for a leader first; the forms hidden while a step waits for the
 * server; gia hạn: the holder's request (a reason, a later day typed dd/MM/yyyy), shown while it
 * waits, the leader's approval or refusal, and the deadline it moved on the timeline.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubCommandItem, HubDeskUser, HubDirectory } from '../../../shared/api/hub-link.js';
import type { DocumentWorkflow, ExtensionRequest, WorkflowStep } from '../../../shared/hub/workflow.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { DocumentWork } from './DocumentWork.js';

const detail = { id: 5, direction: 'incoming', state: 'assigned' } as DocumentDetail;
const directory: HubDirectory = {
  units: [{ id: 2, code: 'TH', name: 'Phòng Tổng hợp', parentId: null }],
  users: [
    { id: 1, username: 'vanthu', displayName: 'Lê Văn Thư', unitId: 1, roles: ['clerk'] },
    { id: 3, username: 'giamdoc', displayName: 'Nguyễn Văn Giám', unitId: 1, roles: ['leader'] },
    { id: 7, username: 'chuyenvien', displayName: 'Phạm Chuyên Viên', unitId: 2, roles: ['specialist'] },
  ],
};
const clerk: HubDeskUser = { id: 1, username: 'vanthu', displayName: 'Lê Văn Thư', unitId: 1, roles: ['clerk'] };
const specialist: HubDeskUser = { id: 7, username: 'chuyenvien', displayName: 'Phạm Chuyên Viên', unitId: 2, roles: ['specialist'] };
const leader: HubDeskUser = { id: 3, username: 'giamdoc', displayName: 'Nguyễn Văn Giám', unitId: 1, roles: ['leader'] };

const workflow: DocumentWorkflow = {
  presentedAt: '2026-12-01T02:00:00.000Z',
  items: [
    { id: 1, parentId: null, role: 'decide', unitId: null, userId: 3, assignedBy: 1, note: 'Đề nghị giao Phòng Tổng hợp.', deadline: null, state: 'done', createdAt: '2026-12-01T02:00:00.000Z', startedAt: null, endedAt: '2026-12-01T03:00:00.000Z' },
    { id: 2, parentId: 1, role: 'lead', unitId: null, userId: 7, assignedBy: 3, note: 'Chủ trì, báo cáo.', deadline: '2026-12-15', state: 'open', createdAt: '2026-12-01T03:00:00.000Z', startedAt: null, endedAt: null },
  ],
  steps: [
    { id: 1, at: '2026-12-01T02:00:00.000Z', kind: 'presented', actorId: 1, actorName: 'vanthu', itemId: 1, text: 'Đề nghị giao Phòng Tổng hợp.', statuses: [] },
    { id: 2, at: '2026-12-01T03:05:00.000Z', kind: 'assigned', actorId: 3, actorName: 'giamdoc', itemId: 2, text: 'Chủ trì, báo cáo.', statuses: ['04'] },
  ],
  extensions: [],
};

const extension: ExtensionRequest = {
  id: 4,
  itemId: 2,
  askedBy: 7,
  reason: 'Chờ số liệu của Sở Tài chính.',
  from: '2026-12-15',
  proposed: '2026-12-22',
  state: 'asked',
  to: null,
  decidedBy: null,
  note: '',
  askedAt: '2026-12-05T02:00:00.000Z',
  decidedAt: null,
};
const askedStep: WorkflowStep = { id: 3, at: '2026-12-05T02:00:00.000Z', kind: 'extension_asked', actorId: 7, actorName: 'chuyenvien', itemId: 2, text: extension.reason, statuses: [] };
/** The workflow with the extension asked and waiting. */
const asking: DocumentWorkflow = { ...workflow, steps: [...workflow.steps, askedStep], extensions: [extension] };

const command = (kind: HubCommandItem['kind'], state: HubCommandItem['state']): HubCommandItem => ({
  id: '0190f0a0-0000-7000-8000-000000000009',
  kind,
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

function renderFor(user: HubDeskUser, commands: HubCommandItem[] = [], work: DocumentWorkflow = workflow) {
  const core = scriptedCore({
    'hub.documentWork': () => work,
    'hub.directory': () => directory,
    'hub.commands': () => commands,
    'hub.queueCommand': ({ kind }) => command(kind, 'queued'),
    'hub.getStatus': () => null,
  });
  renderOverCore(core.api, <DocumentWork detail={detail} user={user} />);
  return core;
}
const queued = (calls: { method: string; input: unknown }[]) => calls.filter((call) => call.method === 'hub.queueCommand').map((call) => call.input);

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('DocumentWork', () => {
  it('shows the timeline, and the holder starts and finishes his item with a note', async () => {
    const { calls } = renderFor(specialist);
    const start = await screen.findByRole('button', { name: messages['flow.item.start'].vi });
    const steps = within(screen.getByText(messages['flow.timeline'].vi).parentElement!).getAllByRole('listitem');
    expect(steps.map((step) => step.textContent)).toEqual([
      expect.stringMatching(/01\/12\/2026.*vanthu.*Trình lãnh đạo → Nguyễn Văn Giám.*Đề nghị giao Phòng Tổng hợp\./),
      expect.stringMatching(/01\/12\/2026.*giamdoc.*Cho ý kiến, giao xử lý → Phạm Chuyên Viên.*15\/12\/2026.*Chủ trì, báo cáo\./),
    ]);
    expect(screen.getByText(messages['flow.item.deadline'].vi.replace('{deadline}', '15/12/2026'))).toBeDefined();
    // Nobody but the clerk, a leader or the one in charge returns it: here, the one in charge.
    expect(screen.getByText(messages['flow.return.title'].vi)).toBeDefined();
    expect(screen.queryByRole('form', { name: messages['flow.present.title'].vi })).toBeNull();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText(messages['flow.item.note'].vi), 'Đang dự thảo.');
    await user.click(start);
    await user.click(screen.getByRole('button', { name: messages['flow.item.done'].vi }));
    await waitFor(() =>
      expect(queued(calls)).toEqual([
        { kind: 'assignment.progress', payload: { documentId: 5, itemId: 2, note: 'Đang dự thảo.' } },
        { kind: 'assignment.done', payload: { documentId: 5, itemId: 2, note: 'Đang dự thảo.' } },
      ]),
    );
  });

  it('the one in charge drafts the reply from his work: a new draft naming the arrival; the clerk has no such form', async () => {
    const { calls } = renderFor(specialist);
    const reply = await screen.findByRole('form', { name: 'Soạn trả lời' });
    const user = userEvent.setup();
    await user.type(within(reply).getByLabelText(messages['drafts.subject.label'].vi), 'V/v trả lời Công văn 5');
    await user.click(within(reply).getByRole('button', { name: messages['drafts.create.button'].vi }));
    await waitFor(() =>
      expect(queued(calls)).toEqual([
        { kind: 'draft.save', payload: { documentId: null, clientKey: expect.stringMatching(/^[0-9a-f-]{36}$/), fields: { subject: 'V/v trả lời Công văn 5', summary: '' }, answers: 5 } },
      ]),
    );
    cleanup();
    renderFor(clerk);
    await screen.findByRole('form', { name: messages['flow.present.title'].vi });
    expect(screen.queryByRole('form', { name: 'Soạn trả lời' })).toBeNull();
  });

  it('the clerk presents to a leader she picks; while a step waits for the server the forms wait too', async () => {
    const { calls } = renderFor(clerk);
    const form = await screen.findByRole('form', { name: messages['flow.present.title'].vi });
    const user = userEvent.setup();
    await user.click(within(form).getByRole('button', { name: messages['flow.present.submit'].vi }));
    expect(within(form).getByText(messages['flow.present.needLeader'].vi)).toBeDefined();
    expect(queued(calls)).toEqual([]);
    // Only leaders are offered.
    expect(within(form).getAllByRole('option').map((option) => option.textContent)).toEqual([messages['flow.present.choose'].vi, 'Nguyễn Văn Giám']);
    await user.selectOptions(within(form).getByLabelText(messages['flow.present.leader'].vi), 'Nguyễn Văn Giám');
    await user.type(within(form).getByLabelText(messages['flow.present.suggestion'].vi), 'Khẩn.');
    await user.click(within(form).getByRole('button', { name: messages['flow.present.submit'].vi }));
    await waitFor(() => expect(queued(calls)).toEqual([{ kind: 'arrival.present', payload: { documentId: 5, leaderId: 3, suggestion: 'Khẩn.' } }]));
    cleanup();

    renderFor(clerk, [command('arrival.present', 'queued')]);
    expect(await screen.findByText(messages['flow.timeline'].vi)).toBeDefined();
    expect(screen.queryByRole('form', { name: messages['flow.present.title'].vi })).toBeNull();
  });

  it('the holder asks for more time: a reason, and a day typed dd/MM/yyyy later than his deadline', async () => {
    const { calls } = renderFor(specialist);
    const user = userEvent.setup();
    await user.click(await screen.findByText(messages['flow.extension.ask'].vi, { selector: 'summary' }));
    const form = screen.getByRole('form', { name: messages['flow.extension.ask'].vi });
    const submit = within(form).getByRole('button', { name: messages['flow.extension.submit'].vi });
    const date = within(form).getByLabelText(messages['flow.extension.date'].vi.replace('{deadline}', '15/12/2026'));
    await user.click(submit);
    expect(within(form).getByText(messages['flow.extension.needReason'].vi)).toBeDefined();
    expect(within(form).getByText(messages['flow.extension.badDate'].vi)).toBeDefined();

    await user.type(within(form).getByLabelText(messages['flow.extension.reason'].vi), 'Chờ số liệu của Sở Tài chính.');
    await user.type(date, '31/11/2026');
    await user.click(submit);
    expect(within(form).queryByText(messages['flow.extension.needReason'].vi)).toBeNull();
    expect(within(form).getByText(messages['flow.extension.badDate'].vi)).toBeDefined();

    // Not the deadline he has, nor earlier.
    await user.clear(date);
    await user.type(date, '15/12/2026');
    await user.click(submit);
    expect(within(form).getByText(messages['flow.extension.notLater'].vi.replace('{deadline}', '15/12/2026'))).toBeDefined();
    expect(queued(calls)).toEqual([]);

    await user.clear(date);
    await user.type(date, '22/12/2026');
    await user.click(submit);
    await waitFor(() =>
      expect(queued(calls)).toEqual([{ kind: 'assignment.askExtension', payload: { documentId: 5, itemId: 2, reason: 'Chờ số liệu của Sở Tài chính.', deadline: '2026-12-22' } }]),
    );
  });

  it('while the extension waits the holder sees it, and the leader above the item approves or refuses it, with a note', async () => {
    renderFor(specialist, [], asking);
    expect(await screen.findByText(messages['flow.extension.waiting'].vi.replace('{date}', '22/12/2026'))).toBeDefined();
    // One request at a time, and the holder is no judge of his own.
    expect(screen.queryByRole('form', { name: messages['flow.extension.ask'].vi })).toBeNull();
    expect(screen.queryByRole('button', { name: messages['flow.extension.approve'].vi })).toBeNull();
    cleanup();

    const { calls } = renderFor(leader, [], asking);
    const request = await screen.findByRole('group', { name: messages['flow.extension.decideTitle'].vi.replace('{holder}', 'Phạm Chuyên Viên') });
    expect(within(request).getByText(messages['flow.extension.asked'].vi.replace('{from}', '15/12/2026').replace('{to}', '22/12/2026'))).toBeDefined();
    expect(within(request).getByText('Chờ số liệu của Sở Tài chính.')).toBeDefined();
    const user = userEvent.setup();
    await user.click(within(request).getByRole('button', { name: messages['flow.extension.approve'].vi }));
    await user.type(within(request).getByLabelText(messages['flow.extension.note'].vi), 'Cần số liệu chính xác.');
    await user.click(within(request).getByRole('button', { name: messages['flow.extension.refuse'].vi }));
    await waitFor(() =>
      expect(queued(calls)).toEqual([
        { kind: 'assignment.decideExtension', payload: { documentId: 5, itemId: 2, extensionId: 4, decision: 'approve', note: '' } },
        { kind: 'assignment.decideExtension', payload: { documentId: 5, itemId: 2, extensionId: 4, decision: 'refuse', note: 'Cần số liệu chính xác.' } },
      ]),
    );
  });

  it('the timeline shows the old and the new deadline of an approved extension', async () => {
    const approved: DocumentWorkflow = {
      ...workflow,
      items: workflow.items.map((item) => (item.id === 2 ? { ...item, deadline: '2026-12-22' } : item)),
      steps: [
        ...asking.steps,
        { id: 4, at: '2026-12-05T03:00:00.000Z', kind: 'extension_approved', actorId: 3, actorName: 'giamdoc', itemId: 2, text: 'Đồng ý.', statuses: [] },
      ],
      extensions: [{ ...extension, state: 'approved', to: '2026-12-22', decidedBy: 3, note: 'Đồng ý.', decidedAt: '2026-12-05T03:00:00.000Z' }],
    };
    renderFor(leader, [], approved);
    const timeline = (await screen.findByText(messages['flow.timeline'].vi)).parentElement!;
    const steps = within(timeline).getAllByRole('listitem').map((step) => step.textContent);
    expect(steps[2]).toMatch(/chuyenvien.*Xin gia hạn.*Chờ số liệu của Sở Tài chính\./);
    expect(steps[3]).toMatch(/giamdoc.*Đồng ý gia hạn → Phạm Chuyên Viên.*15\/12\/2026 → 22\/12\/2026.*Đồng ý\./);
    // Decided: nothing waits for him any more.
    expect(screen.queryByRole('button', { name: messages['flow.extension.approve'].vi })).toBeNull();
  });
});
