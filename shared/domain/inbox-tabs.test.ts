import { describe, expect, it } from 'vitest';
import { INBOX_TABS, isOverdue, TAB_STATES, UNFINISHED_STATES } from './inbox-tabs.js';
import { DOCUMENT_STATES } from '../api/document-search.js';

describe('inbox tabs', () => {
  it('put every incoming state in exactly one of waiting, in progress and handled', () => {
    const incoming = DOCUMENT_STATES.filter((state) => !['editing', 'queued', 'sent', 'failed'].includes(state));
    const placed = [...TAB_STATES.waiting, ...TAB_STATES.inProgress, ...TAB_STATES.handled];
    expect([...placed].sort()).toEqual([...incoming].sort());
    expect(INBOX_TABS).toContain('overdue');
  });

  it('calls overdue what is not finished and past its due date, in Vietnam’s days', () => {
    const today = '2026-12-05';
    expect(isOverdue({ direction: 'incoming', state: 'accepted', dueDate: '2026-12-04' }, today)).toBe(true);
    expect(isOverdue({ direction: 'incoming', state: 'accepted', dueDate: '2026-12-05' }, today)).toBe(false);
    expect(isOverdue({ direction: 'incoming', state: 'done', dueDate: '2026-12-01' }, today)).toBe(false);
    expect(isOverdue({ direction: 'incoming', state: 'arrived', dueDate: null }, today)).toBe(false);
    expect(isOverdue({ direction: 'outgoing', state: 'sent', dueDate: '2026-12-01' }, today)).toBe(false);
    expect(UNFINISHED_STATES).toEqual([...TAB_STATES.waiting, ...TAB_STATES.inProgress]);
  });
});
