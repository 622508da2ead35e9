/**
 * The inbox's tabs with their counts, counted by the core (documents.inboxCounts): Chưa xử lý,
 * Đang xử lý, Đã xử lý, Quá hạn, Tất cả. An ARIA tablist: ←/→ (and Home/End) move between tabs.
 */
import { useRef, type KeyboardEvent } from 'react';
import { INBOX_TABS, type InboxCounts, type InboxTab } from '../../../shared/domain/inbox-tabs.js';
import { formatNumber, type PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useI18n } from '../../i18n.js';

export const INBOX_PANEL_ID = 'inbox-tab-panel';

const TAB_LABEL: Record<InboxTab, PlainMessageKey> = {
  waiting: 'inbox.tab.waiting',
  inProgress: 'inbox.tab.inProgress',
  handled: 'inbox.tab.handled',
  overdue: 'inbox.tab.overdue',
  all: 'inbox.tab.all',
};

export const inboxTabId = (tab: InboxTab) => `inbox-tab-${tab}`;

export function InboxTabs({ tab, counts, onChange }: { tab: InboxTab; counts: InboxCounts | undefined; onChange(tab: InboxTab): void }) {
  const { t, lang } = useI18n();
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = INBOX_TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight' ? INBOX_TABS[(index + 1) % INBOX_TABS.length] : event.key === 'ArrowLeft' ? INBOX_TABS[(index - 1 + INBOX_TABS.length) % INBOX_TABS.length] : event.key === 'Home' ? INBOX_TABS[0] : event.key === 'End' ? INBOX_TABS[INBOX_TABS.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    onChange(next);
    list.current?.querySelector<HTMLElement>(`#${inboxTabId(next)}`)?.focus();
  }

  return (
    <div ref={list} className="inbox-tabs" role="tablist" aria-label={t('inbox.tabs.label')} onKeyDown={onKeyDown}>
      {INBOX_TABS.map((option) => {
        const count = counts?.[option];
        return (
          <button
            key={option}
            id={inboxTabId(option)}
            type="button"
            role="tab"
            aria-selected={option === tab}
            aria-controls={INBOX_PANEL_ID}
            tabIndex={option === tab ? 0 : -1}
            className={`inbox-tab${option === 'overdue' && count ? ' inbox-tab-alert' : ''}`}
            onClick={() => onChange(option)}
          >
            <span>{t(TAB_LABEL[option])}</span>
            {count !== undefined ? <span className="tab-count">{formatNumber(count, lang)}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
