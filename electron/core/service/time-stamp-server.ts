/** The RFC 3161 time-stamp server: when one is set, every signature is PAdES B-T. */
import type { SigningSettings } from '../../../shared/api/signing.js';
import { policyRefusal } from '../policy/apply-policy.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { deleteValue, readValue, writeValue } from '../store/key-value.js';
import type { CoreContext } from './handlers.js';

export const TSA_URL_SETTING = 'signing.tsaUrl';

/** The time-stamp server in use: the policy's, else this computer's setting. */
export function timeStampServer(ctx: CoreContext): Pick<SigningSettings, 'tsaUrl' | 'tsaSource'> {
  const { policy } = ctx.policy;
  if (policy.tsaUrl) return { tsaUrl: policy.tsaUrl.value, tsaSource: 'policy' };
  const saved = readValue<string>(ctx.db, 'settings', TSA_URL_SETTING) || null;
  return { tsaUrl: saved, tsaSource: saved ? 'setting' : 'none' };
}

export function saveTimeStampServer(ctx: CoreContext, url: string | null | undefined): void {
  if (ctx.policy.policy.tsaUrl) throw policyRefusal(ctx.policy, 'tsaUrl', 'The time-stamp server cannot be changed on this computer.');
  writeTransaction(ctx.db, () => {
    if (url) writeValue(ctx.db, 'settings', TSA_URL_SETTING, url);
    else deleteValue(ctx.db, 'settings', TSA_URL_SETTING);
    appendAudit(ctx.db, { actor: ctx.actor, action: 'signing.tsa', details: { url: url || null } });
  });
}
