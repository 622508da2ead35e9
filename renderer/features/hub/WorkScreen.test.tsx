// @vitest-environment jsdom
/**
 * "Việc của tôi" over a scripted core: the documents waiting for the leader's instruction apart
 * from the work assigned, in the core's order, each row opening its document, overdue work marked,
 * an extension asked marked while it waits; a clerk's arrivals still to present listed; the
 * extensions waiting for a leader's decision listed with who asks, the deadlines and the reason.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionRequest, MyWorkItem, WorkItem } from '../../../shared/hub/workflow.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { WorkScreen } from './WorkScreen.js';

const entry = (documentId: number, fields: Partial<WorkItem>, priority = 0): MyWorkItem => ({
  documentId,
  subject: `Công văn ${documentId}`,
  priority,
  arrivalNumber: documentId,
  item: { id: documentId, parentId: null, role: 'lead', unitId: null, userId: 7, assignedBy: 1, note: '', deadline: null, state: 'open', createdAt: '2026-12-01T01:00:00.000Z', startedAt: null, endedAt: null, ...fields },
});

const extension = (id: number, itemId: number, from: string, proposed: string): ExtensionRequest => ({
  id,
  itemId,
  askedBy: 7,
  reason: 'Chờ số liệu của Sở.',
  from,
  proposed,
  state: 'asked',
  to: null,
  decidedBy: null,
  note: '',
  askedAt: '2026-12-04T01:00:00.000Z',
  decidedAt: null,
});

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('WorkScreen', () => {
  it('shows what waits for an instruction or a signature apart, the assigned work in order with overdue marked, and arrivals to present', async () => {
    const items = [entry(4, { deadline: '2020-01-10', state: 'started' }), entry(9, { role: 'decide' }, 2), entry(3, { deadline: '2099-05-01', role: 'cooperate' }), entry(1, {})];
    const { api } = scriptedCore({
      'hub.myWork': () => ({
        items,
        toPresent: [{ documentId: 12, subject: 'Công văn 12', priority: 3, arrivalNumber: 12 }],
        extensionsAsked: [extension(1, 4, '2020-01-10', '2020-01-24')],
        extensionsToDecide: [{ ...entry(20, { id: 21, deadline: '2026-12-15', userId: 7 }), extension: extension(2, 21, '2026-12-15', '2026-12-22') }],
        toSign: [{ documentId: 30, subject: 'Dự thảo trả lời', priority: 0, submittedBy: 7, submittedAt: '2026-12-02T18:00:00.000Z' }],
      }),
      'hub.directory': () => ({ units: [], users: [{ id: 7, username: 'chuyenvien', displayName: 'Phạm Chuyên Viên', unitId: 2, roles: ['specialist'] }] }),
      'hub.commands': () => [],
      'hub.getStatus': () => null,
    });
    renderOverCore(api, <WorkScreen />);
    const assigned = await screen.findByRole('table', { name: messages['work.assigned.title'].vi });
    const rows = within(assigned).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Công văn 4', 'Công văn 3', 'Công văn 1']);
    expect(within(rows[0]!).getByText(messages['work.overdue'].vi, { exact: false })).toBeDefined();
    expect(within(rows[0]!).getByText('10/01/2020')).toBeDefined();
    expect(within(rows[0]!).getByText(messages['work.state.started'].vi)).toBeDefined();
    expect(within(rows[1]!).queryByText(messages['work.overdue'].vi, { exact: false })).toBeNull();
    expect(within(rows[2]!).getByText(messages['work.noDeadline'].vi)).toBeDefined();
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe('#/inbox/4');
    // His extension asked on the first, still waiting; none on the others.
    expect(within(rows[0]!).getByText(messages['work.extension.waiting'].vi.replace('{date}', '24/01/2020'), { exact: false })).toBeDefined();
    expect(within(rows[1]!).queryByText(messages['work.extension.waiting'].vi.replace('{date}', ''), { exact: false })).toBeNull();

    const toDecide = screen.getByRole('table', { name: messages['work.extensions.title'].vi });
    const [decision] = within(toDecide).getAllByRole('row').slice(1);
    expect(within(decision!).getByRole('link').getAttribute('href')).toBe('#/inbox/20');
    expect(await within(decision!).findByText('Phạm Chuyên Viên')).toBeDefined();
    expect(decision!.textContent).toMatch(/15\/12\/2026.*22\/12\/2026.*Chờ số liệu của Sở\./);

    const waiting = screen.getByRole('table', { name: messages['work.waiting.title'].vi });
    expect(within(waiting).getAllByRole('link').map((link) => link.textContent)).toEqual(['Công văn 9']);
    expect(within(waiting).getByText(messages['priority.2'].vi)).toBeDefined();
    // The drafts submitted for his signature open the draft; submitted at 01:00 on 3/12 in Vietnam.
    const toSign = screen.getByRole('table', { name: messages['work.toSign.title'].vi });
    const [draft] = within(toSign).getAllByRole('row').slice(1);
    expect(within(draft!).getByRole('link', { name: 'Dự thảo trả lời' }).getAttribute('href')).toBe('#/drafts/30');
    expect(draft!.textContent).toMatch(/Phạm Chuyên Viên.*03\/12\/2026/);
    const toPresent = screen.getByRole('list', { name: messages['work.toPresent.title'].vi });
    expect(within(toPresent).getByRole('link').getAttribute('href')).toBe('#/inbox/12');
  });
});
