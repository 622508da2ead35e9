/**
 * "Quản trị" at a desk in agency mode, for the agency's administrators: the hub's audit log
 * (Nhật ký). The hub decides who may read it; the desk shows the area only to one whose roles say
 * admin, to spare the others a screen that would be refused.
 */
import { useI18n } from '../../i18n.js';
import { AuditLog } from './AuditLog.js';

export function AdminScreen() {
  const { t } = useI18n();
  return (
    <section className="screen admin-screen" aria-labelledby="admin-title">
      <div className="screen-header">
        <h1 id="admin-title">{t('admin.title')}</h1>
      </div>
      <div className="admin-tabs" role="tablist" aria-label={t('admin.tabs')}>
        <button type="button" role="tab" id="admin-tab-audit" className="admin-tab" aria-selected="true" aria-controls="admin-panel-audit">
          {t('admin.tab.audit')}
        </button>
      </div>
      <div role="tabpanel" id="admin-panel-audit" aria-labelledby="admin-tab-audit">
        <AuditLog />
      </div>
    </section>
  );
}
