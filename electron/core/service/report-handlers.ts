/** Reports: one call per report, each one SQL aggregate in the store; export to XLSX. */
import type { ReportKind } from '../../../shared/api/registers.js';
import { exportTable } from '../export/export-file.js';
import { reportTable, type ReportData } from '../export/report-export.js';
import { countDocuments, overdueDocuments, processingTimes, type Period } from '../store/reports.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { authorizeExport } from './export-policy.js';
import type { CoreContext, HandlerMap } from './handlers.js';

const TOP_AGENCIES = 10;
const MAX_ROWS = 10_000;

export function reportHandlers(ctx: CoreContext): HandlerMap<'reports.counts' | 'reports.processingTimes' | 'reports.overdue' | 'reports.export'> {
  const { db } = ctx;
  const today = () => vietnamDate(new Date());

  function report(kind: ReportKind, period: Period): ReportData {
    switch (kind) {
      case 'byMonth':
        return { kind, rows: countDocuments(db, 'month', period, MAX_ROWS) };
      case 'byAgency':
        return { kind, rows: countDocuments(db, 'agency', period, TOP_AGENCIES) };
      case 'byType':
        return { kind, rows: countDocuments(db, 'type', period, MAX_ROWS) };
      case 'processingTimes':
        return { kind, times: processingTimes(db, period) };
      case 'overdue':
        return { kind, rows: overdueDocuments(db, today(), MAX_ROWS) };
    }
  }

  return {
    'reports.counts': ({ groupBy, from, to, limit }) => countDocuments(db, groupBy, { from, to }, limit ?? (groupBy === 'agency' ? TOP_AGENCIES : MAX_ROWS)),
    'reports.processingTimes': (period) => processingTimes(db, period),
    'reports.overdue': ({ limit }) => overdueDocuments(db, today(), limit ?? MAX_ROWS),
    'reports.export': ({ kind, from, to, format }) => {
      authorizeExport(ctx, `report:${kind}`, { from, to, format });
      return exportTable(ctx.files, reportTable(report(kind, { from, to }), { from, to }), format, `bao-cao-${kind}-${from}-${to}`);
    },
  };
}
