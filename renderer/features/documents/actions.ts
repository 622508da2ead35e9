/**
 * What a clerk may do with a document, by where it stands. Pure, so that the rules are tested
 * apart from the screens: handling statuses only move forward (docs/formats.md#statuses), a revoked document is
 * read-only, and 02 (return) is an answer to an arrival, never a step back after accepting.
 */
import type { DocumentDetail, DocumentState, RecipientState, RecipientStatus } from '../../../shared/api/documents.js';
import { canRespond } from '../../../shared/domain/handling-status.js';

/** The receiving clerk's steps, in order, with the status code each sends. */
export const CLERK_ACTIONS = ['accept', 'return', 'assign', 'process', 'finish'] as const;
export type ClerkAction = (typeof CLERK_ACTIONS)[number];

export const CLERK_ACTION_STATUS = {
  return: '02',
  accept: '03',
  assign: '04',
  process: '05',
  finish: '06',
} as const satisfies Record<ClerkAction, '02' | '03' | '04' | '05' | '06'>;

/** The state an incoming document is in after the action. */
export const CLERK_ACTION_RESULT = {
  return: 'returned',
  accept: 'accepted',
  assign: 'assigned',
  process: 'processing',
  finish: 'done',
} as const satisfies Record<ClerkAction, DocumentState>;

/** How far along handling an incoming document is; null: no further handling (or not incoming). */
export const HANDLING_RANK: Partial<Record<DocumentState, number>> = {
  arrived: 1,
  accepted: 3,
  assigned: 4,
  processing: 5,
  done: 6,
};

/**
 * The handling steps offered for an incoming document in `state`, in the order to show them:
 * those the shared forward-only rule (the one the core enforces) allows.
 */
export function clerkActions(state: DocumentState): ClerkAction[] {
  return CLERK_ACTIONS.filter((action) => canRespond(state, CLERK_ACTION_STATUS[action]));
}

/** The sending clerk's requests about a document already sent. */
export const SENDER_ACTIONS = ['takeBack', 'update', 'revoke', 'replace'] as const;
export type SenderAction = (typeof SENDER_ACTIONS)[number];

type SenderView = Pick<DocumentDetail, 'direction' | 'state' | 'revokedAt' | 'replacedBy' | 'recipients'>;

/**
 * Take back, revoke, replace: only for an outgoing document the axis took, not revoked or
 * replaced; take back only while some recipient still holds it.
 */
export function senderActions(document: SenderView): SenderAction[] {
  if (document.direction !== 'outgoing') return [];
  if (document.state !== 'sent' || document.revokedAt !== null || document.replacedBy !== null) return [];
  return SENDER_ACTIONS.filter((action) => action !== 'takeBack' || takeBackCandidates(document.recipients).length > 0);
}

/** Recipients that still hold the document and can be asked to give it back. */
const NOT_HOLDING: ReadonlySet<RecipientState> = new Set<RecipientState>(['queued', 'returned', 'takeback_requested', 'takeback_agreed']);

export function takeBackCandidates(recipients: readonly RecipientStatus[]): RecipientStatus[] {
  return recipients.filter((recipient) => !NOT_HOLDING.has(recipient.state));
}

/** A revoked document is kept readable, but nothing more happens to it. */
export function isRevoked(document: Pick<DocumentDetail, 'state' | 'revokedAt'>): boolean {
  return document.state === 'revoked' || document.revokedAt !== null;
}
