/** The agency directory synced from the axis: search as you type, up to 100 rows. */
import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { useDebouncedValue } from '../../useDebouncedValue.js';
import { RecipientGroupsSection } from './RecipientGroupsSection.js';

const PAGE_SIZE = 100;
const SEARCH_DELAY_MS = 150;

export function AgenciesScreen() {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const debouncedQuery = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const search = useApiQuery('agencies.search', { query: debouncedQuery, limit: PAGE_SIZE, offset: 0 }, { placeholderData: keepPreviousData });
  const result = search.data;

  return (
    <section className="screen" aria-labelledby="agencies-title">
      <div className="screen-header">
        <h1 id="agencies-title">{t('agencies.title')}</h1>
        {result ? (
          <p className="screen-count" aria-live="polite">
            {t('agencies.total', { total: result.total })}
          </p>
        ) : null}
      </div>

      <div className="search-row" role="search">
        <label htmlFor="agency-search" className="field-label">
          {t('agencies.search.label')}
        </label>
        <input
          id="agency-search"
          type="search"
          className="search-input"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          placeholder={t('agencies.search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>

      {search.error && !result ? <QueryError error={search.error} onRetry={() => void search.refetch()} /> : null}
      {!result && search.isPending ? <p className="muted">{t('common.loading')}</p> : null}

      {result && result.rows.length === 0 ? (
        <p className="empty-state">
          {debouncedQuery === '' ? t('agencies.empty.notSynced') : t('agencies.empty.noMatch', { query: debouncedQuery })}
        </p>
      ) : null}

      {result && result.rows.length > 0 ? (
        <>
          <div className="table-wrap" aria-busy={search.isFetching}>
            <table className="data-table" aria-label={t('agencies.table.label')}>
              <thead>
                <tr>
                  <th scope="col">{t('agencies.col.name')}</th>
                  <th scope="col">{t('agencies.col.code')}</th>
                  <th scope="col">{t('agencies.col.qd20')}</th>
                  <th scope="col">{t('agencies.col.email')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((agency) => (
                  <tr key={agency.id}>
                    <td>
                      {agency.name}
                      {agency.parents.length > 0 ? <span className="option-parents"> — {t('send.belongsTo', { parents: agency.parents.join(' · ') })}</span> : null}
                    </td>
                    <td className="mono">{agency.id}</td>
                    <td className="mono">{agency.codeQd20 ?? t('common.none')}</td>
                    <td>{agency.email ?? t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.total > result.rows.length ? <p className="muted">{t('agencies.truncated', { shown: result.rows.length })}</p> : null}
        </>
      ) : null}
      <RecipientGroupsSection />
    </section>
  );
}
