/**
 * Search results as a virtualized listbox (@tanstack/react-virtual): only the rows in view are
 * in the DOM, so 100,000 results scroll like 100; pages of 100 load as the view nears the end.
 * The listbox keeps focus and points at the selected row (aria-activedescendant): ↑/↓, Page
 * Up/Down, Home/End move the selection, Enter or a click opens the document.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DocumentSearchCursor } from '../../../shared/api/document-search.js';
import type { DocumentSummary } from '../../../shared/api/documents.js';
import { formatNumber } from '../../../shared/i18n/messages.js';
import { callApi, useApi } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { PriorityBadge, StateBadge } from '../../components/badges.js';
import { QueryError } from '../../components/QueryError.js';
import { formatCode, formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { documentHref } from '../../router.js';
import type { SearchParams } from './search-params.js';

export const SEARCH_RESULTS_ID = 'search-results';
const PAGE_SIZE = 100;
const ROW_HEIGHT = 60;
/** Start loading the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 30;

function useDocumentSearch(search: SearchParams) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...methodKey('documents.search'), search] as const,
    queryFn: ({ pageParam }) => callApi(api, 'documents.search', { ...search, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as DocumentSearchCursor | null,
    getNextPageParam: (page) => page.next,
  });
}

const open = (row: DocumentSummary) => {
  window.location.hash = documentHref(row.direction, row.id);
};

export function SearchResults({ search }: { search: SearchParams }) {
  const { t, lang } = useI18n();
  const result = useDocumentSearch(search);
  const rows = result.data?.pages.flatMap((page) => page.rows) ?? [];
  const total = result.data?.pages[0]?.total ?? null;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // The app does not use the React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library -- nothing here is memoized
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = result;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastShown >= rows.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastShown, rows.length]);

  if (result.error && rows.length === 0) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  if (result.isPending) return <p className="muted">{t('common.loading')}</p>;

  const selected = Math.min(active, Math.max(rows.length - 1, 0));
  const select = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const perView = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || rows.length === 0) return;
    const moves: Record<string, number> = { ArrowDown: selected + 1, ArrowUp: selected - 1, PageDown: selected + perView, PageUp: selected - perView, Home: 0, End: rows.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      select(moves[event.key]!);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(rows[selected]!);
    }
  };

  const count = total === null ? '' : t(total.capped ? 'search.results.countCapped' : 'search.results.count', { count: formatNumber(total.count, lang) });
  return (
    <>
      <p className="screen-count" aria-live="polite">
        {count}
      </p>
      {rows.length === 0 ? (
        <p className="empty-state">{t('search.results.empty')}</p>
      ) : (
        <>
          <div
            ref={scroller}
            id={SEARCH_RESULTS_ID}
            className="search-results"
            role="listbox"
            tabIndex={0}
            aria-label={t('search.results.label')}
            aria-describedby="search-keyboard-hint"
            aria-activedescendant={`search-result-${rows[selected]!.id}`}
            aria-busy={result.isFetching}
            onKeyDown={onKeyDown}
          >
            <div className="search-results-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const row = rows[item.index]!;
                return (
                  <div
                    key={row.id}
                    id={`search-result-${row.id}`}
                    role="option"
                    aria-selected={item.index === selected}
                    aria-posinset={item.index + 1}
                    aria-setsize={total && !total.capped ? total.count : -1}
                    className={`search-result${row.priority > 0 ? ' row-urgent' : ''}`}
                    style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                    onClick={() => {
                      setActive(item.index);
                      open(row);
                    }}
                  >
                    <span className="search-result-subject">
                      <PriorityBadge priority={row.priority} hideNormal />
                      {row.subject.trim() || t('list.noSubject')}
                    </span>
                    <span className="search-result-meta">
                      <span className="nowrap">{formatCode(row.codeNumber, row.codeNotation) || t('common.none')}</span>
                      <span>{row.senderName ?? row.senderId ?? t('search.direction.draft')}</span>
                      <StateBadge state={row.state} />
                      <time dateTime={row.createdAt}>{formatDateTime(row.createdAt, lang)}</time>
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
          <p id="search-keyboard-hint" className="field-hint">
            {isFetchingNextPage ? t('search.results.loadingMore') : t('search.keyboardHint')}
          </p>
        </>
      )}
      {result.error ? <QueryError error={result.error} onRetry={() => void result.refetch()} /> : null}
    </>
  );
}
