/**
 * "Việc của tôi" from the documents a desk holds: only open items the person holds, or his unit's
 * when he leads it; soonest deadline first with none last, then the more urgent document, then the older item.
 */
import { describe, expect, it } from 'vitest';
import type { HubDocument } from './documents.js';
import { myWorkOf } from './my-work.js';
import type { WorkItem } from './workflow.js';

let nextId = 1;
const item = (fields: Partial<WorkItem>): WorkItem => ({
  id: nextId++,
  parentId: null,
  role: 'lead',
  unitId: null,
  userId: 7,
  assignedBy: 1,
  note: '',
  deadline: null,
  state: 'open',
  createdAt: '2026-12-01T01:00:00.000Z',
  startedAt: null,
  endedAt: null,
  ...fields,
});
const doc = (id: number, priority: number, items: WorkItem[]) =>
  ({ id, subject: `Công văn ${id}`, priority, arrivalNumber: id, workflow: { presentedAt: null, items, steps: [] } }) as unknown as HubDocument;

describe('myWorkOf', () => {
  it('lists what the person holds, and his unit’s when he leads it, in the hub’s order', () => {
    const specialist = { id: 7, unitId: 2, roles: ['specialist'] };
    const unitLeader = { id: 8, unitId: 2, roles: ['unit_leader'] };
    const docs = [
      doc(1, 0, [item({ deadline: null }), item({ deadline: '2026-12-20', state: 'done' })]),
      doc(2, 0, [item({ deadline: '2026-12-20', createdAt: '2026-12-02T00:00:00.000Z' })]),
      doc(3, 2, [item({ deadline: '2026-12-20', createdAt: '2026-12-03T00:00:00.000Z', state: 'started' })]),
      doc(4, 0, [item({ deadline: '2026-12-10', role: 'inform' }), item({ userId: null, unitId: 2, deadline: '2026-12-05' }), item({ userId: 9 })]),
      doc(5, 0, [item({ deadline: '2026-12-20', createdAt: '2026-12-01T00:00:00.000Z', state: 'passed' })]),
    ];
    // Deadline 10/12 first, then the three of 20/12 (the urgent one first, then the older), then none.
    expect(myWorkOf(specialist, docs).map((entry) => [entry.documentId, entry.item.deadline, entry.item.role])).toEqual([
      [4, '2026-12-10', 'inform'],
      [3, '2026-12-20', 'lead'],
      [2, '2026-12-20', 'lead'],
      [1, null, 'lead'],
    ]);
    expect(myWorkOf(unitLeader, docs).map((entry) => [entry.documentId, entry.item.unitId])).toEqual([[4, 2]]);
    expect(myWorkOf({ ...unitLeader, roles: ['specialist'] }, docs)).toEqual([]);
  });
});
