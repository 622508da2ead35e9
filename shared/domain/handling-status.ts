/**
 * Handling statuses (docs/formats.md#statuses) and the rule that they never go backwards. Shared by the core,
 * which enforces it on what it sends and what it receives, and the renderer, which offers only
 * the actions that move a document forward.
 */
import type { DocumentState, RecipientState } from '../api/documents.js';

export type ResponseStatusCode = '02' | '03' | '04' | '05' | '06';

/** Where an incoming document stands after this agency sent each handling status. */
export const RESPONSE_STATE: Record<ResponseStatusCode, DocumentState> = {
  '02': 'returned',
  '03': 'accepted',
  '04': 'assigned',
  '05': 'processing',
  '06': 'done',
};

const INCOMING_RANK: Partial<Record<DocumentState, number>> = {
  arrived: 1,
  returned: 9,
  accepted: 3,
  assigned: 4,
  processing: 5,
  done: 6,
  revoked: 10,
};

/**
 * Whether the receiving clerk may send `code` on a document in `state`: forward only; a returned,
 * done or revoked document takes no more handling statuses; a document must be accepted (03)
 * before it is assigned or processed, and only an arrived one can be accepted or returned.
 */
export function canRespond(state: DocumentState, code: ResponseStatusCode): boolean {
  const current = INCOMING_RANK[state];
  if (current === undefined || current >= 6) return false;
  if (code === '02' || code === '03') return state === 'arrived';
  return current >= 3 && INCOMING_RANK[RESPONSE_STATE[code]]! > current;
}

/**
 * Whether an arrival may still be returned to its sender (02): before it is accepted, by the
 * clerk (canRespond); after, while its handling inside the agency is open (accepted, assigned,
 * processing), by the agency's workflow at the hub (docs/architecture.md, "Điều hành"). A done,
 * returned or revoked document cannot.
 */
export function canReturn(state: DocumentState): boolean {
  return state === 'arrived' || state === 'accepted' || state === 'assigned' || state === 'processing';
}

/** The sender's view of one recipient, fed by the statuses that recipient sends back. */
export const STATUS_RECIPIENT_STATE: Record<string, RecipientState> = {
  '01': 'arrived',
  '02': 'returned',
  '03': 'accepted',
  '04': 'assigned',
  '05': 'processing',
  '06': 'done',
  '13': 'takeback_requested',
  '15': 'takeback_agreed',
  '16': 'takeback_refused',
};

const RECIPIENT_RANK: Record<RecipientState, number> = {
  queued: 0,
  sent: 1,
  arrived: 2,
  returned: 3,
  accepted: 3,
  assigned: 4,
  processing: 5,
  done: 6,
  takeback_requested: 10,
  takeback_agreed: 11,
  takeback_refused: 11,
};

/** The recipient's new state, or the current one when `next` would move it backwards. */
export function advanceRecipientState(current: RecipientState, next: RecipientState): RecipientState {
  return RECIPIENT_RANK[next] > RECIPIENT_RANK[current] ? next : current;
}

/**
 * What a status `code` a recipient sent does to its row: the state the row takes (with the code
 * and reason, unknown codes kept verbatim on an unchanged state), or null when the row stays as
 * it is and the status goes in the timeline only. Known codes move the row forward only: the axis
 * does not keep order, so a 01 fetched after the 02 it preceded must not wipe the later status's
 * code and reason. 15/16 answer a take-back only when one was asked; answering an update they are
 * recorded without changing where the recipient stands.
 */
export function recipientStatusChange(current: RecipientState, code: string): RecipientState | null {
  const next = STATUS_RECIPIENT_STATE[code];
  const answersTakeBack = code !== '15' && code !== '16' ? true : current === 'takeback_requested';
  if (!next || !answersTakeBack) return current;
  const state = advanceRecipientState(current, next);
  return state === current && next !== current ? null : state;
}

/** The states of an arrival being handled: registered, and neither done nor returned (the workflow's steps apply to these). */
export const HANDLING_STATES: readonly DocumentState[] = ['accepted', 'assigned', 'processing'];
