/**
 * "Việc của tôi" read from documents a desk holds (its replica), in the hub's own order
 * (`GET /api/work`), so the list works offline. docs/architecture.md, "Điều hành".
 */
import type { HubDocument } from './documents.js';
import { OPEN_WORK_STATES, type MyWorkItem, type WorkItem } from './workflow.js';

/** Who acts on work: the person, his unit, whether he leads it. */
export interface Worker {
  id: number;
  unitId: number;
  roles: readonly string[];
}

/** Whether the item is this person's work now: open, and held by him, or by his unit when he leads it. */
export function holdsItem(worker: Worker, item: WorkItem): boolean {
  if (!OPEN_WORK_STATES.includes(item.state)) return false;
  if (item.userId === worker.id) return true;
  return item.unitId !== null && item.unitId === worker.unitId && worker.roles.includes('unit_leader');
}

/** Soonest deadline first (none last), then the more urgent document, then the older item. */
export function compareWork(a: MyWorkItem, b: MyWorkItem): number {
  if (a.item.deadline !== b.item.deadline) {
    if (a.item.deadline === null) return 1;
    if (b.item.deadline === null) return -1;
    return a.item.deadline < b.item.deadline ? -1 : 1;
  }
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.item.createdAt !== b.item.createdAt) return a.item.createdAt < b.item.createdAt ? -1 : 1;
  return a.item.id - b.item.id;
}

export function myWorkOf(worker: Worker, documents: readonly HubDocument[]): MyWorkItem[] {
  const items = documents.flatMap((doc) =>
    doc.workflow.items.filter((item) => holdsItem(worker, item)).map((item) => ({ documentId: doc.id, subject: doc.subject, priority: doc.priority, arrivalNumber: doc.arrivalNumber, item })),
  );
  return items.sort(compareWork);
}
