import type { ReactNode } from 'react';
import type { Connection } from '../../shared/api/state.js';
import { LanguageSwitch, useI18n } from '../i18n.js';

/** App name, the connected agency (with a Demo badge), extra controls, the language switch. */
export function AppHeader({ connection, children }: { connection: Connection | null; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-name">{t('app.name')}</span>
        <span className="app-tagline">{t('app.tagline')}</span>
      </div>
      {connection ? (
        <div className="app-agency" aria-label={t('header.agency')} role="group">
          {connection.agencyName ? <span className="agency-name">{connection.agencyName}</span> : null}
          <span className="agency-code">{connection.agencyCode}</span>
          {connection.kind === 'demo' ? (
            <span className="badge badge-demo" title={t('header.demoBadgeTitle')}>
              {t('header.demoBadge')}
            </span>
          ) : null}
        </div>
      ) : null}
      {children}
      <LanguageSwitch />
    </header>
  );
}
