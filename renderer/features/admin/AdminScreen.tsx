/**
 * "Quản trị" at a desk in agency mode, for the agency's administrators: the hub's audit log
 * (Nhật ký) and the readers of its restricted registers (Sổ hạn chế). The hub decides who may;
 * the desk shows the area only to one whose roles say admin, to spare the others a screen that
 * would be refused.
 */
import { useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n.js';
import { AuditLog } from './AuditLog.js';
import { RestrictedRegisters } from './RestrictedRegisters.js';

const TABS = [
  { id: 'audit', label: 'admin.tab.audit', Panel: AuditLog },
  { id: 'registers', label: 'admin.tab.registers', Panel: RestrictedRegisters },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function AdminScreen() {
  const { t } = useI18n();
  const [current, setCurrent] = useState<TabId>('audit');
  const tab = TABS.find((candidate) => candidate.id === current)!;
  // Arrow keys move between the tabs, as a tab list's keyboard users expect.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((candidate) => candidate.id === current);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setCurrent(next.id);
    document.getElementById(`admin-tab-${next.id}`)?.focus();
  };
  return (
    <section className="screen admin-screen" aria-labelledby="admin-title">
      <div className="screen-header">
        <h1 id="admin-title">{t('admin.title')}</h1>
      </div>
      <div className="admin-tabs" role="tablist" aria-label={t('admin.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            role="tab"
            id={`admin-tab-${candidate.id}`}
            className="admin-tab"
            aria-selected={candidate.id === current}
            aria-controls={`admin-panel-${candidate.id}`}
            tabIndex={candidate.id === current ? 0 : -1}
            onClick={() => setCurrent(candidate.id)}
          >
            {t(candidate.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`admin-panel-${tab.id}`} aria-labelledby={`admin-tab-${tab.id}`}>
        <tab.Panel />
      </div>
    </section>
  );
}
