/**
 * The changes of a document row as it moves through its life. Each guards the state it moves from
 * in its WHERE, so a change that lost a race changes nothing and says so (false); the caller runs it
 * inside its write transaction, beside the timeline and audit rows of the same step.
 */
import type { SigningState } from '../../../shared/api/documents.js';
import type { Db } from './database.js';

/**
 * One step of the signing sequence (docs/architecture.md, "Signing"): from `from` to `to`, with the
 * number and date when the step gives them. False when the draft is not at `from` any more.
 */
export function moveSigningState(
  db: Db,
  id: number,
  from: SigningState,
  to: SigningState,
  at: string,
  extra: { codeNumber?: string; promulgationDate?: string; leaderComment?: string | null } = {},
): boolean {
  const columns: [string, unknown][] = [['signing_state', to]];
  if (extra.codeNumber !== undefined) columns.push(['code_number', extra.codeNumber]);
  if (extra.promulgationDate !== undefined) columns.push(['promulgation_date', extra.promulgationDate]);
  if (extra.leaderComment !== undefined) columns.push(['leader_comment', extra.leaderComment]);
  const sets = columns.map(([column]) => `${column} = ?`).join(', ');
  return db.prepare(`UPDATE documents SET ${sets}, updated_at = ? WHERE id = ? AND direction = 'draft' AND signing_state = ?`).run(...columns.map(([, value]) => value), at, id, from).changes === 1;
}
