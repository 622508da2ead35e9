/**
 * New documents and deadline notices (reminders, the daily digest): an in-app notice always; in
 * browser mode also a desktop notification, once the clerk allowed it with "Bật thông báo" (never
 * asked on load) and only while VanThu is not the focused window. Under Electron the main process
 * shows native notifications itself.
 */
import { useEffect, useRef, useState } from 'react';
import { priorityKey, t as translate, type Lang } from '../../../shared/i18n/messages.js';
import { useApi } from '../../api/client.js';
import { useToasts } from '../../components/toasts.js';
import { useI18n } from '../../i18n.js';
import { navigate, routeHref } from '../../router.js';
import type { DeskNotice } from '../../../shared/api/hub-link.js';
import { noticesSummary, urgentNotice } from '../../../shared/i18n/notice-text.js';
import { noticeHref, noticeRoute } from '../hub/deadline-notices.js';
import { createArrivalBatcher, summarizeArrivals, type ArrivalNotice } from './arrivals.js';

/** Browser mode with the Notification API: the only place VanThu shows desktop notifications itself. */
function desktopNotificationsPossible(): boolean {
  return typeof window !== 'undefined' && window.vanthu === undefined && typeof Notification !== 'undefined';
}

/** A desktop notification that opens `route` when clicked; nothing while VanThu has the focus or the clerk did not allow them. */
function notify(options: { title: string; body: string; tag: string; requireInteraction: boolean; route: Parameters<typeof navigate>[0] }): void {
  if (!desktopNotificationsPossible() || Notification.permission !== 'granted' || document.hasFocus()) return;
  try {
    const notification = new Notification(options.title, { body: options.body, tag: options.tag, requireInteraction: options.requireInteraction });
    notification.onclick = () => {
      window.focus();
      navigate(options.route);
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the in-app notice remains.
  }
}

function showDesktopNotification(notice: ArrivalNotice, lang: Lang): void {
  const body =
    notice.kind === 'single'
      ? translate('arrival.single', lang, { subject: notice.arrival.subject })
      : notice.urgentCount > 0
        ? translate('arrival.manyUrgent', lang, { count: notice.count, urgent: notice.urgentCount })
        : translate('arrival.many', lang, { count: notice.count });
  notify({
    title: translate('arrival.notificationTitle', lang),
    body,
    tag: notice.kind === 'single' ? `vanthu-document-${notice.arrival.id}` : 'vanthu-documents',
    requireInteraction: notice.kind === 'single' ? notice.urgent : notice.urgentCount > 0,
    route: notice.kind === 'single' ? { area: 'inbox', documentId: notice.arrival.id } : { area: 'inbox', documentId: null },
  });
}

/** The language now, read by listeners subscribed once (they are not subscribed again when it changes). */
function useCurrentLang() {
  const { lang } = useI18n();
  const langRef = useRef(lang);
  useEffect(() => {
    langRef.current = lang;
  }, [lang]);
  return langRef;
}

/** Listens for document.arrived and announces arrivals, grouped. Renders nothing. */
export function ArrivalNotifier() {
  const api = useApi();
  const toasts = useToasts();
  const langRef = useCurrentLang();

  useEffect(() => {
    const batcher = createArrivalBatcher((arrivals) => {
      const notice = summarizeArrivals(arrivals);
      if (!notice) return;
      if (notice.kind === 'single') {
        const { arrival } = notice;
        toasts.notice({
          urgent: notice.urgent,
          badge: ({ t }) => t(priorityKey(arrival.priority)),
          text: ({ t }) => t('arrival.single', { subject: arrival.subject }),
          detail: arrival.senderName ? ({ t }) => t('arrival.from', { sender: arrival.senderName ?? '' }) : undefined,
          link: { href: routeHref({ area: 'inbox', documentId: arrival.id }), text: ({ t }) => t('arrival.open') },
        });
      } else {
        toasts.notice({
          urgent: notice.urgentCount > 0,
          text: ({ t }) =>
            notice.urgentCount > 0 ? t('arrival.manyUrgent', { count: notice.count, urgent: notice.urgentCount }) : t('arrival.many', { count: notice.count }),
          link: { href: routeHref({ area: 'inbox', documentId: null }), text: ({ t }) => t('arrival.openInbox') },
        });
      }
      showDesktopNotification(notice, langRef.current);
    });
    const unsubscribe = api.subscribe((event) => {
      if (event.type === 'document.arrived') batcher.push({ id: event.id, subject: event.subject, senderName: event.senderName, priority: event.priority });
    });
    return () => {
      unsubscribe();
      batcher.dispose();
    };
  }, [api, toasts, langRef]);

  return null;
}

/** One desktop notification for the notices a feed page brought: the one's words, or how many. */
function showNoticeNotification(notices: readonly DeskNotice[], lang: Lang): void {
  const [first] = notices;
  if (!first) return;
  notify({
    title: translate('notice.notificationTitle', lang),
    body: noticesSummary(notices, lang),
    tag: notices.length === 1 ? `vanthu-notice-${first.key}` : 'vanthu-notices',
    requireInteraction: notices.some(urgentNotice),
    route: notices.length === 1 ? noticeRoute(first) : { area: 'work' },
  });
}

/**
 * Listens for hub.notices and announces the deadline reminders and digests a desk's feed brought,
 * or, in standalone mode, the reminders of open arrivals work.remind gave. Renders nothing.
 */
export function DeadlineNotifier() {
  const api = useApi();
  const toasts = useToasts();
  const langRef = useCurrentLang();

  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type !== 'hub.notices' || event.arrived.length === 0) return;
        const notices = event.arrived;
        // One leads to its document (a digest, to Việc của tôi); several, to Việc của tôi.
        const [only] = notices.length === 1 ? notices : [];
        const opensDocument = only?.kind === 'reminder' && only.reminder.documentId !== null;
        toasts.notice({
          urgent: notices.some(urgentNotice),
          text: ({ lang }) => noticesSummary(notices, lang),
          link: { href: only ? noticeHref(only) : routeHref({ area: 'work' }), text: ({ t }) => t(opensDocument ? 'notice.open' : 'notice.openWork') },
        });
        showNoticeNotification(notices, langRef.current);
      }),
    [api, toasts, langRef],
  );

  return null;
}

