/** "Tiếp nhận các văn bản đã chọn": accepts the rows ticked in "Chưa xử lý", one by one, and says what became of each. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../../shared/i18n/messages.js';
import { formatDocumentNumber } from '../../../shared/text/display-formats.js';
import type { DocumentSummary } from '../../../shared/api/documents.js';
import { callApi, useApi } from '../../api/client.js';
import { toApiError } from '../../api/errors.js';
import { invalidateDocumentLists } from '../../api/query-keys.js';
import { useI18n } from '../../i18n.js';
import { routeHref } from '../../router.js';
import { acceptInBulk, confirmedVerdict, SKIP_TEXT, type BulkOutcome } from './bulk-accept.js';

/** `waiting`: how many documents the tab holds; with none the bar hides (the last results stay). */
export function BulkAccept({ rows, waiting, onDone }: { rows: readonly DocumentSummary[]; waiting: number; onDone(): void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const [outcomes, setOutcomes] = useState<BulkOutcome[]>([]);
  const [running, setRunning] = useState<number | null>(null);

  async function run() {
    setOutcomes([]);
    setRunning(rows.length);
    await acceptInBulk(
      rows,
      (row) => callApi(api, 'documents.respond', { id: row.id, status: '03', description: '', acceptVerdict: confirmedVerdict(row) }),
      (outcome) => setOutcomes((done) => [...done, outcome]),
      (error) => errorText(toApiError(error).code, lang),
    );
    setRunning(null);
    invalidateDocumentLists(queryClient);
    onDone();
  }

  return (
    <div className="bulk-accept">
      {waiting === 0 && running === null ? null : (
        <div className="bulk-accept-bar">
          <button type="button" className="button button-primary" disabled={rows.length === 0 || running !== null} onClick={() => void run()}>
            {t('bulk.accept', { count: rows.length })}
          </button>
          <span className="field-hint">{t('bulk.accept.hint')}</span>
          <span role="status" className="pending-text">
            {running !== null ? t('bulk.progress', { done: outcomes.length, total: running }) : null}
          </span>
        </div>
      )}
      {outcomes.length > 0 && running === null ? (
        <section className="bulk-results" aria-labelledby="bulk-results-heading">
          <h2 id="bulk-results-heading" className="bulk-results-title">
            {t('bulk.results', { accepted: outcomes.filter((outcome) => outcome.kind === 'accepted').length, total: outcomes.length })}
          </h2>
          <ul>
            {outcomes.map((outcome) => (
              <li key={outcome.id} className={`bulk-result bulk-result-${outcome.kind}`}>
                <a href={routeHref({ area: 'inbox', documentId: outcome.id })}>{outcome.subject}</a>
                {': '}
                {outcome.kind === 'accepted'
                  ? t('bulk.result.accepted', { number: outcome.arrivalNumber === null ? '' : formatDocumentNumber(outcome.arrivalNumber) })
                  : outcome.kind === 'skipped'
                    ? t(SKIP_TEXT[outcome.why])
                    : t('bulk.result.failed', { error: outcome.error })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
