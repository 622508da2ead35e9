/** The main window once set up: header, navigation with counts, the current area, the status bar. */
import { lazy, Suspense, useLayoutEffect, useRef } from 'react';
import type { AppState } from '../../../shared/api/state.js';
import { formatNumber, type PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { firstPage } from '../../api/paging.js';
import { AppHeader } from '../../components/AppHeader.js';
import { StatusBar } from '../../components/StatusBar.js';
import { useI18n } from '../../i18n.js';
import { AREAS, areaRoute, routeHref, useRoute, type Area, type Route } from '../../router.js';
import { AgenciesScreen } from '../agencies/AgenciesScreen.js';
import { DiagnosticsScreen } from '../diagnostics/DiagnosticsScreen.js';
import { DocumentScreen } from '../documents/DocumentScreen.js';
import { MailboxScreen } from '../documents/MailboxScreen.js';
import { DraftsScreen } from '../drafts/DraftsScreen.js';
import { QuarantineScreen } from '../quarantine/QuarantineScreen.js';
import { QueueScreen } from '../queue/QueueScreen.js';
import { RegistersScreen } from '../registers/RegistersScreen.js';
import { DossiersScreen } from '../records/DossiersScreen.js';
import { SettingsScreen } from '../settings/SettingsScreen.js';
import { HeaderSearch } from '../search/HeaderSearch.js';
import { SearchScreen } from '../search/SearchScreen.js';
import { useNotices } from '../hub/deadline-notices.js';
import { ArrivalNotifier, ArrivalReminders, DeadlineNotifier, NotificationPermissionButton } from './notifications.js';
import { DesktopIntegration } from '../desktop/DesktopIntegration.js';
import { IntakeScreen } from '../intake/IntakeScreen.js';
import { useMediaQuery } from '../../use-media-query.js';
import { AGENCY_AREAS, AGENCY_ONLY_AREAS, isAdmin, useAgencyDesk, useStandalone } from '../hub/agency-desk.js';
import { AdminScreen } from '../admin/AdminScreen.js';
import { WorkScreen } from '../hub/WorkScreen.js';
import { ArrivalWorkScreen } from '../work/ArrivalWorkScreen.js';
import { useArrivalWork } from '../work/arrival-work.js';
import { HubQueueScreen } from '../hub/HubQueueScreen.js';
import { AgencyUnavailable } from '../hub/AgencyUnavailable.js';

/** Reports load their chart library on first use: it stays out of the start-up bundle. */
const ReportsScreen = lazy(() => import('../reports/ReportsScreen.js').then((module) => ({ default: module.ReportsScreen })));

const NAV_LABELS: Record<Area, PlainMessageKey & `nav.${string}`> = {
  search: 'nav.search',
  work: 'nav.work',
  inbox: 'nav.inbox',
  intake: 'nav.intake',
  sent: 'nav.sent',
  drafts: 'nav.drafts',
  queue: 'nav.queue',
  quarantine: 'nav.quarantine',
  agencies: 'nav.agencies',
  registers: 'nav.registers',
  dossiers: 'nav.dossiers',
  reports: 'nav.reports',
  admin: 'nav.admin',
  settings: 'nav.settings',
  diagnostics: 'nav.diagnostics',
};

interface NavCount {
  count: number;
  /** Something waits for the clerk (a request to answer). */
  attention: boolean;
  description: string;
}

/**
 * Counts beside the navigation, from calls the screens make anyway: the inbox's documents waiting
 * for the clerk (and whether a request waits for an answer), the first page of the other
 * mailboxes, the queue length from the sync status, and the open quarantined packages.
 */
function useNavCounts(): Partial<Record<Area, NavCount>> {
  const { t } = useI18n();
  const inbox = useApiQuery('documents.inboxCounts', {});
  const sent = useApiQuery('documents.list', firstPage<'documents.list'>({ box: 'sent' }));
  const drafts = useApiQuery('documents.list', firstPage<'documents.list'>({ box: 'drafts' }));
  const sync = useApiQuery('sync.getStatus', {});
  const desk = useAgencyDesk();
  const quarantine = useApiQuery('quarantine.list', {}, { enabled: !desk });
  const work = useApiQuery('hub.myWork', {}, { enabled: desk !== null });
  const notices = useNotices(desk !== null);
  const standalone = useStandalone();
  const arrivalWork = useArrivalWork(standalone);

  const counts: Partial<Record<Area, NavCount>> = {};
  if (inbox.data) {
    // What waits for the clerk (the tray's number), not every document ever received: it goes down as they are handled.
    const { waiting: count, requests } = inbox.data;
    counts.inbox = { count, attention: requests > 0, description: requests > 0 ? t('nav.count.waitingAndRequests', { count, requests }) : t('nav.count.waiting', { count }) };
  }
  if (sent.data) counts.sent = { count: sent.data.total, attention: false, description: t('nav.count.documents', { count: sent.data.total }) };
  if (drafts.data) counts.drafts = { count: drafts.data.total, attention: false, description: t('nav.count.documents', { count: drafts.data.total }) };
  if (desk) {
    const { queued, refused } = desk;
    counts.queue = { count: queued + refused, attention: refused > 0, description: refused > 0 ? t('nav.count.hubQueueRefused', { count: queued, refused }) : t('nav.count.hubQueue', { count: queued }) };
    if (work.data) {
      // The extensions waiting for his decision and the drafts waiting for his signature are his work too; unread deadline notices show instead, marked.
      const count = work.data.items.length + work.data.extensionsToDecide.length + work.data.toSign.length;
      const unread = notices.data?.unread ?? 0;
      counts.work =
        unread > 0 ? { count: unread, attention: true, description: t('nav.count.workUnread', { count, unread }) } : { count, attention: false, description: t('nav.count.work', { count }) };
    }
  } else {
    if (sync.data) counts.queue = { count: sync.data.queueLength, attention: false, description: t('nav.count.queue', { count: sync.data.queueLength }) };
    // Standalone: the open arrivals, marked while one is overdue.
    if (arrivalWork.data) {
      const count = arrivalWork.data.length;
      counts.work = { count, attention: arrivalWork.data.some((item) => item.standing === 'overdue'), description: t('nav.count.work', { count }) };
    }
  }
  if (quarantine.data) {
    const open = quarantine.data.filter((item) => item.state === 'open').length;
    counts.quarantine = { count: open, attention: open > 0, description: t('nav.count.quarantine', { count: open }) };
  }
  return counts;
}

function LoadingText() {
  const { t } = useI18n();
  return <p className="muted">{t('common.loading')}</p>;
}

function Screen({ route }: { route: Route }) {
  const wide = useMediaQuery(WIDE_SCREEN);
  const desk = useAgencyDesk();
  // A desk in agency mode: the server does what the other areas do (an old link still lands somewhere plain).
  if (desk && !AGENCY_AREAS.has(route.area)) return <AgencyUnavailable />;
  if (desk && route.area === 'queue') return <HubQueueScreen />;
  if (desk && route.area === 'work') return <WorkScreen />;
  if (desk && route.area === 'admin') return <AdminScreen />;
  switch (route.area) {
    case 'search':
      return <SearchScreen params={route.params} />;
    case 'intake':
      return <IntakeScreen />;
    case 'agencies':
      return <AgenciesScreen />;
    case 'queue':
      return <QueueScreen />;
    case 'quarantine':
      return <QuarantineScreen />;
    case 'registers':
      return <RegistersScreen />;
    case 'dossiers':
      return <DossiersScreen />;
    case 'reports':
      return (
        <Suspense fallback={<LoadingText />}>
          <ReportsScreen />
        </Suspense>
      );
    case 'settings':
      return <SettingsScreen />;
    case 'diagnostics':
      return <DiagnosticsScreen />;
    case 'work':
      return <ArrivalWorkScreen />;
    case 'admin':
      // "Quản trị" is agency mode's; a standalone desk's old link lands in its inbox.
      return <MailboxScreen key="inbox" box="inbox" />;
    default:
      if (route.area !== 'drafts' && wide && route.documentId !== null) return <MasterDetail box={route.area} documentId={route.documentId} />;
      if (route.documentId !== null) return <DocumentScreen key={route.documentId} area={route.area} id={route.documentId} />;
      return route.area === 'drafts' ? <DraftsScreen /> : <MailboxScreen key={route.area} box={route.area} />;
  }
}

/**
 * On a wide screen an open document keeps its mailbox beside it, as in a mail client's reading
 * pane; the list alone stays full width (with its bulk accept).
 */
const WIDE_SCREEN = '(min-width: 1600px)';

function MasterDetail({ box, documentId }: { box: 'inbox' | 'sent'; documentId: number }) {
  return (
    <div className="master-detail">
      <div className="master-pane">
        <MailboxScreen key={box} box={box} openId={documentId} compact />
      </div>
      <div className="detail-pane">
        <DocumentScreen key={documentId} area={box} id={documentId} />
      </div>
    </div>
  );
}

export function MainWindow({ state }: { state: AppState }) {
  const { t, lang } = useI18n();
  const route = useRoute();
  const counts = useNavCounts();
  const desk = useAgencyDesk();
  const standalone = useStandalone();
  const areas = AREAS.filter((area) => (desk ? AGENCY_AREAS.has(area) && (area !== 'admin' || isAdmin(desk.user)) : !AGENCY_ONLY_AREAS.has(area)));
  const main = useRef<HTMLElement>(null);
  const page = routeHref(route);
  // A page opens at its top, not at the scroll position of the page before (the scrolling element
  // is <main>, which the browser does not reset on a hash change); the list beside an open
  // document keeps its own position.
  useLayoutEffect(() => {
    main.current?.scrollTo(0, 0);
    main.current?.querySelector('.detail-pane')?.scrollTo(0, 0);
  }, [page]);
  return (
    <div className="app-frame">
      <AppHeader connection={state.connection}>
        {desk ? null : <HeaderSearch />}
        <NotificationPermissionButton />
      </AppHeader>
      <div className="app-body">
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {areas.map((area) => {
              const count = counts[area];
              const shown = count !== undefined && count.count > 0;
              const descriptionId = `nav-count-${area}`;
              return (
                <li key={area}>
                  <a href={routeHref(areaRoute(area))} aria-current={route.area === area ? 'page' : undefined} aria-describedby={shown ? descriptionId : undefined}>
                    <span className="nav-label">{t(desk && area === 'queue' ? 'nav.hubQueue' : NAV_LABELS[area])}</span>
                    {shown ? (
                      <span className={`nav-count${count.attention ? ' nav-count-attention' : ''}`} aria-hidden="true">
                        {formatNumber(count.count, lang)}
                      </span>
                    ) : null}
                  </a>
                  {shown ? (
                    <span id={descriptionId} className="visually-hidden">
                      {count.description}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </nav>
        <main ref={main} className="app-main">
          <Screen route={route} />
        </main>
      </div>
      <StatusBar />
      <ArrivalNotifier />
      <DeadlineNotifier />
      {standalone ? <ArrivalReminders /> : null}
      {state.shell === 'electron' ? <DesktopIntegration /> : null}
    </div>
  );
}
