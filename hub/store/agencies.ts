/**
 * The hub's copy of the axis's agency directory, searched for the desks as a standalone desk
 * searches its own (electron/core/store/agencies.ts): the typed words folded the same way (accents
 * and đ ignored), each a prefix of a word of the name or the codes, in any order; the same ranking
 * over the first RANKED_WINDOW matches; each agency with the names of up to three levels above it.
 * The match runs on the index in its own CTE, the joins after.
 */
import type { AgencyMatch } from '../../shared/domain/agency.js';
import { agencyQueryWords } from '../../electron/core/store/agency-search-text.js';
import type { Queryable } from './database.js';

/** As on the desktop: a type-ahead's first keystrokes match tens of thousands; pages beyond this come in code order. */
const RANKED_WINDOW = 2000;

/**
 * The indexed words: the expression of the `agencies_search` index (220-agency-search-words.ts).
 * `search_text` is the folded name and codes; split on anything not a letter or a digit, as the
 * typed words are, each part of a code is a word.
 */
const VECTOR = "to_tsvector('simple', regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g'))";

/** The agency's row and the names above it, nearest first (QCVN 102 has four levels). */
const WITH_PARENTS = `a.id, a.code_qd20 AS "codeQd20", a.name, a.email, a.parent_id AS "parentId",
    array_remove(ARRAY[p1.name, p2.name, p3.name], NULL) AS parents
  FROM %SOURCE%
  LEFT JOIN agencies p1 ON p1.id = a.parent_id
  LEFT JOIN agencies p2 ON p2.id = p1.parent_id
  LEFT JOIN agencies p3 ON p3.id = p2.parent_id`;

const withParents = (source: string) => WITH_PARENTS.replace('%SOURCE%', source);

/**
 * Best first, as on the desktop: a name that starts with the words typed ("ubnd huyen dien chau"
 * → the district, not its communes), then the higher in the hierarchy, then the text rank, then
 * the shorter name.
 */
const RANKING = `a.name_key LIKE $2 DESC,
  (p1.id IS NOT NULL)::int + (p2.id IS NOT NULL)::int + (p3.id IS NOT NULL)::int,
  hits.rank DESC, length(a.name), a.name, a.id`;

export async function searchAgencies(db: Queryable, typed: string, limit: number, offset: number): Promise<{ rows: AgencyMatch[]; total: number }> {
  // Letters and digits only: no tsquery operator nor LIKE wildcard gets in.
  const words = agencyQueryWords(typed);
  if (words.length === 0) {
    const all = await db.query<AgencyMatch>(`SELECT ${withParents('agencies a')} ORDER BY lower(a.name), a.id LIMIT $1 OFFSET $2`, [limit, offset]);
    const count = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM agencies');
    return { rows: all.rows, total: count.rows[0]!.total };
  }
  const query = words.map((word) => `${word}:*`).join(' & ');
  const { rows } =
    offset + limit <= RANKED_WINDOW
      ? await db.query<AgencyMatch>(
          `WITH hits AS (
             SELECT id, ts_rank(${VECTOR}, query) AS rank FROM agencies, to_tsquery('simple', $1) query WHERE ${VECTOR} @@ query LIMIT ${RANKED_WINDOW}
           )
           SELECT ${withParents('hits JOIN agencies a ON a.id = hits.id')}
           ORDER BY ${RANKING} LIMIT $3 OFFSET $4`,
          [query, `${words.join(' ')}%`, limit, offset],
        )
      : await db.query<AgencyMatch>(
          `WITH hits AS (SELECT id FROM agencies WHERE ${VECTOR} @@ to_tsquery('simple', $1) ORDER BY id LIMIT $2 OFFSET $3)
           SELECT ${withParents('hits JOIN agencies a ON a.id = hits.id')} ORDER BY a.id`,
          [query, limit, offset],
        );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM agencies WHERE ${VECTOR} @@ to_tsquery('simple', $1)`, [query]);
  return { rows, total: count.rows[0]!.total };
}

/** The agencies of `ids` found in the directory, in the order asked (a code no longer there is left out). */
export async function agenciesNamed(db: Queryable, ids: readonly string[]): Promise<AgencyMatch[]> {
  const { rows } = await db.query<AgencyMatch>(
    `SELECT ${withParents('unnest($1::text[]) WITH ORDINALITY AS asked (id, n) JOIN agencies a ON a.id = asked.id')} ORDER BY asked.n`,
    [ids],
  );
  return rows;
}
