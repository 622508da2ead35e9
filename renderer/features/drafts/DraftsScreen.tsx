/** Drafts: "Dự thảo mới" and the list of drafts; a draft opens full width (#/drafts/<id>). */
import { useApiQuery } from '../../api/client.js';
import { firstPage } from '../../api/paging.js';
import { useI18n } from '../../i18n.js';
import { DocumentTable } from '../documents/DocumentTable.js';
import { CreateDraftForm } from './CreateDraftForm.js';
import { PendingDrafts } from '../hub/PendingDrafts.js';

export function DraftsScreen() {
  const { t } = useI18n();
  const first = useApiQuery('documents.list', firstPage<'documents.list'>({ box: 'drafts' }));
  return (
    <section className="screen" aria-labelledby="drafts-title">
      <div className="screen-header">
        <h1 id="drafts-title">{t('list.drafts.title')}</h1>
        {first.data ? (
          <p className="screen-count" aria-live="polite">
            {t('list.total', { total: first.data.total })}
          </p>
        ) : null}
      </div>
      <div className="drafts-layout">
        <CreateDraftForm />
        <div className="drafts-list">
          <PendingDrafts />
          <DocumentTable box="drafts" />
        </div>
      </div>
    </section>
  );
}
