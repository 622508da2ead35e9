/**
 * Điều hành in standalone mode (docs/architecture.md, "Điều hành in standalone mode"): one person
 * is clerk and handler, so a registered arrival carries its own deadline and instruction, and
 * "Việc của tôi" lists the open ones by deadline.
 */
import type { DeadlineState } from '../domain/working-days.js';

/** The handling states of a registered arrival still open (accepted, assigned, in progress). */
export const OPEN_ARRIVAL_STATES = ['accepted', 'assigned', 'processing'] as const;
export type OpenArrivalState = (typeof OPEN_ARRIVAL_STATES)[number];

/** A registered arrival as "Việc của tôi" and its document's page show its handling. */
export interface ArrivalWorkItem {
  documentId: number;
  subject: string;
  senderName: string | null;
  codeNumber: string | null;
  codeNotation: string | null;
  arrivalNumber: number | null;
  priority: number;
  state: OpenArrivalState;
  /** The Vietnam day it was registered. */
  registeredOn: string;
  /** Hạn xử lý, YYYY-MM-DD. */
  deadline: string;
  /** True while the deadline is the default (urgency, or the sender's due date), not one the person set. */
  defaultDeadline: boolean;
  /** Ý kiến, bút phê: the person's own words on how to handle it; empty when none. */
  instruction: string;
  /** Where the deadline stands today by the calendar VanThu ships. */
  standing: DeadlineState;
  workingDaysLate: number;
}
