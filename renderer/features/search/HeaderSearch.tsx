/**
 * The one search box at the top: typing searches everything (it goes to #/search and keeps the
 * address in step), Ctrl+F or "/" focus it from anywhere, ↓ moves to the results.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n.js';
import { navigate, parseRoute, replaceRoute, useRoute } from '../../router.js';
import { useDebouncedValue } from '../../useDebouncedValue.js';
import { SEARCH_RESULTS_ID } from './SearchResults.js';
import { formatSearchParams, parseSearchParams } from './search-params.js';

const TYPING_PAUSE_MS = 200;

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Shows the search for `query`, keeping the filters already set; a new history entry only when coming from elsewhere. */
function goToSearch(query: string): void {
  const current = parseRoute(window.location.hash);
  const filters = current.area === 'search' ? parseSearchParams(current.params).filters : {};
  const next = { area: 'search', params: formatSearchParams({ query, filters }) } as const;
  if (current.area === 'search') replaceRoute(next);
  else navigate(next);
}

export function HeaderSearch() {
  const { t } = useI18n();
  const route = useRoute();
  const routedQuery = route.area === 'search' ? parseSearchParams(route.params).query : null;
  const [text, setText] = useState(routedQuery ?? '');
  const typed = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const debounced = useDebouncedValue(text, TYPING_PAUSE_MS);

  useEffect(() => {
    if (!typed.current) return;
    typed.current = false;
    goToSearch(debounced);
  }, [debounced]);

  // Back/Forward to another search: the box shows it (unless the clerk is typing in it).
  useEffect(() => {
    if (routedQuery !== null && document.activeElement !== input.current) setText(routedQuery);
  }, [routedQuery]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const find = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isEditable(event.target);
      if (!find && !slash) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      typed.current = false;
      goToSearch(text);
    } else if (event.key === 'ArrowDown') {
      const results = document.getElementById(SEARCH_RESULTS_ID);
      if (results) {
        event.preventDefault();
        results.focus();
      }
    }
  };

  return (
    <div className="header-search" role="search">
      <input
        ref={input}
        type="search"
        className="header-search-input"
        data-focus-target="search"
        value={text}
        maxLength={200}
        aria-label={t('search.box.label')}
        placeholder={t('search.box.placeholder')}
        title={t('search.box.title')}
        aria-keyshortcuts="Control+F /"
        onChange={(event) => {
          typed.current = true;
          setText(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
