/**
 * Shown when the core could not use its database (app.getState phase 'recovery'): says why, and
 * when the database is damaged offers a backup to restore or a fresh start. Either way the core
 * reopens itself and answers with the new state, which replaces this screen. The helpdesk report
 * is offered here too: this is when a clerk calls for help.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { AppState } from '../../../shared/api/state.js';
import type { RecoveryInfo } from '../../../shared/api/backup.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { ExportButton } from '../../components/ExportButton.js';

export function RecoveryScreen({ recovery, dataDir }: { recovery: RecoveryInfo; dataDir: string }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const onRecovered = (state: AppState) => {
    queryClient.setQueryData(apiQueryKey('app.getState', {}), state);
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'app.getState' });
  };
  const backups = useApiQuery('backup.list', {}, { enabled: recovery.reason === 'damaged' });
  const restore = useApiMutation('backup.restore', { meta: { inlineErrors: true }, onSuccess: onRecovered });
  const afresh = useApiMutation('recovery.startAfresh', { meta: { inlineErrors: true }, onSuccess: onRecovered });
  const pending = restore.isPending || afresh.isPending;
  const failure = restore.error ?? afresh.error;

  return (
    <main className="setup" aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t('recovery.title')}</h1>
      <p className="setup-intro" role="alert" title={recovery.detail}>
        {t(`recovery.reason.${recovery.reason}`)}
      </p>
      <p className="muted">{t('recovery.dataDir', { dir: dataDir })}</p>
      {recovery.reason === 'damaged' ? (
        <div className="setup-choices">
          <section className="card setup-choice" aria-labelledby="recovery-restore-heading">
            <h2 id="recovery-restore-heading">{t('recovery.restore.heading')}</h2>
            <p>{t('recovery.restore.description')}</p>
            {backups.error ? <QueryError error={backups.error} onRetry={() => void backups.refetch()} /> : null}
            {backups.data?.length === 0 ? <p className="muted">{t('recovery.restore.none')}</p> : null}
            <ul className="recovery-backups">
              {backups.data?.map((backup) => (
                <li key={backup.name}>
                  <span>{t('recovery.restore.item', { date: formatDateTime(backup.createdAt, lang), documents: backup.documents, files: backup.files })}</span>{' '}
                  <button type="button" className="button button-primary" disabled={pending} onClick={() => restore.mutate({ name: backup.name })}>
                    {t('recovery.restore.button')}
                  </button>
                </li>
              ))}
            </ul>
            {restore.isPending ? (
              <p className="pending-text" role="status">
                {t('recovery.restore.pending')}
              </p>
            ) : null}
          </section>
          <section className="card setup-choice" aria-labelledby="recovery-afresh-heading">
            <h2 id="recovery-afresh-heading">{t('recovery.afresh.heading')}</h2>
            <p>{t('recovery.afresh.description')}</p>
            <button type="button" className="button" disabled={pending} onClick={() => afresh.mutate({})}>
              {t('recovery.afresh.button')}
            </button>
          </section>
        </div>
      ) : null}
      {failure ? (
        <p className="form-error" role="alert" title={failure.message}>
          {t('recovery.error', { message: errorText(failure.code, lang) })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="recovery-report-heading">
        <h2 id="recovery-report-heading">{t('diagnostics.report.heading')}</h2>
        <p>{t('recovery.report.hint')}</p>
        <ExportButton method="diagnostics.report" input={{}} label={t('diagnostics.report.save')} />
      </section>
    </main>
  );
}
