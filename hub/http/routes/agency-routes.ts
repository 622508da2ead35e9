/**
 * The axis's agency directory for the desks (any signed-in user: sending is the clerk's, but the
 * directory is public to the axis's members): search it, or name codes already chosen.
 * shared/hub/agencies.ts.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import { agencyNamesQuery, agencySearchQuery, type HubAgencyPage } from '../../../shared/hub/agencies.js';
import type { AgencyMatch } from '../../../shared/domain/agency.js';
import { agenciesNamed, searchAgencies } from '../../store/agencies.js';

export function agencyRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Querystring: z.output<typeof agencySearchQuery> }>(
    '/api/agencies',
    { schema: { querystring: agencySearchQuery }, config: { access: 'signed_in' } },
    async (request): Promise<HubAgencyPage> => {
      const { q, limit, offset } = request.query;
      return searchAgencies(pool, q, limit, offset);
    },
  );
  app.get<{ Querystring: z.output<typeof agencyNamesQuery> }>(
    '/api/agencies/named',
    { schema: { querystring: agencyNamesQuery }, config: { access: 'signed_in' } },
    async (request): Promise<AgencyMatch[]> => agenciesNamed(pool, request.query.ids),
  );
}
