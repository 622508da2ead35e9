// @vitest-environment jsdom
/**
 * "Trình ký" under an agency draft, in a DOM over a scripted core: the leader who assigned the work
 * the draft answers is chosen first and the submission is queued with the note; a draft waiting
 * says for whom, and its leader returns it only with a comment; a specialist is not offered the
 * return; a returned draft shows the leader's comment.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubDeskUser, HubLinkStatus } from '../../../shared/api/hub-link.js';
import { messages } from '../../../shared/i18n/messages.js';
import { NO_WORKFLOW, type WorkItem } from '../../../shared/hub/workflow.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { DraftSubmission } from './DraftSubmission.js';

const people: HubDeskUser[] = [
  { id: 2, username: 'pho', displayName: 'Trần Phó', unitId: 1, roles: ['leader'] },
  { id: 3, username: 'an', displayName: 'Nguyễn Văn An', unitId: 1, roles: ['leader'] },
  { id: 5, username: 'truongphong', displayName: 'Lê Trưởng Phòng', unitId: 2, roles: ['unit_leader'] },
  { id: 7, username: 'cuong', displayName: 'Phạm Cường', unitId: 2, roles: ['specialist'] },
];
const [, leader, , specialist] = people as [HubDeskUser, HubDeskUser, HubDeskUser, HubDeskUser];

/** The arrival's work: the leader (3) gave the lead to unit 2, its head passed it to the specialist. */
const items: WorkItem[] = [
  { id: 1, parentId: null, role: 'lead', unitId: 2, userId: null, assignedBy: 3, note: '', deadline: null, state: 'passed', createdAt: '2026-12-01T01:00:00.000Z', startedAt: null, endedAt: null },
  { id: 2, parentId: 1, role: 'lead', unitId: null, userId: 7, assignedBy: 5, note: '', deadline: null, state: 'started', createdAt: '2026-12-01T02:00:00.000Z', startedAt: null, endedAt: null },
];

const draft = (fields: Partial<DocumentDetail> & { signingLeaderId?: number | null }) =>
  ({ id: 9, direction: 'draft', state: 'editing', signingState: 'none', leaderComment: null, answers: { id: 4, subject: 'Công văn', codeNumber: '', codeNotation: '' }, ...fields }) as unknown as DocumentDetail;

function renderFor(me: HubDeskUser, detail: DocumentDetail) {
  const core = scriptedCore({
    'hub.directory': () => ({ units: [], users: people }),
    'hub.documentWork': ({ documentId }) => (documentId === 4 ? { ...NO_WORKFLOW, items } : NO_WORKFLOW),
    'hub.commands': () => [],
    'hub.getStatus': () => ({ user: me }) as HubLinkStatus,
    'hub.queueCommand': (input) => ({ id: 'c1', kind: input.kind, state: 'queued', createdAt: '2026-12-01T03:00:00.000Z', attempts: 0, lastError: null, answeredAt: null, refusal: null, documentId: 9, awaitingFeed: false, subject: null }),
  });
  renderOverCore(core.api, <DraftSubmission detail={detail} />);
  return core;
}
const queued = (calls: { method: string; input: unknown }[]) => calls.filter((call) => call.method === 'hub.queueCommand').map((call) => call.input);

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('DraftSubmission', () => {
  it('submits to the leader who assigned the work, with the note; those who do not sign are not offered', async () => {
    const { calls } = renderFor(specialist, draft({}));
    const form = await screen.findByRole('form', { name: messages['submission.title'].vi });
    const leaderBox = within(form).getByLabelText(messages['submission.leader'].vi, { exact: false }) as HTMLSelectElement;
    await waitFor(() => expect(leaderBox.value).toBe('3'));
    expect([...leaderBox.options].map((option) => option.text).slice(1)).toEqual(['Trần Phó', 'Nguyễn Văn An', 'Lê Trưởng Phòng']);
    await userEvent.type(within(form).getByLabelText(messages['submission.note'].vi), 'Kính trình lãnh đạo.');
    await userEvent.click(within(form).getByRole('button', { name: messages['submission.button'].vi }));
    await waitFor(() => expect(queued(calls)).toEqual([{ kind: 'draft.submit', payload: { documentId: 9, leaderId: 3, note: 'Kính trình lãnh đạo.' } }]));
    expect(screen.queryByRole('form', { name: messages['submission.return.title'].vi })).toBeNull();
  });

  it('says whom a draft waits for; its leader returns it only with a comment, the drafter cannot', async () => {
    const waiting = draft({ signingState: 'awaiting_leader', signingLeaderId: 3 });
    const { calls } = renderFor(leader, waiting);
    expect(await screen.findByText(messages['submission.waiting'].vi.replace('{leader}', 'Nguyễn Văn An'))).toBeDefined();
    expect(screen.queryByRole('form', { name: messages['submission.title'].vi })).toBeNull();
    const form = await screen.findByRole('form', { name: messages['submission.return.title'].vi });
    const button = within(form).getByRole('button', { name: messages['submission.return.button'].vi });
    await userEvent.click(button);
    expect(within(form).getByText(messages['submission.return.missing'].vi)).toBeDefined();
    expect(queued(calls)).toEqual([]);
    await userEvent.type(within(form).getByLabelText(messages['submission.return.comment'].vi, { exact: false }), 'Bổ sung số liệu.');
    await userEvent.click(button);
    await waitFor(() => expect(queued(calls)).toEqual([{ kind: 'draft.return', payload: { documentId: 9, comment: 'Bổ sung số liệu.' } }]));
    cleanup();

    renderFor(specialist, waiting);
    expect(await screen.findByText(messages['submission.waiting'].vi.replace('{leader}', 'Nguyễn Văn An'))).toBeDefined();
    expect(screen.queryByRole('form', { name: messages['submission.return.title'].vi })).toBeNull();
  });

  it('shows the leader’s comment on a returned draft, beside the form to submit it again', async () => {
    renderFor(specialist, draft({ leaderComment: 'Bổ sung số liệu quý IV.' }));
    expect(await screen.findByText(messages['submission.returned'].vi.replace('{comment}', 'Bổ sung số liệu quý IV.'))).toBeDefined();
    expect(await screen.findByRole('form', { name: messages['submission.title'].vi })).toBeDefined();
  });
});
