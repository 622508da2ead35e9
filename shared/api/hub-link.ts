/**
 * Agency mode at the desk: the link to the agency hub as the renderer sees it (who is signed in,
 * whether the hub is reachable, how far behind the replica is) and the desk's queue of commands.
 * docs/architecture.md, "The desk in agency mode".
 */
import type { Role, UnitInfo } from '../hub/accounts.js';
import type { CommandKind, CommandRefusal } from '../hub/commands.js';
import type { DeadlineState } from '../domain/working-days.js';
import type { DailyDigestPayload, DeadlineReminderPayload } from '../hub/deadlines.js';
import type { ExtensionToDecide } from '../hub/my-work.js';
import type { DraftToSign, ExtensionRequest, MyWorkItem } from '../hub/workflow.js';

/**
 * `connecting`: the first call since the start or a sign-in; `online`: following the feed, up to
 * date; `catching_up`: pages or a snapshot are being applied; `offline`: the hub does not answer
 * (tried again with back-off); `signed_out`: no session (signed out, or the hub ended it).
 */
export const HUB_LINK_PHASES = ['connecting', 'online', 'catching_up', 'offline', 'signed_out'] as const;
export type HubLinkPhase = (typeof HUB_LINK_PHASES)[number];

export interface HubDeskUser {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
}

export interface HubLinkStatus {
  hubUrl: string;
  /** Who this desk is signed in as; null once signed out. */
  user: HubDeskUser | null;
  phase: HubLinkPhase;
  /**
   * Changes still to apply: the hub's last number less the desk's (they include changes this user
   * does not see). `behindAtLeast`: the hub did not say its last number (a full page), so the
   * count is a floor. Null when up to date or not known.
   */
  behind: number | null;
  behindAtLeast: boolean;
  /** Taking a fresh snapshot: documents applied so far. */
  snapshotDocuments: number | null;
  /** Commands waiting for the hub, and refused ones the desk still shows. */
  queued: number;
  refused: number;
  lastContactAt: string | null;
  nextAttemptAt: string | null;
  /** The technical detail of the last problem (for "Chi tiết"), or null. */
  detail: string | null;
}

export interface HubCommandItem {
  id: string;
  kind: CommandKind;
  state: 'queued' | 'applied' | 'refused';
  createdAt: string;
  attempts: number;
  lastError: string | null;
  answeredAt: string | null;
  refusal: { reason: CommandRefusal; message: string } | null;
  /**
   * The document it acts on, by the hub's id: the one named in it, or the draft a new draft's
   * `draft.save` made once the feed brought it; null for a new draft not in the replica yet.
   */
  documentId: number | null;
  /**
   * Applied, but the feed has not brought its result to the replica yet (an accepted arrival still
   * shown as arrived, a new draft not there): the desk still shows it as pending.
   */
  awaitingFeed: boolean;
  /** What the queue names it by: a draft's subject as saved, else its document's subject in the replica. */
  subject: string | null;
}

/** The agency's directory at the desk (`hub.directory`): units, and the people not disabled. */
export interface HubDirectory {
  units: UnitInfo[];
  users: HubDeskUser[];
}

/** A registered arrival not presented to a leader yet (the clerk's "Chờ trình"). */
export interface ArrivalToPresent {
  documentId: number;
  subject: string;
  priority: number;
  arrivalNumber: number | null;
}

/** "Việc của tôi" at the desk (`hub.myWork`): the person's open items; a clerk's arrivals to present too. */
export interface DeskWork {
  items: MyWorkItem[];
  toPresent: ArrivalToPresent[];
  /** The extensions (gia hạn) waiting for a decision on the items in `items`. */
  extensionsAsked: ExtensionRequest[];
  /** The extensions waiting for his decision (he is above the item). */
  extensionsToDecide: ExtensionToDecide[];
  /** The drafts waiting for his signature ("Chờ ký"). */
  toSign: DraftToSign[];
}

// ── Files on demand (docs/architecture.md, "Files on demand at the desk") ──

/**
 * A hub document's file at this desk. `kept`: on this computer and kept for offline use (the
 * document is pinned); `held`: on this computer for now (may be removed to make room);
 * `not_here`: fetched from the agency server when opened; `fetching`: being fetched, or waiting its
 * turn to be (a pinned document's); `failed`: a pinned document's file could not be fetched yet
 * (`detail` says why; it is tried again).
 */
export const HUB_FILE_STATES = ['kept', 'held', 'not_here', 'fetching', 'failed'] as const;
export type HubFileState = (typeof HUB_FILE_STATES)[number];

export interface HubDocumentFile {
  sha256: string;
  name: string;
  size: number;
  state: HubFileState;
  /** The technical reason of a `failed` file, for "Chi tiết". */
  detail: string | null;
}

export interface HubDocumentFiles {
  documentId: number;
  /** The user asked to keep this document's files on this computer. */
  pinned: boolean;
  files: HubDocumentFile[];
}

/**
 * Why a hub file could not be opened, in the error's `fields.file` (code `unavailable`):
 * `offline` (not on this computer and the server does not answer), `damaged` (the server's bytes
 * do not match the file's SHA-256: refused, nothing kept), `signed_out` (no session to fetch with).
 */
export const HUB_FILE_PROBLEMS = ['offline', 'damaged', 'signed_out'] as const;
export type HubFileProblem = (typeof HUB_FILE_PROBLEMS)[number];

/** The reason a failed `hub.openAttachment` gives (its `fields.file`), or null for any other failure. */
export function hubFileProblem(error: { code: string; fields?: Record<string, string> | undefined }): HubFileProblem | null {
  const problem = error.code === 'unavailable' ? error.fields?.file : undefined;
  return (HUB_FILE_PROBLEMS as readonly string[]).includes(problem ?? '') ? (problem as HubFileProblem) : null;
}

// ── Deadline notices (docs/architecture.md, "Deadline notices at the desk") ──

/**
 * A deadline reminder or the daily digest, as the feed brought it to this desk for the person
 * signed in. `key`: the feed's subject (`reminder:<id>`, `digest:<user>:<day>`), one per notice.
 */
export type DeskNotice = { key: string; day: string; read: boolean } & (
  | { kind: 'reminder'; reminder: DeadlineReminderPayload; documentSubject: string | null }
  | { kind: 'digest'; digest: DailyDigestPayload }
);

/** `hub.notices`: the newest notices first, and how many of all are unread. */
export interface DeskNotices {
  unread: number;
  notices: DeskNotice[];
}

/** `hub.unitWork`: a unit's open work as this desk holds it (the overview's drill-down), soonest deadline first. */
export interface UnitWorkItem extends MyWorkItem {
  /** Where its deadline stands today by the calendar VanThu ships; null without a deadline. */
  standing: DeadlineState | null;
  workingDaysLate: number;
}
