/**
 * "Việc của tôi" for a signed-in desk: `GET /api/work`, the user's open work items with their
 * documents, soonest deadline first (hub/store/workflow.ts openWorkOf). Only items on documents
 * he may see (the one access rule) are listed. `GET /api/work/overdue`: a leader's overview of the
 * open work per unit (hub/deadlines/overview.ts); refused to one who leads no unit.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import type { MyWork, OverdueOverview } from '../../../shared/hub/workflow.js';
import { myWorkQuery } from '../../../shared/hub/workflow-commands.js';
import { overdueOverview } from '../../deadlines/overview.js';
import { HubError } from '../../errors.js';
import { openWorkOf } from '../../store/workflow.js';
import { deny, signedInAccount } from '../access.js';

export function workRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Querystring: z.output<typeof myWorkQuery> }>('/api/work', { schema: { querystring: myWorkQuery }, config: { access: 'signed_in' } }, async (request): Promise<MyWork> => {
    const { userId } = signedInAccount(request);
    return { items: await openWorkOf(pool, userId, request.query.limit) };
  });

  app.get('/api/work/overdue', { config: { access: 'signed_in' } }, async (request): Promise<OverdueOverview> => {
    const account = signedInAccount(request);
    const overview = await overdueOverview(pool, account.userId, new Date());
    if (overview) return overview;
    await deny(pool, request, account.username, 'not_a_leader', `session:${account.sessionId}`);
    throw new HubError('forbidden', 'Only the agency\'s leaders and unit leaders see the work of units.');
  });
}
