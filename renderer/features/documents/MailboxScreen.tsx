/**
 * Văn bản đến / Văn bản đi: the mailbox as a table. The inbox has tabs (what waits for the clerk
 * first) and, in "Chưa xử lý", accepts several documents at once. `openId`: the document shown
 * beside the list on a wide screen (master–detail), marked in it.
 */
import { useState } from 'react';
import type { DocumentSummary } from '../../../shared/api/documents.js';
import { INBOX_TABS, type InboxTab } from '../../../shared/domain/inbox-tabs.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { firstPage } from '../../api/paging.js';
import { useI18n } from '../../i18n.js';
import { BulkAccept } from './BulkAccept.js';
import { DocumentTable, type RowSelection } from './DocumentTable.js';
import { INBOX_PANEL_ID, InboxTabs, inboxTabId } from './InboxTabs.js';
import { useAgencyDesk } from '../hub/agency-desk.js';

const TITLE: Record<'inbox' | 'sent', PlainMessageKey> = {
  inbox: 'list.inbox.title',
  sent: 'list.sent.title',
};

const TAB_KEY = 'vanthu.inbox.tab';

/** The tab last shown in this window: coming back from a document finds it again. */
function rememberedTab(): InboxTab {
  try {
    const stored = window.sessionStorage.getItem(TAB_KEY);
    return (INBOX_TABS as readonly (string | null)[]).includes(stored) ? (stored as InboxTab) : 'waiting';
  } catch {
    return 'waiting';
  }
}

export function MailboxScreen({ box, openId = null, compact = false }: { box: 'inbox' | 'sent'; openId?: number | null; compact?: boolean }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<InboxTab>(rememberedTab);
  const [chosen, setChosen] = useState<ReadonlyMap<number, DocumentSummary>>(new Map());
  const counts = useApiQuery('documents.inboxCounts', {}, { enabled: box === 'inbox' });
  // The same cached call as the table's first page: no extra request.
  const first = useApiQuery('documents.list', firstPage<'documents.list'>({ box }), { enabled: box === 'sent' });
  const titleId = `${box}-title`;
  const total = box === 'inbox' ? counts.data?.all : first.data?.total;

  const changeTab = (next: InboxTab) => {
    setTab(next);
    setChosen(new Map());
    try {
      window.sessionStorage.setItem(TAB_KEY, next);
    } catch {
      // Without storage the tab is forgotten on the next visit: no harm.
    }
  };
  const selection: RowSelection = {
    chosen: new Set(chosen.keys()),
    set: (rows, on) =>
      setChosen((current) => {
        const next = new Map(current);
        for (const row of rows) {
          if (on) next.set(row.id, row);
          else next.delete(row.id);
        }
        return next;
      }),
  };
  // A desk in agency mode accepts one arrival at a time, each a command (docs/architecture.md, "The desk in agency mode").
  const agency = useAgencyDesk() !== null;
  const bulk = box === 'inbox' && tab === 'waiting' && !compact && !agency;

  return (
    <section className={`screen${compact ? ' mailbox-compact' : ''}`} aria-labelledby={titleId}>
      <div className="screen-header">
        <h1 id={titleId}>{t(TITLE[box])}</h1>
        {total !== undefined ? (
          <p className="screen-count" aria-live="polite">
            {t('list.total', { total })}
          </p>
        ) : null}
      </div>
      {box === 'inbox' ? (
        <>
          <InboxTabs tab={tab} counts={counts.data} onChange={changeTab} />
          <div id={INBOX_PANEL_ID} role="tabpanel" aria-labelledby={inboxTabId(tab)}>
            {bulk ? <BulkAccept rows={[...chosen.values()]} waiting={counts.data?.waiting ?? 0} onDone={() => setChosen(new Map())} /> : null}
            <DocumentTable box="inbox" tab={tab} selection={bulk ? selection : undefined} compact={compact} openId={openId} />
          </div>
        </>
      ) : (
        <DocumentTable box={box} compact={compact} openId={openId} />
      )}
    </section>
  );
}
