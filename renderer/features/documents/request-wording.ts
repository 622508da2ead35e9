/**
 * One word per action (docs/glossary.md): take back = lấy lại (status 13, the sender asks for the
 * document back), revoke = thu hồi (a revoke package). The core keeps one set of recipient states
 * (takeback_*) for every request a recipient answers, and one `revoked` state for the receiver's
 * copy after any agreement; the words shown follow what was actually asked.
 */
import type { DocumentDetail, RecipientState, TimelineEntry } from '../../../shared/api/documents.js';
import { recipientStateKey, type PlainMessageKey } from '../../../shared/i18n/messages.js';

/** What the sender last asked of this document's recipients. */
export type SenderRequest = 'takeback' | 'revoke' | 'replace';

export function senderRequest(document: Pick<DocumentDetail, 'revokedAt' | 'replacedBy'>): SenderRequest {
  if (document.revokedAt !== null) return 'revoke';
  return document.replacedBy !== null ? 'replace' : 'takeback';
}

const REQUEST_ANSWER_STATES: ReadonlySet<RecipientState> = new Set(['takeback_requested', 'takeback_agreed', 'takeback_refused']);

/** The words for a recipient's state on the sender's side. */
export function recipientStateText(state: RecipientState, request: SenderRequest): PlainMessageKey {
  if (!REQUEST_ANSWER_STATES.has(state) || request === 'takeback') return recipientStateKey(state);
  return `recipientState.${request}.${state as 'takeback_requested' | 'takeback_agreed' | 'takeback_refused'}`;
}

/**
 * On the receiving side: whether this agency's last agreement (15) answered a take-back (13)
 * rather than a revoke, replace or update, so that its copy reads "lấy lại", not "thu hồi".
 */
export function wasTakenBack(timeline: readonly TimelineEntry[]): boolean {
  let asked = false;
  let takenBack = false;
  for (const entry of [...timeline].sort((a, b) => a.at.localeCompare(b.at))) {
    if (entry.direction === 'in' && entry.statusCode === '13') asked = true;
    else if (entry.direction === 'out' && entry.statusCode === '16') asked = false;
    else if (entry.direction === 'out' && entry.statusCode === '15') {
      takenBack = asked;
      asked = false;
    }
  }
  return takenBack;
}
