/**
 * "Việc của tôi" from the documents a desk holds: only open items the person holds, or his unit's
 * when he leads it; soonest deadline first with none last, then the more urgent document, then the
 * older item. Where a person stands to an item (holder, one above it, or neither) as the hub
 * decides it, and the extensions he asked or is to decide; a copy without extensions has none.
 */
import { describe, expect, it } from 'vitest';
import type { HubDocument } from './documents.js';
import { draftsToSignOf, extensionsAsked, extensionsToDecide, myWorkOf, standingOn, waitingExtension } from './my-work.js';
import type { ExtensionRequest, WorkflowStep, WorkItem } from './workflow.js';

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

const asked = (id: number, itemId: number, fields: Partial<ExtensionRequest> = {}): ExtensionRequest => ({
  id,
  itemId,
  askedBy: 7,
  reason: 'Chờ số liệu.',
  from: '2026-12-15',
  proposed: '2026-12-22',
  state: 'asked',
  to: null,
  decidedBy: null,
  note: '',
  askedAt: `2026-12-0${id}T01:00:00.000Z`,
  decidedAt: null,
  ...fields,
});

describe('standingOn and the extensions', () => {
  // The leader (3) instructs; unit 2 leads it; its unit leader (8) passes it on to the specialist (7).
  const leader = { id: 3, unitId: 1, roles: ['leader'] };
  const unitLeader = { id: 8, unitId: 2, roles: ['unit_leader'] };
  const specialist = { id: 7, unitId: 2, roles: ['specialist'] };
  const other = { id: 9, unitId: 2, roles: ['specialist'] };
  const decide = item({ id: 100, userId: 3, assignedBy: 1, role: 'decide', state: 'done' });
  const unitItem = item({ id: 101, parentId: 100, userId: null, unitId: 2, assignedBy: 3, state: 'passed', deadline: '2026-12-20' });
  const passed = item({ id: 102, parentId: 101, userId: 7, assignedBy: 8, deadline: '2026-12-15' });
  const items = [decide, unitItem, passed];

  it('tells the holder from those above the item, as the hub does', () => {
    expect(standingOn(specialist, items, 102)).toBe('holder');
    expect(standingOn(unitLeader, items, 102)).toBe('chain');
    expect(standingOn(leader, items, 102)).toBe('chain');
    expect(standingOn(unitLeader, items, 101)).toBe('holder');
    // Another specialist of the unit is neither; the specialist is not above his unit's item.
    expect(standingOn(other, items, 102)).toBeNull();
    expect(standingOn(specialist, items, 101)).toBeNull();
    expect(standingOn(specialist, items, 999)).toBeNull();
  });

  it('lists what waits for a decision to those above the item, and marks the holder’s own; a copy without extensions has none', () => {
    const docs = [
      { id: 1, subject: 'Công văn 1', priority: 0, arrivalNumber: 1, workflow: { presentedAt: null, items, steps: [], extensions: [asked(2, 102), asked(1, 101, { state: 'refused' })] } },
      { id: 2, subject: 'Công văn 2', priority: 0, arrivalNumber: 2, workflow: { presentedAt: null, items: [{ ...passed, id: 200, parentId: null, assignedBy: 3 }], steps: [] } },
    ] as unknown as HubDocument[];
    expect(extensionsToDecide(unitLeader, docs).map((entry) => [entry.documentId, entry.extension.id])).toEqual([[1, 2]]);
    expect(extensionsToDecide(leader, docs).map((entry) => [entry.documentId, entry.item.id, entry.extension.id])).toEqual([[1, 102, 2]]);
    expect(extensionsToDecide(specialist, docs)).toEqual([]);
    expect(extensionsAsked(specialist, docs).map((extension) => extension.id)).toEqual([2]);
    expect(extensionsAsked(other, docs)).toEqual([]);
    expect(waitingExtension(docs[1]!.workflow, 200)).toBeNull();
  });
});

describe('draftsToSignOf', () => {
  const step = (kind: WorkflowStep['kind'], at: string, actorId = 7): WorkflowStep => ({ id: nextId++, at, kind, actorId, actorName: 'x', itemId: null, text: '', statuses: [] });
  const draft = (id: number, signingState: string, signingLeaderId: number | null | undefined, steps: WorkflowStep[]) =>
    ({ id, direction: 'draft', subject: `Dự thảo ${id}`, priority: 0, signingState, signingLeaderId, workflow: { presentedAt: null, items: [], steps } }) as unknown as HubDocument;

  it('lists the drafts submitted to him and still waiting, the earliest submitted first, with the last submission', () => {
    const docs = [
      draft(1, 'awaiting_leader', 3, [step('submitted', '2026-12-01T01:00:00.000Z'), step('draft_returned', '2026-12-01T02:00:00.000Z', 3), step('submitted', '2026-12-03T01:00:00.000Z', 8)]),
      draft(2, 'awaiting_leader', 3, [step('submitted', '2026-12-02T01:00:00.000Z')]),
      // Waiting for another leader, signed already, returned, or from a hub before submissions.
      draft(3, 'awaiting_leader', 4, [step('submitted', '2026-12-01T00:00:00.000Z')]),
      draft(4, 'leader_signed', 3, [step('submitted', '2026-12-01T00:00:00.000Z')]),
      draft(5, 'none', null, []),
      draft(6, 'awaiting_leader', undefined, []),
    ];
    expect(draftsToSignOf(3, docs)).toEqual([
      { documentId: 2, subject: 'Dự thảo 2', priority: 0, submittedBy: 7, submittedAt: '2026-12-02T01:00:00.000Z' },
      { documentId: 1, subject: 'Dự thảo 1', priority: 0, submittedBy: 8, submittedAt: '2026-12-03T01:00:00.000Z' },
    ]);
  });
});
