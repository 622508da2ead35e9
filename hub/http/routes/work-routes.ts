/**
 * "Việc của tôi" for a signed-in desk: `GET /api/work`, the user's open work items with their
 * documents, soonest deadline first (hub/store/workflow.ts openWorkOf), and the drafts waiting for
 * his signature ("Chờ ký", draftsToSignOf). Only items on documents he may see (the one access rule) are listed. `GET /api/work/overdue`: a leader's overview of the
 * open work per unit (hub/deadlines/overview.ts); refused to one who leads no unit.
 * `GET /api/reports/work?from&to`: the work handling report over a period (hub/deadlines/work-report.ts),
 * each person seeing the units his roles give him (a specialist, his own items).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import type { WorkReport } from '../../../shared/hub/work-report.js';
import type { MyWork, OverdueOverview } from '../../../shared/hub/workflow.js';
import { myWorkQuery, workReportQuery } from '../../../shared/hub/workflow-commands.js';
import { overdueOverview } from '../../deadlines/overview.js';
import { workReport } from '../../deadlines/work-report.js';
import { HubError } from '../../errors.js';
import { draftsToSignOf, openWorkOf } from '../../store/workflow.js';
import { deny, signedInAccount } from '../access.js';

export function workRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Querystring: z.output<typeof myWorkQuery> }>('/api/work', { schema: { querystring: myWorkQuery }, config: { access: 'signed_in' } }, async (request): Promise<MyWork> => {
    const { userId } = signedInAccount(request);
    return { items: await openWorkOf(pool, userId, request.query.limit), toSign: await draftsToSignOf(pool, userId, request.query.limit) };
  });

  app.get('/api/work/overdue', { config: { access: 'signed_in' } }, async (request): Promise<OverdueOverview> => {
    const account = signedInAccount(request);
    const overview = await overdueOverview(pool, account.userId, new Date());
    if (overview) return overview;
    await deny(pool, request, account.username, 'not_a_leader', `session:${account.sessionId}`);
    throw new HubError('forbidden', 'Only the agency\'s leaders and unit leaders see the work of units.');
  });

  app.get<{ Querystring: z.output<typeof workReportQuery> }>('/api/reports/work', { schema: { querystring: workReportQuery }, config: { access: 'signed_in' } }, async (request): Promise<WorkReport> => {
    const { userId } = signedInAccount(request);
    const report = await workReport(pool, userId, request.query, new Date());
    // A signed-in account is known and enabled; one disabled since its sign-in sees nothing.
    if (report) return report;
    throw new HubError('forbidden', 'This account may not see the work of the agency.');
  });
}
