/**
 * "Quản trị → Nhật ký" at the desk: the hub's audit log, its chain's verdict and the filtered rows
 * as a file. The hub decides who may read it (its admins); the desk only asks, with the session it
 * is signed in with, and says in its own words why an answer did not come.
 */
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { AuditPage } from '../../../shared/hub/audit-log.js';
import { exportTable } from '../export/export-file.js';
import { auditFileName, auditTable } from '../export/audit-export.js';
import type { HubLink } from '../hub-link/hub-link.js';
import { authorizeExport } from './export-policy.js';
import { hubAdminCall } from './hub-admin-call.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { ownAgencyName } from './own-agency.js';

type AuditFilter = ApiParsedInput<'hub.audit'>['filter'];
type HubAuditMethod = 'hub.audit' | 'hub.auditChain' | 'hub.auditExport';

/** As many rows as one exported file holds: the newest, when more match. */
export const AUDIT_EXPORT_ROWS = 10_000;
const EXPORT_PAGE = 500;

export function hubAuditHandlers(ctx: CoreContext, link: HubLink): HandlerMap<HubAuditMethod> {
  const ask = hubAdminCall(link, 'read the audit log');
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
