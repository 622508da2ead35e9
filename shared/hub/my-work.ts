/**
 * "Việc của tôi" read from documents a desk holds (its replica), in the hub's own order
 * (`GET /api/work`), so the list works offline; and where a person stands to an item, for the
 * extensions (gia hạn) he asks or decides. docs/architecture.md, "Điều hành".
 */
import type { HubDocument } from './documents.js';
import { OPEN_WORK_STATES, type DocumentWorkflow, type DraftToSign, type ExtensionRequest, type MyWorkItem, type WorkItem } from './workflow.js';

/** Who acts on work: the person, his unit, whether he leads it. */
export interface Worker {
  id: number;
  unitId: number;
  roles: readonly string[];
}

/** Whether the item is this person's work now: open, and held by him, or by his unit when he leads it. */
export function holdsItem(worker: Worker, item: WorkItem): boolean {
  return OPEN_WORK_STATES.includes(item.state) && heldBy(worker, item);
}

/** Held by the person, or by his unit when he leads it, whatever its state. */
function heldBy(worker: Worker, item: WorkItem): boolean {
  if (item.userId === worker.id) return true;
  return item.unitId !== null && item.unitId === worker.unitId && worker.roles.includes('unit_leader');
}

/**
 * Where the person stands to an item, by the hub's rule over the items the desk holds: `holder`
 * when he holds it; `chain` when he holds an item it came from, or assigned or passed on it or one
 * it came from (one above it: he decides its extension; presenting is not assigning); else null.
 * The hub decides anyway.
 */
export function standingOn(worker: Worker, items: readonly WorkItem[], itemId: number): 'holder' | 'chain' | null {
  const byId = new Map(items.map((item) => [item.id, item]));
  let nearest: number | null = null;
  let item = byId.get(itemId);
  // The items make a tree; the bound only guards a replica copy that would not.
  for (let depth = 0; item && depth <= items.length; depth++) {
    // Presenting (the clerk making a leader's `decide` item) gives no say over the work below it.
    const here = heldBy(worker, item) ? depth : item.assignedBy === worker.id && item.role !== 'decide' ? depth + 1 : null;
    if (here !== null && (nearest === null || here < nearest)) nearest = here;
    item = item.parentId === null ? undefined : byId.get(item.parentId);
  }
  return nearest === null ? null : nearest === 0 ? 'holder' : 'chain';
}

/** A workflow as a desk may hold it: a copy brought before the hub kept extensions has none. */
type StoredWorkflow = Omit<DocumentWorkflow, 'extensions'> & { extensions?: ExtensionRequest[] };

export function extensionsOf(workflow: StoredWorkflow): ExtensionRequest[] {
  return workflow.extensions ?? [];
}

/** The extension of this item waiting for a decision (one at a time), or null. */
export function waitingExtension(workflow: StoredWorkflow, itemId: number): ExtensionRequest | null {
  return extensionsOf(workflow).find((extension) => extension.itemId === itemId && extension.state === 'asked') ?? null;
}

/** An item's extension waiting for this person's decision, with its document. */
export interface ExtensionToDecide extends MyWorkItem {
  extension: ExtensionRequest;
}

/** The states in which an item's deadline may still move (the hub's rule). */
const EXTENDABLE: readonly WorkItem['state'][] = ['open', 'started', 'passed'];

/** The extensions of one document's items waiting for this person's decision (he is above the item), oldest first. */
export function decisionsOn(worker: Worker, workflow: StoredWorkflow): { item: WorkItem; extension: ExtensionRequest }[] {
  return extensionsOf(workflow).flatMap((extension) => {
    const item = workflow.items.find((candidate) => candidate.id === extension.itemId);
    if (extension.state !== 'asked' || !item || !EXTENDABLE.includes(item.state) || standingOn(worker, workflow.items, item.id) !== 'chain') return [];
    return [{ item, extension }];
  });
}

/** The extensions waiting for this person's decision on every document, the oldest asked first. */
export function extensionsToDecide(worker: Worker, documents: readonly HubDocument[]): ExtensionToDecide[] {
  const waiting = documents.flatMap((doc) =>
    decisionsOn(worker, doc.workflow).map(({ item, extension }) => ({ documentId: doc.id, subject: doc.subject, priority: doc.priority, arrivalNumber: doc.arrivalNumber, item, extension })),
  );
  return waiting.sort((a, b) => (a.extension.askedAt === b.extension.askedAt ? a.extension.id - b.extension.id : a.extension.askedAt < b.extension.askedAt ? -1 : 1));
}

/** The extensions this person asked on the items he holds, still waiting: "Việc của tôi" marks those rows. */
export function extensionsAsked(worker: Worker, documents: readonly HubDocument[]): ExtensionRequest[] {
  return documents.flatMap((doc) => extensionsOf(doc.workflow).filter((extension) => extension.state === 'asked' && doc.workflow.items.some((item) => item.id === extension.itemId && holdsItem(worker, item))));
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

/**
 * One unit's open work as the overview counts it (hub/store/work-overview.ts): items held by the
 * unit, or by a person of it (`unitOf` says whose unit a person is in); not those for information.
 */
export function unitWorkOf(unitId: number, unitOf: (userId: number) => number | null, documents: readonly HubDocument[]): MyWorkItem[] {
  const items = documents.flatMap((doc) =>
    doc.workflow.items
      .filter((item) => OPEN_WORK_STATES.includes(item.state) && item.role !== 'inform' && (item.unitId ?? (item.userId === null ? null : unitOf(item.userId))) === unitId)
      .map((item) => ({ documentId: doc.id, subject: doc.subject, priority: doc.priority, arrivalNumber: doc.arrivalNumber, item })),
  );
  return items.sort(compareWork);
}

/**
 * "Chờ ký" from the drafts a desk holds: those waiting for this person's signature (submitted to
 * him, not signed nor returned yet), the earliest submitted first, as the hub lists them.
 */
export function draftsToSignOf(userId: number, documents: readonly HubDocument[]): DraftToSign[] {
  const drafts = documents
    .filter((doc) => doc.direction === 'draft' && doc.signingState === 'awaiting_leader' && doc.signingLeaderId === userId)
    .map((doc): DraftToSign => {
      const submitted = doc.workflow.steps.findLast((step) => step.kind === 'submitted');
      return { documentId: doc.id, subject: doc.subject, priority: doc.priority, submittedBy: submitted?.actorId ?? null, submittedAt: submitted?.at ?? null };
    });
  return drafts.sort((a, b) => (a.submittedAt === b.submittedAt ? a.documentId - b.documentId : a.submittedAt === null ? 1 : b.submittedAt === null ? -1 : a.submittedAt < b.submittedAt ? -1 : 1));
}
