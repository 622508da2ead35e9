/**
 * "Hồ sơ" on a document: the dossiers it is filed in, and filing it into an open dossier of the
 * year's list, the likeliest one (by its type, unit and title) offered first.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';

export function DossierFiling({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const filing = useApiQuery('dossiers.forDocument', { documentId: detail.id });
  const [chosen, setChosen] = useState<number | null>(null);
  const onSuccess = (result: NonNullable<typeof filing.data>) => {
    queryClient.setQueryData(apiQueryKey('dossiers.forDocument', { documentId: detail.id }), result);
    void queryClient.invalidateQueries({ queryKey: methodKey('dossiers.list') });
    setChosen(null);
  };
  const file = useApiMutation('dossiers.file', { meta: { inlineErrors: true }, onSuccess });
  const unfile = useApiMutation('dossiers.unfile', { meta: { inlineErrors: true }, onSuccess });
  const filed = filing.data?.filed ?? [];
  const suggestions = filing.data?.suggestions ?? [];
  const target = chosen ?? suggestions[0]?.id ?? null;
  const error = file.error ?? unfile.error;

  return (
    <section className="document-section dossier-filing" aria-labelledby="filing-heading">
      <h2 id="filing-heading">{t('records.filing.heading')}</h2>
      {filed.length === 0 ? (
        <p className="muted">{t('records.filing.none')}</p>
      ) : (
        <ul>
          {filed.map((dossier) => (
            <li key={dossier.id}>
              {t('records.filing.in', { code: dossier.code, title: dossier.title, year: String(dossier.year) })}{' '}
              {dossier.state === 'open' ? (
                <button type="button" className="button button-small" disabled={unfile.isPending} onClick={() => unfile.mutate({ dossierId: dossier.id, documentId: detail.id })}>
                  {t('records.filing.remove', { code: dossier.code })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {suggestions.length === 0 ? (
        filing.data ? <p className="muted">{t('records.filing.noOpen')}</p> : null
      ) : (
        <div className="form-grid">
          <Field label={t('records.filing.choose')}>
            <select value={target ?? ''} onChange={(event) => setChosen(Number(event.target.value))}>
              {suggestions.map((dossier, index) => (
                <option key={dossier.id} value={dossier.id}>
                  {t(index === 0 ? 'records.filing.suggested' : 'records.filing.option', { code: dossier.code, title: dossier.title })}
                </option>
              ))}
            </select>
          </Field>
          <div className="form-actions">
            <button type="button" className="button" disabled={target === null || file.isPending} onClick={() => target !== null && file.mutate({ dossierId: target, documentId: detail.id })}>
              {t('records.filing.file')}
            </button>
          </div>
        </div>
      )}
      {error ? (
        <p className="form-error" role="alert" title={error.message}>
          {errorText(error.code, lang)}
        </p>
      ) : null}
    </section>
  );
}
