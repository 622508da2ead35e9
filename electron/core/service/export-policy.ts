/**
 * The one place that decides whether a register or report may leave the app as a file. Every
 * export goes through it: the planned admin policy "disable export" lands here alone. Today it
 * lets every user export, and records who took what out, in the audit log.
 */
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import type { CoreContext } from './handlers.js';

export function authorizeExport(ctx: CoreContext, subject: string, details: Record<string, unknown>, now: Date = new Date()): void {
  writeTransaction(ctx.db, () => appendAudit(ctx.db, { actor: ctx.actor, action: 'export', subject, details }, now));
}
