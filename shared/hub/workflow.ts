/**
 * The handling of an arrival inside the agency (điều hành), as the hub keeps it and hands it to
 * desks: the clerk presents (trình) a registered arrival to a leader; the leader gives his
 * instruction (ý kiến chỉ đạo) and assigns the work (chủ trì, phối hợp, để biết) with a deadline,
 * or settles it himself (lưu / để biết); a unit leader passes his unit's part on to a specialist; the specialist
 * starts and finishes it, or the arrival is returned to its sender. Each step is a work item's
 * change and a line of the document's workflow timeline. docs/architecture.md, "Điều hành".
 */

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
 * `comment`: an opinion on a draft answering an arrival (ý kiến phối hợp), on the draft's timeline.
 * `submitted` (trình ký) and `draft_returned` (the leader's trả lại, his comment its text): a
 * draft's way to its leader's signature, on the draft's timeline.
 */
export const WORKFLOW_STEP_KINDS = [
  'presented',
  'assigned',
  'settled',
  'passed',
  'progress',
  'done',
  'returned',
  'extension_asked',
  'extension_approved',
  'extension_refused',
  'comment',
  'submitted',
  'draft_returned',
] as const;
export type WorkflowStepKind = (typeof WORKFLOW_STEP_KINDS)[number];

/** The longest opinion on a draft (the desk's text box stops there too). */
export const MAX_DRAFT_COMMENT = 4000;

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

/** A draft submitted to this leader for his signature ("Chờ ký"), the earliest submitted first. */
export interface DraftToSign {
  documentId: number;
  subject: string;
  priority: number;
  /** Who submitted it (user id) and when; null on a copy whose timeline lacks the step. */
  submittedBy: number | null;
  submittedAt: string | null;
}

export interface MyWork {
  items: MyWorkItem[];
  /** The drafts waiting for his signature (none for one who does not sign). */
  toSign: DraftToSign[];
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
