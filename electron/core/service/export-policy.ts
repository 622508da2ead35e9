/**
 * The one place that decides whether a register or report may leave the app as a file. Every
 * export goes through it: the admin policy DisableExport refuses it here (nothing recorded, since
 * nothing left); otherwise every user may export, and who took what out goes in the audit log.
 */
import { policyRefusal } from '../policy/apply-policy.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import type { CoreContext } from './handlers.js';

export function authorizeExport(ctx: CoreContext, subject: string, details: Record<string, unknown>, now: Date = new Date()): void {
  if (ctx.policy.policy.disableExport?.value) throw policyRefusal(ctx.policy, 'disableExport', "Export is turned off by your agency's IT policy: registers and reports stay in VanThu.");
  writeTransaction(ctx.db, () => appendAudit(ctx.db, { actor: ctx.actor, action: 'export', subject, details }, now));
}
