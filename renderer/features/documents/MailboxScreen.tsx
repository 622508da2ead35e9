/** Văn bản đến / Văn bản đi: the mailbox as a table; a row opens the document full width. */
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { firstPage } from '../../api/paging.js';
import { useI18n } from '../../i18n.js';
import { DocumentTable } from './DocumentTable.js';

const TITLE: Record<'inbox' | 'outbox', PlainMessageKey> = {
  inbox: 'list.inbox.title',
  outbox: 'list.outbox.title',
};

export function MailboxScreen({ box }: { box: 'inbox' | 'outbox' }) {
  const { t } = useI18n();
  // The same cached call as the table's first page: no extra request.
  const first = useApiQuery('documents.list', firstPage<'documents.list'>({ box }));
  const titleId = `${box}-title`;
  return (
    <section className="screen" aria-labelledby={titleId}>
      <div className="screen-header">
        <h1 id={titleId}>{t(TITLE[box])}</h1>
        {first.data ? (
          <p className="screen-count" aria-live="polite">
            {t('list.total', { total: first.data.total })}
          </p>
        ) : null}
      </div>
      <DocumentTable box={box} />
    </section>
  );
}
