/** Drafts: the list and the "new draft" form on the left, the selected draft on the right. */
import { CreateDraftForm } from './CreateDraftForm.js';
import { DraftDetail } from './DraftDetail.js';
import { DraftList } from './DraftList.js';
import { useI18n } from '../../i18n.js';

export function DraftsScreen({ documentId }: { documentId: number | null }) {
  const { t } = useI18n();
  return (
    <section className="screen" aria-labelledby="drafts-title">
      <div className="screen-header">
        <h1 id="drafts-title">{t('drafts.title')}</h1>
      </div>
      <div className="master-detail">
        <div className="master">
          <CreateDraftForm />
          <DraftList selectedId={documentId} />
        </div>
        <div className="detail">
          {documentId === null ? <p className="empty-state">{t('drafts.detail.none')}</p> : <DraftDetail key={documentId} id={documentId} />}
        </div>
      </div>
    </section>
  );
}
