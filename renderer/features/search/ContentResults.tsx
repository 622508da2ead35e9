/**
 * The documents whose files hold the typed words (their text layer or what OCR read), each with
 * the passage that matched, highlighted; and the searches the clerk saved, to run again.
 */
import { useState } from 'react';
import type { ContentSearchHit } from '../../../shared/api/content-search.js';
import { formatNumber } from '../../../shared/i18n/messages.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { documentHref, routeHref } from '../../router.js';
import { Highlighted } from '../../components/Highlighted.js';
import { formatSearchParams, type SearchParams } from './search-params.js';

const PAGE = 20;

export function ContentResults({ query }: { query: string }) {
  const { t, lang } = useI18n();
  const [before, setBefore] = useState<number[]>([]);
  const first = useApiQuery('content.search', { query, cursor: null, limit: PAGE }, { enabled: query.trim() !== '' });
  if (query.trim() === '') return null;
  return (
    <section className="content-results" aria-labelledby="content-results-title">
      <h2 id="content-results-title">{t('content.title')}</h2>
      {first.error ? <QueryError error={first.error} onRetry={() => void first.refetch()} /> : null}
      {first.data?.total ? (
        <p role="status" className="muted">
          {first.data.total.count === 0
            ? t('content.none')
            : t(first.data.total.capped ? 'content.countCapped' : 'content.count', { count: formatNumber(first.data.total.count, lang) })}
        </p>
      ) : null}
      <ol className="content-hits">
        {first.data?.rows.map((hit) => <Hit key={hit.document.id} hit={hit} />)}
        {before.map((id) => (
          <MorePage key={id} query={query} beforeId={id} />
        ))}
      </ol>
      <MoreButton query={query} pages={before} firstNext={first.data?.next?.beforeId ?? null} onMore={(id) => setBefore([...before, id])} />
    </section>
  );
}

function MorePage({ query, beforeId }: { query: string; beforeId: number }) {
  const page = useApiQuery('content.search', { query, cursor: { beforeId }, limit: PAGE });
  return <>{page.data?.rows.map((hit) => <Hit key={hit.document.id} hit={hit} />)}</>;
}

/** "Xem thêm" asks for the page below the last one shown. */
function MoreButton({ query, pages, firstNext, onMore }: { query: string; pages: number[]; firstNext: number | null; onMore: (beforeId: number) => void }) {
  const { t } = useI18n();
  const last = pages[pages.length - 1];
  const lastPage = useApiQuery('content.search', { query, cursor: last === undefined ? null : { beforeId: last }, limit: PAGE }, { enabled: last !== undefined });
  const next = last === undefined ? firstNext : (lastPage.data?.next?.beforeId ?? null);
  if (next === null) return null;
  return (
    <button type="button" className="button" onClick={() => onMore(next)}>
      {t('content.more')}
    </button>
  );
}

function Hit({ hit }: { hit: ContentSearchHit }) {
  const { t } = useI18n();
  const { document } = hit;
  const number = [document.codeNumber, document.codeNotation].filter(Boolean).join('/');
  return (
    <li className="content-hit">
      <a href={documentHref(document.direction, document.id)} className="content-hit-title">
        {number ? `${number}: ` : ''}
        {document.subject}
      </a>
      {hit.passage.text ? (
        <p className="content-hit-passage">
          <span className="muted">{t('content.page', { name: hit.attachmentName, page: hit.page })}: </span>
          <Highlighted passage={hit.passage} />
        </p>
      ) : null}
    </li>
  );
}

/** The saved searches as links, a form to save the current one under a name, and removal. */
export function SavedSearches({ search }: { search: SearchParams }) {
  const { t } = useI18n();
  const saved = useApiQuery('savedSearches.list', {});
  const [name, setName] = useState('');
  const save = useApiMutation('savedSearches.save', { onSuccess: () => void saved.refetch() });
  const remove = useApiMutation('savedSearches.remove', { onSuccess: () => void saved.refetch() });
  const filters = Object.fromEntries(Object.entries(search.filters).filter(([, value]) => value !== undefined)) as Record<string, string | number>;
  return (
    <section className="saved-searches" aria-labelledby="saved-searches-title">
      <h2 id="saved-searches-title">{t('savedSearch.title')}</h2>
      <ul>
        {saved.data?.map((entry) => (
          <li key={entry.id}>
            <a href={routeHref({ area: 'search', params: formatSearchParams({ query: entry.query, filters: entry.filters }) })}>{entry.name}</a>
            <button type="button" className="button button-small" aria-label={t('savedSearch.remove', { name: entry.name })} onClick={() => remove.mutate({ id: entry.id })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {search.query.trim() !== '' || Object.keys(filters).length > 0 ? (
        <form
          className="saved-search-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim() !== '') save.mutate({ name: name.trim(), query: search.query, scope: 'content', filters });
          }}
        >
          <label htmlFor="saved-search-name" className="field-label">
            {t('savedSearch.name')}
          </label>
          <input id="saved-search-name" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
          <button type="submit" className="button" disabled={save.isPending}>
            {t('savedSearch.save')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
