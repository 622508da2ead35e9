/** The main window once set up: header, navigation, the current area, the status bar. */
import type { AppState } from '../../../shared/api/state.js';
import type { MessageKey } from '../../../shared/i18n/messages.js';
import { AppHeader } from '../../components/AppHeader.js';
import { StatusBar } from '../../components/StatusBar.js';
import { useI18n } from '../../i18n.js';
import { AREAS, routeHref, useRoute, type Area } from '../../router.js';
import { AgenciesScreen } from '../agencies/AgenciesScreen.js';
import { DraftsScreen } from '../drafts/DraftsScreen.js';

const NAV_LABELS: Record<Area, MessageKey & `nav.${string}`> = {
  drafts: 'nav.drafts',
  agencies: 'nav.agencies',
};

export function MainWindow({ state }: { state: AppState }) {
  const { t } = useI18n();
  const route = useRoute();
  return (
    <div className="app-frame">
      <AppHeader connection={state.connection} />
      <div className="app-body">
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {AREAS.map((area) => (
              <li key={area}>
                <a
                  href={routeHref(area === 'drafts' ? { area, documentId: null } : { area })}
                  aria-current={route.area === area ? 'page' : undefined}
                >
                  {t(NAV_LABELS[area])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="app-main">
          {route.area === 'agencies' ? <AgenciesScreen /> : <DraftsScreen documentId={route.documentId} />}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
