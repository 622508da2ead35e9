/**
 * "Hồ sơ": the year's list of dossiers (danh mục hồ sơ) with the documents each holds, closing a
 * dossier when its work is done, its table of contents (mục lục văn bản) as a file, the copies
 * register, and the handover to the archive.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Dossier } from '../../../shared/api/records.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { ExportButton } from '../../components/ExportButton.js';
import { Field } from '../../components/Field.js';
import { QueryError } from '../../components/QueryError.js';
import { vietnamToday } from '../../format.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { useI18n } from '../../i18n.js';
import { HandoverSection } from './HandoverSection.js';
import { NewDossierForm } from './NewDossierForm.js';

const thisYear = () => Number(vietnamToday().slice(0, 4));

export function DossiersScreen() {
  const { t } = useI18n();
  const [year, setYear] = useState(thisYear());
  const dossiers = useApiQuery('dossiers.list', { year });
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);

  return (
    <section className="screen dossiers-screen" aria-labelledby="dossiers-title">
      <div className="screen-header">
        <h1 id="dossiers-title">{t('dossiers.title')}</h1>
      </div>
      <div className="register-toolbar">
        <Field label={t('dossiers.year')}>
          <select value={year} onChange={(event) => setYear(Number(event.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </Field>
        <ExportButton method="dossiers.exportList" input={{ year, format: 'pdf' }} label={t('dossiers.exportList')} />
        <ExportButton method="copies.export" input={{ year, format: 'xlsx' }} label={t('copies.export')} />
      </div>
      <NewDossierForm year={year} />
      {dossiers.error ? <QueryError error={dossiers.error} onRetry={() => void dossiers.refetch()} /> : null}
      {dossiers.data && dossiers.data.length === 0 ? <p className="empty-state">{t('dossiers.empty')}</p> : null}
      {dossiers.data && dossiers.data.length > 0 ? (
        <table className="data-table" aria-label={t('dossiers.table', { year: String(year) })}>
          <thead>
            <tr>
              <th scope="col">{t('dossiers.col.code')}</th>
              <th scope="col">{t('dossiers.col.title')}</th>
              <th scope="col">{t('dossiers.col.retention')}</th>
              <th scope="col">{t('dossiers.col.keeper')}</th>
              <th scope="col">{t('dossiers.col.documents')}</th>
              <th scope="col">{t('dossiers.col.state')}</th>
              <th scope="col">{t('dossiers.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {dossiers.data.map((dossier) => (
              <DossierRow key={dossier.id} dossier={dossier} />
            ))}
          </tbody>
        </table>
      ) : null}
      <HandoverSection />
    </section>
  );
}

function DossierRow({ dossier }: { dossier: Dossier }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const close = useApiMutation('dossiers.close', {
    meta: { inlineErrors: true },
    onSuccess: () => {
      for (const method of ['dossiers.list', 'dossiers.awaitingHandover', 'dossiers.forDocument'] as const) void queryClient.invalidateQueries({ queryKey: methodKey(method) });
    },
  });
  const state =
    dossier.state === 'closed' && dossier.handoverDue
      ? t('dossiers.state.closedDue', { due: formatDayMonthYear(dossier.handoverDue) })
      : dossier.state === 'closed' && !dossier.handoverRequired
        ? t('dossiers.state.closedKept')
        : t(`dossiers.state.${dossier.state}`);
  return (
    <tr>
      <td>{dossier.code}</td>
      <td>
        {dossier.heading ? <span className="muted">{dossier.heading} — </span> : null}
        {dossier.title}
      </td>
      <td>{dossier.retentionYears === null ? t('dossiers.retention.permanent') : t('dossiers.retention.years', { years: dossier.retentionYears })}</td>
      <td>{dossier.keeper}</td>
      <td>{dossier.documentCount}</td>
      <td>
        {state}
        {dossier.handoverDueSoon ? <strong className="attention-text"> {t('dossiers.dueSoon')}</strong> : null}
        {dossier.retentionEnds ? <span className="muted"> {t('dossiers.retentionEnds', { date: formatDayMonthYear(dossier.retentionEnds) })}</span> : null}
      </td>
      <td>
        <ExportButton method="dossiers.exportContents" input={{ id: dossier.id, format: 'pdf' }} label={t('dossiers.contents.export', { code: dossier.code })} />
        {dossier.state === 'open' ? (
          <button type="button" className="button" disabled={close.isPending} onClick={() => close.mutate({ id: dossier.id })}>
            {t('dossiers.close', { code: dossier.code })}
          </button>
        ) : null}
        {close.error ? (
          <p className="form-error" role="alert" title={close.error.message}>
            {errorText(close.error.code, lang)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
