/**
 * Agency mode's work handling report ("Xử lý công việc" on the Reports screen): asked of the
 * agency server each time, since the figures span people whose work this desk's replica does not
 * hold; the export is made here from the server's answer by the one export layer
 * (docs/architecture.md, "The desk in agency mode").
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { WorkReport } from '../../../shared/hub/work-report.js';
import { exportTable } from '../export/export-file.js';
import { workReportFileName, workReportTable } from '../export/work-report-export.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError } from '../hub-link/hub-client.js';
import type { HubLink } from '../hub-link/hub-link.js';
import { listDirectoryUnits } from '../store/hub-replica.js';
import { authorizeExport } from './export-policy.js';
import { ownAgencyName } from './own-agency.js';
import type { CoreContext, HandlerMap } from './handlers.js';

export function hubReportHandlers(ctx: CoreContext, link: HubLink): HandlerMap<'hub.workReport' | 'hub.exportWorkReport'> {
  async function report(period: { from: string; to: string }): Promise<WorkReport> {
    const client = link.client();
    if (!client) throw new ApiError('not_configured', 'This desk is not signed in at an agency server: the work handling report is made there.');
    try {
      return await client.workReport(period);
    } catch (error) {
      if (error instanceof HubUnreachableError || error instanceof HubSessionEndedError) throw new ApiError('unavailable', `The agency server did not give the report: ${error.message}`, { hub: error instanceof HubUnreachableError ? 'offline' : 'signed_out' });
      if (error instanceof HubRefusedError) throw new ApiError(error.status === 400 ? 'invalid_input' : 'forbidden', `The agency server refused the report: ${error.message}`);
      throw error;
    }
  }

  /** The agency as its papers name it; a desk without an axis of its own: the top unit of the server's directory. */
  function agencyName(): string {
    return ownAgencyName(ctx) || (listDirectoryUnits(ctx.db).find((unit) => unit.parentId === null)?.name ?? '');
  }

  return {
    'hub.workReport': (period) => report(period),
    'hub.exportWorkReport': async ({ from, to, format }) => {
      authorizeExport(ctx, 'report:work', { from, to, format });
      const answer = await report({ from, to });
      return exportTable(ctx.files, workReportTable(agencyName(), answer), format, workReportFileName(answer));
    },
  };
}
