/**
 * The search filters as words of the index. Each document's facets column holds tokens for its
 * direction, type, state, urgency, date (year, month, day), agencies (sender, recipients) and
 * register (the book its number was entered in), and
 * a filter is a MATCH on them. So FTS5 intersects doclists for the filters too, and documents is
 * read only for the page shown: filtering a broad query ("cong van", a third of a million
 * matches) row by row after the MATCH costs a lookup per match, tens of ms per 10k.
 */
import type { DocumentSearchFilters } from '../../../shared/api/document-search.js';
import { foldedWords } from './fts-text.js';

/** SQL name of the facet builder the index triggers call (see migration 070). */
export const FACETS_FUNCTION = 'vanthu_facets';

/** Open date ranges are closed at these bounds: no e-document is dated outside them. */
const FIRST_SEARCH_DATE = '1990-01-01';
const LAST_SEARCH_DATE = '2100-12-31';

/**
 * Every facet token starts with "đ": typed words are folded (đ → d) before they reach a query,
 * so no word a clerk types can match a facet, and the words need no column filter (which would
 * make FTS5 read position lists for every match).
 */
const token = (prefix: string, value: string) => `đ${prefix}${foldedWords(value).join('')}`;

export const facet = {
  direction: (value: string) => token('dir', value),
  type: (value: string) => token('type', value),
  state: (value: string) => token('st', value),
  priority: (value: number) => token('pri', String(value)),
  agency: (value: string) => token('ag', value),
  register: (id: number) => token('reg', String(id)),
  year: (y: string) => `đy${y}`,
  month: (ym: string) => `đm${ym}`,
  day: (ymd: string) => `đd${ymd}`,
};

export interface FacetSource {
  direction: string;
  typeName: string | null;
  state: string;
  priority: number;
  /** yyyy-MM-dd */
  date: string | null;
  agencies: readonly string[];
  /** The register the document was entered in (migration 080), if any. */
  registerId: number | null;
}

export function documentFacets(source: FacetSource): string {
  const tokens = [facet.direction(source.direction), facet.state(source.state), facet.priority(source.priority)];
  if (source.typeName) tokens.push(facet.type(source.typeName));
  if (source.date && /^\d{4}-\d{2}-\d{2}$/.test(source.date)) {
    const [y, m, d] = source.date.split('-') as [string, string, string];
    tokens.push(facet.year(y), facet.month(`${y}${m}`), facet.day(`${y}${m}${d}`));
  }
  for (const agency of new Set(source.agencies)) tokens.push(facet.agency(agency));
  if (source.registerId !== null) tokens.push(facet.register(source.registerId));
  return tokens.join(' ');
}

/**
 * The fewest year, month and day tokens that cover [from, to] exactly: 2024-01-15 … 2025-12-31
 * is 17 days of January 2024, 11 months and the year 2025.
 */
export function dateRangeTokens(from: string, to: string): string[] {
  const tokens: string[] = [];
  const day = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  const iso = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');
  while (day <= end) {
    const year = day.getUTCFullYear();
    const month = day.getUTCMonth();
    const yearEnd = new Date(Date.UTC(year, 11, 31));
    const monthEnd = new Date(Date.UTC(year, month + 1, 0));
    if (month === 0 && day.getUTCDate() === 1 && yearEnd <= end) {
      tokens.push(facet.year(String(year)));
      day.setUTCFullYear(year + 1);
    } else if (day.getUTCDate() === 1 && monthEnd <= end) {
      tokens.push(facet.month(iso(day).slice(0, 6)));
      day.setUTCMonth(month + 1);
    } else {
      tokens.push(facet.day(iso(day)));
      day.setUTCDate(day.getUTCDate() + 1);
    }
  }
  return tokens;
}

/** The filters as FTS5 clauses on the facet tokens, AND-ed; null when there are none. */
export function facetQuery(filters: DocumentSearchFilters): string | null {
  const groups: string[][] = [];
  if (filters.direction !== undefined) groups.push([facet.direction(filters.direction)]);
  if (filters.agencyId !== undefined) groups.push([facet.agency(filters.agencyId)]);
  if (filters.typeName !== undefined) groups.push([facet.type(filters.typeName)]);
  if (filters.state !== undefined) groups.push([facet.state(filters.state)]);
  if (filters.priority !== undefined) groups.push([facet.priority(filters.priority)]);
  if (filters.registerId !== undefined) groups.push([facet.register(filters.registerId)]);
  if (filters.dateFrom !== undefined || filters.dateTo !== undefined) {
    groups.push(dateRangeTokens(filters.dateFrom ?? FIRST_SEARCH_DATE, filters.dateTo ?? LAST_SEARCH_DATE));
  }
  if (groups.length === 0) return null;
  // A range with no day in it matches nothing: "đnone" is no token any document has.
  return groups.map((tokens) => `(${(tokens.length > 0 ? tokens : ['đnone']).map((t) => `"${t}"`).join(' OR ')})`).join(' AND ');
}
