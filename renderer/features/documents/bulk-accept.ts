/**
 * Accepting several arrived documents at once. Only what needs no second look goes through in
 * bulk: a valid signature, or a document that is plainly unsigned. One whose signature needs
 * review, is invalid, or is not verified yet is left for the clerk to open — accepting it asks for
 * a decision about the signature (an incoming document's own page), which a bulk action would hide.
 */
import type { DocumentSummary } from '../../../shared/api/documents.js';
import type { AcceptVerdict } from '../../../shared/api/verification.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { badgeKind } from '../verification/verdict.js';

export type BulkSkip = 'review' | 'invalid' | 'pending' | 'notWaiting';

/** Null when the document may be accepted in bulk, else why it is left for its own page. */
export function bulkAcceptSkip(row: Pick<DocumentSummary, 'state' | 'verification'>): BulkSkip | null {
  if (row.state !== 'arrived') return 'notWaiting';
  switch (badgeKind(row.verification)) {
    case 'valid':
    case 'unsigned':
      return null;
    case 'warning':
      return 'review';
    case 'invalid':
      return 'invalid';
    case 'pending':
      return 'pending';
  }
}

/**
 * The verdict the bulk action confirms for the core (an accept of anything but a valid signature
 * must name the verdict the clerk saw): only "unsigned" goes through in bulk, as the list shows it.
 */
export function confirmedVerdict(row: Pick<DocumentSummary, 'verification'>): AcceptVerdict | undefined {
  return row.verification?.indication === 'UNSIGNED' ? 'UNSIGNED' : undefined;
}

export const SKIP_TEXT: Record<BulkSkip, PlainMessageKey> = {
  review: 'bulk.skip.review',
  invalid: 'bulk.skip.invalid',
  pending: 'bulk.skip.pending',
  notWaiting: 'bulk.skip.notWaiting',
};

/** One document's outcome, in the order they were chosen. */
export type BulkOutcome =
  | { id: number; subject: string; kind: 'accepted'; arrivalNumber: number | null }
  | { id: number; subject: string; kind: 'skipped'; why: BulkSkip }
  | { id: number; subject: string; kind: 'failed'; error: string };

/**
 * Accepts the chosen rows one after another (each its own registered number and status package),
 * reporting each outcome as it comes; a failure stops nothing.
 */
export async function acceptInBulk(
  rows: readonly Pick<DocumentSummary, 'id' | 'subject' | 'state' | 'verification'>[],
  accept: (row: Pick<DocumentSummary, 'id' | 'verification'>) => Promise<{ arrivalNumber: number | null }>,
  report: (outcome: BulkOutcome) => void,
  errorText: (error: unknown) => string,
): Promise<void> {
  for (const row of rows) {
    const why = bulkAcceptSkip(row);
    if (why) {
      report({ id: row.id, subject: row.subject, kind: 'skipped', why });
      continue;
    }
    try {
      const accepted = await accept(row);
      report({ id: row.id, subject: row.subject, kind: 'accepted', arrivalNumber: accepted.arrivalNumber });
    } catch (error) {
      report({ id: row.id, subject: row.subject, kind: 'failed', error: errorText(error) });
    }
  }
}
