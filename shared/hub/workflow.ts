/**
 * The handling of an arrival inside the agency (điều hành), as the hub keeps it and hands it to
 * desks: the clerk presents (trình) a registered arrival to a leader; the leader gives his
 * instruction (ý kiến chỉ đạo) and assigns the work (chủ trì, phối hợp, để biết) with a deadline,
 * or settles it himself (lưu / để biết); a unit leader passes his unit's part on to a specialist; the specialist
 * starts and finishes it, or the arrival is returned to its sender. Each step is a work item's
 * change and a line of the document's workflow timeline. docs/architecture.md, "Điều hành".
 */
import { z } from 'zod';
import { MAX_EXTENSION_REASON } from '../domain/working-days.js';
import type { DocumentState } from '../api/documents.js';

/**
 * What a work item asks of its holder: `decide` (presented to a leader for his instruction),
 * `lead` (chủ trì: the one in charge; the document is done when it is done), `cooperate`
 * (phối hợp), `inform` (để biết: to read, no work).
 */
export const WORK_ROLES = ['decide', 'lead', 'cooperate', 'inform'] as const;
export type WorkRole = (typeof WORK_ROLES)[number];

/**
 * `open` (waiting for its holder), `started` (work begun), `passed` (a unit leader gave it on to a
 * specialist: the item passed on holds the work now, and its end ends this one), `done`, and
 * `closed` (ended without being done by its holder: the arrival was returned, or the leader
 * ended the work another way).
 */
export const WORK_STATES = ['open', 'started', 'passed', 'done', 'closed'] as const;
export type WorkState = (typeof WORK_STATES)[number];
/** The states in which an item is still someone's work ("Việc của tôi"). */
export const OPEN_WORK_STATES: readonly WorkState[] = ['open', 'started'];

/** A unit (its unit leaders act for it) or one person. */
export interface WorkHolder {
  unitId: number | null;
  userId: number | null;
}

