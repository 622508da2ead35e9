import type { HubMigration } from './index.js';

/**
 * The directory search's index (050) took `search_text` as PostgreSQL's parser splits it, which
 * keeps a code ("000.00.12.h41") as one word: a code typed in part found nothing. Indexed now as
 * the desktop's index splits it, on anything not a letter or a digit, so each part of a code is a
 * word ("000 00 12" finds it) as it is in the typed words (hub/store/agencies.ts, whose queries
 * use this very expression).
 */
export const migration220: HubMigration = {
  version: 220,
  name: 'agency search words',
  async up(client) {
    await client.query(`
      DROP INDEX agencies_search;
      CREATE INDEX agencies_search ON agencies USING gin (to_tsvector('simple', regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g')));
    `);
  },
};
