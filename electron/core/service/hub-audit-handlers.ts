/**
 * "Quản trị → Nhật ký" at the desk: the hub's audit log, its chain's verdict and the filtered rows
 * as a file. The hub decides who may read it (its admins); the desk only asks, with the session it
 * is signed in with, and says in its own words why an answer did not come.
 */
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { AuditPage } from '../../../shared/hub/audit-log.js';
import { exportTable } from '../export/export-file.js';
import { auditFileName, auditTable } from '../export/audit-export.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError, type HubClient } from '../hub-link/hub-client.js';
import type { HubLink } from '../hub-link/hub-link.js';
import { authorizeExport } from './export-policy.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { ownAgencyName } from './own-agency.js';

type AuditFilter = ApiParsedInput<'hub.audit'>['filter'];
type HubAuditMethod = 'hub.audit' | 'hub.auditChain' | 'hub.auditExport';

/** As many rows as one exported file holds: the newest, when more match. */
export const AUDIT_EXPORT_ROWS = 10_000;
const EXPORT_PAGE = 500;

export function hubAuditHandlers(ctx: CoreContext, link: HubLink): HandlerMap<HubAuditMethod> {
  const ask = async <T>(call: (client: HubClient) => Promise<T>): Promise<T> => {
    const client = link.client();
    if (!client) throw new ApiError('not_configured', 'This desk is not signed in to the agency server.');
    return call(client).catch((error: unknown) => {
      throw hubAnswerError(error);
    });
  };
  return {
    'hub.audit': ({ filter, before, limit }) => ask((client) => client.audit(auditQuery(filter, { before, limit }))),
    'hub.auditChain': () => ask((client) => client.auditChain()),
    'hub.auditExport': async ({ filter, format }) => {
      authorizeExport(ctx, 'hub:audit', { ...filter, format });
      const rows: AuditPage['rows'] = [];
      let before: number | undefined;
      let truncated = false;
      for (;;) {
        const page = await ask((client) => client.audit(auditQuery(filter, { before, limit: EXPORT_PAGE })));
        rows.push(...page.rows);
        if (page.nextBefore === null) break;
        if (rows.length >= AUDIT_EXPORT_ROWS) {
          truncated = true;
          break;
        }
        before = page.nextBefore;
      }
      const now = new Date();
      const kept = rows.slice(0, AUDIT_EXPORT_ROWS);
      return exportTable(ctx.files, auditTable(ownAgencyName(ctx), { rows: kept, from: filter.from, to: filter.to, truncated: truncated || rows.length > kept.length, now }), format, auditFileName(now));
    },
  };
}

/** The filter as the hub's auditListQuery reads it from the URL. */
function auditQuery(filter: AuditFilter, page: { before: number | undefined; limit: number }): Record<string, string> {
  const query: Record<string, string> = { limit: String(page.limit) };
  if (page.before !== undefined) query.before = String(page.before);
  for (const key of ['from', 'to', 'actor', 'kind', 'document'] as const) {
    const value = filter[key];
    if (value !== undefined) query[key] = String(value);
  }
  if (filter.restrictedOnly) query.restrictedOnly = 'true';
  return query;
}

function hubAnswerError(error: unknown): Error {
  if (error instanceof HubRefusedError) {
    return error.status === 403 ? new ApiError('forbidden', `The agency server lets only its administrators read the audit log. ${error.message}`) : new ApiError('invalid_input', error.message);
  }
  if (error instanceof HubSessionEndedError) return new ApiError('unauthorized', `The session at the agency server has ended: sign in again. ${error.message}`);
  if (error instanceof HubUnreachableError) return new ApiError('unavailable', `The agency server does not answer now. ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}
