/**
 * The axis's agency directory as the agency server keeps it, searched from a desk in agency mode
 * (a desk keeps no copy: the server's exchange pulls it). `GET /api/agencies?q=&limit=&offset=`
 * searches it as a standalone desk searches its own copy; `GET /api/agencies/named?ids=a,b` names
 * the codes a draft was already addressed to. docs/architecture.md, "The desk in agency mode".
 */
import { z } from 'zod';
import type { AgencyMatch } from '../domain/agency.js';
import { RECEIVED_AGENCY_ID } from '../domain/agency.js';

/** As many agencies as one page or one naming call holds (a draft.send names at most as many). */
export const MAX_AGENCIES_PER_CALL = 500;

export const agencySearchQuery = z
  .object({
    q: z.string().max(200).default(''),
    limit: z.coerce.number().int().min(1).max(MAX_AGENCIES_PER_CALL).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const agencyId = z.string().regex(RECEIVED_AGENCY_ID, 'an agency code from the directory');

/** Comma-separated codes, each once. */
export const agencyNamesQuery = z
  .object({
    ids: z
      .string()
      .max(MAX_AGENCIES_PER_CALL * 65)
      .transform((ids) => [...new Set(ids.split(',').filter((id) => id.length > 0))])
      .pipe(z.array(agencyId).min(1).max(MAX_AGENCIES_PER_CALL)),
  })
  .strict();

export interface HubAgencyPage {
  rows: AgencyMatch[];
  /** How many agencies match in all (the page is `limit` of them from `offset`). */
  total: number;
}