export interface WorkItem extends WorkHolder {
  id: number;
  /** The item it was assigned or passed on from (a leader's items come from his `decide` item, if it was presented). */
  parentId: number | null;
  role: WorkRole;
  /** Who made it (user id). */
  assignedBy: number;
  /** The clerk's suggested handling (decide), the leader's instruction (his items), or the unit leader's note (passed on). */
  note: string;
  /** Hạn xử lý, yyyy-MM-dd; null when none was set. */
  deadline: string | null;
  state: WorkState;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

/**
 * What a step of the workflow did; each is also a record of the hub's audit log (`workflow.<kind>`).
 * `extension_*`: an extension of an item's deadline (gia hạn) asked, approved or refused.
 */
export const WORKFLOW_STEP_KINDS = ['presented', 'assigned', 'settled', 'passed', 'progress', 'done', 'returned', 'extension_asked', 'extension_approved', 'extension_refused'] as const;
export type WorkflowStepKind = (typeof WORKFLOW_STEP_KINDS)[number];

export interface WorkflowStep {
  id: number;
  at: string;
  kind: WorkflowStepKind;
  /** Who did it (user id) and his name as the directory gives it then. */
  actorId: number;
  actorName: string;
  /** The item the step concerns (made or changed); null for a step on the whole document (returned). */
  itemId: number | null;
  /** The suggestion, instruction, note or reason written with the step. */
  text: string;
  /** The handling statuses (04, 05, 06, 02) queued to the sender by this step, in the order sent. */
  statuses: string[];
}

/** The workflow part of a HubDocument (shared/hub/documents.ts): in the feed, so desks have it offline. */
export interface DocumentWorkflow {
  /** When it was first presented to a leader (the same-day rule: an arrival is presented the day it is registered). */
  presentedAt: string | null;
  /** Every item, oldest first: a tree by parentId. */
  items: WorkItem[];
  /** The timeline, oldest first. */
  steps: WorkflowStep[];
  /** The extensions asked for its items, oldest first: the approved ones are each item's history of deadlines. */
  extensions: ExtensionRequest[];
}

/** The states of an arrival being handled: registered, and neither done nor returned (the workflow's steps apply to these). */
export const HANDLING_STATES: readonly DocumentState[] = ['accepted', 'assigned', 'processing'];

export const NO_WORKFLOW: DocumentWorkflow = { presentedAt: null, items: [], steps: [], extensions: [] };

/** `asked` waits for a decision (one at a time per item); `approved` moved the deadline; `refused` changed nothing. */
export const EXTENSION_STATES = ['asked', 'approved', 'refused'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** An extension (gia hạn) of a work item's deadline, asked by its holder, decided by one above it. */
export interface ExtensionRequest {
  id: number;
  itemId: number;
  askedBy: number;
  reason: string;
  /** The deadline when asked, and the one asked for (moved to a working day). */
  from: string;
  proposed: string;
  state: ExtensionState;
  /** The deadline it set, once approved. */
  to: string | null;
  decidedBy: number | null;
  /** What the one who decided wrote. */
  note: string;
  askedAt: string;
  decidedAt: string | null;
}

const recordId = z.number().int().positive().max(2_147_483_647);
const text = (max: number) => z.string().trim().max(max);
/** Hạn xử lý: a calendar day. */
const deadline = z.iso.date();

/** Whom the leader assigns: a unit (its unit leaders pass it on) or a person. */
export const workHolder = z.union([z.object({ unitId: recordId }).strict(), z.object({ userId: recordId }).strict()]);
export type WorkHolderInput = z.output<typeof workHolder>;

/** The desk commands of the workflow (merged into shared/hub/commands.ts's commandPayloads). */
export const workflowCommandPayloads = {
  /** The clerk presents a registered arrival to a leader, with the handling she suggests. */
  'arrival.present': z.object({ documentId: recordId, leaderId: recordId, suggestion: text(2000).default('') }).strict(),
  /**
   * The leader's instruction and assignment. With `lead` null and no `cooperate`, he settles it
   * himself (lưu / để biết): the document is done, `inform` still told. `deadline` applies to every
   * item made here.
   */
  'arrival.assign': z
    .object({
      documentId: recordId,
      instruction: text(4000).default(''),
      lead: workHolder.nullable(),
      cooperate: z.array(workHolder).max(50).default([]),
      inform: z.array(workHolder).max(200).default([]),
      deadline: deadline.nullable().default(null),
    })
    .strict(),
  /** A unit leader passes his unit's item on to a specialist of his unit; the deadline is not later than the item's (null: the item's). */
  'assignment.pass': z
    .object({ documentId: recordId, itemId: recordId, userId: recordId, note: text(2000).default(''), deadline: deadline.nullable().default(null) })
    .strict(),
  /** The holder records progress; the first marks the work started. */
  'assignment.progress': z.object({ documentId: recordId, itemId: recordId, note: text(2000).default('') }).strict(),
  /** The holder marks the item done (an `inform` item: read). */
  'assignment.done': z.object({ documentId: recordId, itemId: recordId, note: text(2000).default('') }).strict(),
  /** The holder asks for a later deadline (gia hạn), with the reason and the day he proposes. */
  'assignment.askExtension': z.object({ documentId: recordId, itemId: recordId, reason: text(MAX_EXTENSION_REASON).min(1), deadline }).strict(),
  /**
   * The one who assigned the item, or one above him in its chain, approves the extension asked
   * (`extensionId`, the one the desk saw) or refuses it; a refusal changes nothing.
   */
  'assignment.decideExtension': z
    .object({ documentId: recordId, itemId: recordId, extensionId: recordId, decision: z.enum(['approve', 'refuse']), note: text(2000).default('') })
    .strict(),
  /** The arrival goes back to its sender (trả lại), with the reason the sender is told; every open item ends. */
  'arrival.return': z.object({ documentId: recordId, reason: text(2000).min(1) }).strict(),
} as const;

/** `GET /api/work?limit`: at most `limit` items (the soonest). */
export const myWorkQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }).strict();

/**
 * `GET /api/work` ("Việc của tôi"): the signed-in user's open items, those he holds himself and,
 * a unit leader's, those of his unit not passed on yet, on documents he may see; soonest deadline
 * first (none last), then the more urgent document, then the older item.
 */
export interface MyWorkItem {
  documentId: number;
  subject: string;
  /** The document's priority (0 normal … higher is more urgent). */
  priority: number;
  /** Its số đến, if registered. */
  arrivalNumber: number | null;
  item: WorkItem;
}

export interface MyWork {
  items: MyWorkItem[];
}

/**
 * `GET /api/work/overdue`: a leader's view of the open work per unit, by the hub's calendar on
 * `day` (Vietnam): items overdue, due soon (today or the next working day), on track, and without
 * a deadline; the agency's leaders see every unit, a unit leader his own.
 */
export interface UnitWorkStanding {
  unitId: number;
  code: string;
  name: string;
  overdue: number;
  dueSoon: number;
  onTrack: number;
  noDeadline: number;
  /** Working days the latest of its overdue items is late; 0 when none is. */
  mostWorkingDaysLate: number;
}

export interface OverdueOverview {
  day: string;
  units: UnitWorkStanding[];
}
