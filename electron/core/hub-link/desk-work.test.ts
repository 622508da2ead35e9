/**
 * The desk's own refusals before queuing: a workflow command whose role the person lacks, and an
 * extension (gia hạn) asked by one who does not hold the item or decided by one not above it, as
 * far as the replica's items show; an item the replica lacks is left to the hub.
 */
import { describe, expect, it } from 'vitest';
import type { HubDeskUser } from '../../../shared/api/hub-link.js';
import type { WorkItem } from '../../../shared/hub/workflow.js';
import { commandItemRefusal, commandRoleRefusal } from './desk-work.js';

const person = (id: number, unitId: number, roles: HubDeskUser['roles']): HubDeskUser => ({ id, username: `u${id}`, displayName: `Người ${id}`, unitId, roles });
const leader = person(3, 1, ['leader']);
const specialist = person(7, 2, ['specialist']);
const colleague = person(9, 2, ['specialist']);

const items: WorkItem[] = [
  { id: 1, parentId: null, role: 'decide', unitId: null, userId: 3, assignedBy: 1, note: '', deadline: null, state: 'done', createdAt: '2026-12-01T02:00:00.000Z', startedAt: null, endedAt: null },
  { id: 2, parentId: 1, role: 'lead', unitId: null, userId: 7, assignedBy: 3, note: '', deadline: '2026-12-15', state: 'open', createdAt: '2026-12-01T03:00:00.000Z', startedAt: null, endedAt: null },
];

describe('desk refusals', () => {
  it('refuses a role the person lacks, and leaves extensions to the item check', () => {
    expect(commandRoleRefusal(specialist, 'arrival.assign')).toMatch(/leader/);
    expect(commandRoleRefusal(specialist, 'assignment.askExtension')).toBeNull();
  });

  it('lets the holder ask and one above the item decide, and no one else', () => {
    expect(commandItemRefusal(specialist, 'assignment.askExtension', items, 2)).toBeNull();
    expect(commandItemRefusal(leader, 'assignment.askExtension', items, 2)).toMatch(/holds/);
    expect(commandItemRefusal(colleague, 'assignment.askExtension', items, 2)).toMatch(/holds/);
    expect(commandItemRefusal(leader, 'assignment.decideExtension', items, 2)).toBeNull();
    expect(commandItemRefusal(specialist, 'assignment.decideExtension', items, 2)).toMatch(/assigned/);
    expect(commandItemRefusal(colleague, 'assignment.decideExtension', items, 2)).toMatch(/assigned/);
    // An item the feed has not brought yet: the hub decides.
    expect(commandItemRefusal(colleague, 'assignment.decideExtension', items, 5)).toBeNull();
    expect(commandItemRefusal(colleague, 'assignment.progress', items, 2)).toBeNull();
  });
});
