/**
 * "Việc của tôi" for a signed-in desk: `GET /api/work`, the user's open work items with their
 * documents, soonest deadline first (hub/store/workflow.ts openWorkOf). Only items on documents
 * he may see (the one access rule) are listed.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import { myWorkQuery, type MyWork } from '../../../shared/hub/workflow.js';
import { openWorkOf } from '../../store/workflow.js';
import { signedInAccount } from '../access.js';

export function workRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Querystring: z.output<typeof myWorkQuery> }>('/api/work', { schema: { querystring: myWorkQuery }, config: { access: 'signed_in' } }, async (request): Promise<MyWork> => {
    const { userId } = signedInAccount(request);
    return { items: await openWorkOf(pool, userId, request.query.limit) };
  });
}