/** How often a standalone VanThu looks for arrivals due soon or overdue: as often as the hub does for its work items. */
const ARRIVAL_REMINDER_INTERVAL_MS = 15 * 60_000;

/**
 * Standalone mode: asks the core for the reminders due (work.remind) when the window opens and
 * every ARRIVAL_REMINDER_INTERVAL_MS after; the core gives each once (per arrival, kind and
 * deadline) and announces the new ones as hub.notices, which DeadlineNotifier shows. Asked from a
 * window, so a reminder is not spent while no window could show it. Renders nothing.
 */
export function ArrivalReminders() {
  const api = useApi();
  useEffect(() => {
    const ask = () => {
      // A failure waits for the next round: the list still marks what is overdue.
      api.call('work.remind', {}).catch(() => undefined);
    };
    ask();
    const timer = setInterval(ask, ARRIVAL_REMINDER_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [api]);
  return null;
}

/** "Bật thông báo": asks the browser for permission, only when the clerk clicks it. */
export function NotificationPermissionButton() {
  const { t } = useI18n();
  const [permission, setPermission] = useState<NotificationPermission | null>(() => (desktopNotificationsPossible() ? Notification.permission : null));
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="button button-small header-button"
      title={t('notify.enable.title')}
      onClick={() => {
        void Notification.requestPermission().then(setPermission, () => setPermission(Notification.permission));
      }}
    >
      {t('notify.enable')}
    </button>
  );
}
