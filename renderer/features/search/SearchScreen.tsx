/** Tìm kiếm: the filters over what was typed in the header's search box, and the results. */
import { DOCUMENT_DIRECTIONS, DOCUMENT_STATES, PRIORITIES, type DocumentSearchFilters } from '../../../shared/api/document-search.js';
import type { Priority } from '../../../shared/api/documents.js';
import { documentStateKey, priorityKey } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { DateInput } from '../../components/DateInput.js';
import { useI18n } from '../../i18n.js';
import { replaceRoute } from '../../router.js';
import { DOCUMENT_TYPE_NAMES } from '../drafts/document-types.js';
import { SearchResults } from './SearchResults.js';
import { ContentResults, SavedSearches } from './ContentResults.js';
import { formatSearchParams, parseSearchParams, type SearchParams } from './search-params.js';

export function SearchScreen({ params }: { params: string }) {
  const { t } = useI18n();
  const search = parseSearchParams(params);
  const setFilters = (filters: DocumentSearchFilters) => replaceRoute({ area: 'search', params: formatSearchParams({ query: search.query, filters }) });
  return (
    <section className="screen" aria-labelledby="search-title">
      <div className="screen-header">
        <h1 id="search-title">{t('search.title')}</h1>
      </div>
      <FilterBar search={search} onChange={setFilters} />
      {/* A new search starts at its first row. */}
      <SearchResults key={formatSearchParams(search)} search={search} />
      <ContentResults key={`content-${search.query}`} query={search.query} />
      <SavedSearches search={search} />
    </section>
  );
}

function FilterBar({ search, onChange }: { search: SearchParams; onChange: (filters: DocumentSearchFilters) => void }) {
  const { t } = useI18n();
  const { filters } = search;
  const registers = useApiQuery('registers.list', {});
  const set = <K extends keyof DocumentSearchFilters>(key: K, value: DocumentSearchFilters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const text = (value: string) => (value === '' ? undefined : value);
  return (
    <div className="search-filters" role="group" aria-label={t('search.filters.label')}>
      <div className="search-filter">
        <label htmlFor="search-filter-direction">{t('search.filter.direction')}</label>
        <select id="search-filter-direction" value={filters.direction ?? ''} onChange={(event) => set('direction', DOCUMENT_DIRECTIONS.find((d) => d === event.target.value))}>
          <option value="">{t('search.filter.any')}</option>
          {DOCUMENT_DIRECTIONS.map((direction) => (
            <option key={direction} value={direction}>
              {t(`search.direction.${direction}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="search-filter">
        <label htmlFor="search-filter-type">{t('search.filter.type')}</label>
        <select id="search-filter-type" value={filters.typeName ?? ''} onChange={(event) => set('typeName', text(event.target.value))}>
          <option value="">{t('search.filter.any')}</option>
          {DOCUMENT_TYPE_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="search-filter">
        <label htmlFor="search-filter-state">{t('search.filter.state')}</label>
        <select id="search-filter-state" value={filters.state ?? ''} onChange={(event) => set('state', DOCUMENT_STATES.find((s) => s === event.target.value))}>
          <option value="">{t('search.filter.any')}</option>
          {DOCUMENT_STATES.map((state) => (
            <option key={state} value={state}>
              {t(documentStateKey(state))}
            </option>
          ))}
        </select>
      </div>
      <div className="search-filter">
        <label htmlFor="search-filter-priority">{t('search.filter.priority')}</label>
        <select
          id="search-filter-priority"
          value={filters.priority ?? ''}
          onChange={(event) => set('priority', event.target.value === '' ? undefined : (Number(event.target.value) as Priority))}
        >
          <option value="">{t('search.filter.any')}</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(priorityKey(priority))}
            </option>
          ))}
        </select>
      </div>
      <div className="search-filter">
        <label htmlFor="search-filter-register">{t('search.filter.register')}</label>
        <select
          id="search-filter-register"
          value={filters.registerId ?? ''}
          onChange={(event) => set('registerId', event.target.value === '' ? undefined : Number(event.target.value))}
        >
          <option value="">{t('search.filter.any')}</option>
          {(registers.data ?? []).map((register) => (
            <option key={register.id} value={register.id}>
              {register.name}
            </option>
          ))}
        </select>
      </div>
      <div className="search-filter">
        <label htmlFor="search-filter-dateFrom">{t('search.filter.dateFrom')}</label>
        <DateInput id="search-filter-dateFrom" value={filters.dateFrom ?? ''} onChange={(iso) => set('dateFrom', text(iso))} />
      </div>
      <div className="search-filter">
        <label htmlFor="search-filter-dateTo">{t('search.filter.dateTo')}</label>
        <DateInput id="search-filter-dateTo" value={filters.dateTo ?? ''} onChange={(iso) => set('dateTo', text(iso))} />
      </div>
      {Object.keys(filters).length > 0 ? (
        <button type="button" className="button button-small" onClick={() => onChange({})}>
          {t('search.filter.clear')}
        </button>
      ) : null}
    </div>
  );
}
