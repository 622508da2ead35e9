/**
 * The tabs of "Văn bản đến", by where each incoming document stands: what waits for the clerk
 * (arrived: neither accepted nor returned — the number on the nav, the tray and the taskbar),
 * what is being handled, what is finished (done, returned, revoked), and what is overdue (its due
 * date passed in Vietnam's time while it was not finished). The core filters and counts with
 * these sets; the renderer marks overdue rows with the same rule.
 */
import type { DocumentState } from '../api/documents.js';

export const INBOX_TABS = ['waiting', 'inProgress', 'handled', 'overdue', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** Not finished: what may still be (or become) overdue. */
export const UNFINISHED_STATES = ['arrived', 'accepted', 'assigned', 'processing'] as const satisfies readonly DocumentState[];

export const TAB_STATES = {
  waiting: ['arrived'],
  inProgress: ['accepted', 'assigned', 'processing'],
  handled: ['done', 'returned', 'revoked'],
} as const satisfies Record<Exclude<InboxTab, 'overdue' | 'all'>, readonly DocumentState[]>;

export interface InboxCounts {
  waiting: number;
  inProgress: number;
  handled: number;
  overdue: number;
  all: number;
  /** Take-back, revoke, update or replace requests waiting for this agency's answer. */
  requests: number;
}

/** Overdue on `today` (yyyy-MM-dd, Vietnam): a due date before today, and not finished. */
export function isOverdue(document: { direction: string; state: DocumentState; dueDate: string | null }, today: string): boolean {
  return document.direction === 'incoming' && document.dueDate !== null && document.dueDate < today && (UNFINISHED_STATES as readonly DocumentState[]).includes(document.state);
}
