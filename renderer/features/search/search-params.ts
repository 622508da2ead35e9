/**
 * The search as URL query parameters (#/search?q=…&direction=…): what was typed and the filters,
 * read back leniently (a value the filter does not know is dropped, never sent to the core).
 */
import { DOCUMENT_DIRECTIONS, DOCUMENT_STATES, PRIORITIES, type DocumentSearchFilters } from '../../../shared/api/document-search.js';
import type { Priority } from '../../../shared/api/documents.js';

export interface SearchParams {
  query: string;
  filters: DocumentSearchFilters;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

export function parseSearchParams(raw: string): SearchParams {
  const params = new URLSearchParams(raw);
  const filters: DocumentSearchFilters = {};
  const direction = oneOf(DOCUMENT_DIRECTIONS, params.get('direction'));
  if (direction) filters.direction = direction;
  const state = oneOf(DOCUMENT_STATES, params.get('state'));
  if (state) filters.state = state;
  const priority = Number(params.get('priority') ?? NaN);
  if ((PRIORITIES as readonly number[]).includes(priority)) filters.priority = priority as Priority;
  const type = params.get('type')?.trim();
  if (type) filters.typeName = type.slice(0, 100);
  const agency = params.get('agency');
  if (agency && /^[\p{L}\p{N}._-]{1,64}$/u.test(agency)) filters.agencyId = agency;
  const register = Number(params.get('register') ?? NaN);
  if (Number.isSafeInteger(register) && register > 0) filters.registerId = register;
  const from = params.get('from');
  if (from && ISO_DATE.test(from)) filters.dateFrom = from;
  const to = params.get('to');
  if (to && ISO_DATE.test(to) && (!filters.dateFrom || filters.dateFrom <= to)) filters.dateTo = to;
  return { query: (params.get('q') ?? '').slice(0, 200), filters };
}

export function formatSearchParams({ query, filters }: SearchParams): string {
  const params = new URLSearchParams();
  if (query !== '') params.set('q', query);
  const entries: [string, string | number | undefined][] = [
    ['direction', filters.direction],
    ['type', filters.typeName],
    ['state', filters.state],
    ['priority', filters.priority],
    ['agency', filters.agencyId],
    ['register', filters.registerId],
    ['from', filters.dateFrom],
    ['to', filters.dateTo],
  ];
  for (const [name, value] of entries) if (value !== undefined) params.set(name, String(value));
  return params.toString();
}
