/**
 * Content search for a signed-in desk: `GET /api/search?q=…` finds, newest first, the documents
 * holding every typed chunk in their header or files, accents ignored, each with the passage that
 * matched. What the user may see is part of the search's own query (content-search.ts): a
 * document the user may not see is never a candidate, so neither its id nor its words come back.
 * `GET /api/search/ocr` tells how many scans still wait for OCR (counts only, no document).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import { contentSearchQuery, type HubContentSearchPage, type HubOcrProgress } from '../../../shared/hub/documents.js';
import { searchContent } from '../../store/content-search.js';
import { ocrQueueProgress } from '../../store/ocr-jobs.js';
import { signedInAccount } from '../access.js';

export function searchRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Querystring: z.output<typeof contentSearchQuery> }>(
    '/api/search',
    { schema: { querystring: contentSearchQuery }, config: { access: 'signed_in' } },
    async (request): Promise<HubContentSearchPage> => {
      const { userId } = signedInAccount(request);
      const { q, before, limit } = request.query;
      const found = await searchContent(pool, { query: q, beforeId: before ?? null, limit, onlyIds: null, readerId: userId });
      return { rows: found.rows, nextBefore: found.next?.beforeId ?? null };
    },
  );
  app.get('/api/search/ocr', { config: { access: 'signed_in' } }, (): Promise<HubOcrProgress> => ocrQueueProgress(pool));
}
