/**
 * "Tải thêm" lists: pages of 100 rows, each its own cached call (documents.list {box, limit,
 * offset}), so that the first page is shared with the navigation counts and an event refreshes
 * every page that is shown. Rows that moved from one page to the next while refreshing are
 * shown once.
 */
import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { ApiInput, ApiOutputs } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { apiQueryOptions, useApi } from './client.js';

export const PAGE_SIZE = 100;

type PagedMethod = 'documents.list' | 'outbox.list';
type Row<M extends PagedMethod> = ApiOutputs[M]['rows'][number];

export interface PagedList<R> {
  rows: R[];
  /** From the first page; null until it arrived. */
  total: number | null;
  /** The first page has not arrived yet. */
  isPending: boolean;
  isFetching: boolean;
  /** The first failure of any page. */
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  refetch(): void;
}

/** The first page's input of a paged call: what the nav counts read too. */
export function firstPage<M extends PagedMethod>(input: Omit<ApiInput<M>, 'limit' | 'offset'>): ApiInput<M> {
  return { ...input, limit: PAGE_SIZE, offset: 0 } as ApiInput<M>;
}

export function usePagedList<M extends PagedMethod>(method: M, input: Omit<ApiInput<M>, 'limit' | 'offset'>): PagedList<Row<M>> {
  const api = useApi();
  const [pageCount, setPageCount] = useState(1);
  const inputs = Array.from({ length: pageCount }, (_, page) => ({ ...input, limit: PAGE_SIZE, offset: page * PAGE_SIZE }) as ApiInput<M>);
  const results = useQueries({ queries: inputs.map((pageInput) => apiQueryOptions(api, method, pageInput)) });

  const seen = new Set<number>();
  const rows: Row<M>[] = [];
  for (const result of results) {
    const data = result.data as ApiOutputs[M] | undefined;
    for (const row of (data?.rows ?? []) as Row<M>[]) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      rows.push(row);
    }
  }
  const first = results[0]?.data as ApiOutputs[M] | undefined;
  const total = first ? first.total : null;
  const last = results[results.length - 1];
  const loadingMore = pageCount > 1 && last?.data === undefined && last?.isFetching === true;

  return {
    rows,
    total,
    isPending: first === undefined && results[0]?.error == null,
    isFetching: results.some((result) => result.isFetching),
    error: results.find((result) => result.error)?.error ?? null,
    hasMore: total !== null && pageCount * PAGE_SIZE < total,
    loadingMore,
    loadMore: () => setPageCount((count) => count + 1),
    refetch: () => {
      for (const result of results) void result.refetch();
    },
  };
}
