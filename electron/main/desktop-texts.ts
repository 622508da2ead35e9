/**
 * What the desktop shell writes outside the page (tray tooltip, notifications, the About box),
 * from the shared message table in the language the clerk chose in the renderer.
 */
import type { ApiEvent } from '../../shared/api/contract.js';
import { priorityKey, t, type Lang } from '../../shared/i18n/messages.js';
import { noticesSummary, urgentNotice } from '../../shared/i18n/notice-text.js';
import { badgeLabel } from './tray-badge.js';

export function trayTooltip(count: number, lang: Lang): string {
  if (badgeLabel(count) === '') return t('desktop.tray.none', lang);
  return t('desktop.tray.waiting', lang, { count });
}

export interface ArrivalNotificationText {
  title: string;
  body: string;
  /** Urgent ones stay until dismissed (Linux); Windows toasts follow the user's focus settings. */
  urgency: 'normal' | 'critical';
}

export function arrivalNotification(event: Extract<ApiEvent, { type: 'document.arrived' }>, lang: Lang): ArrivalNotificationText {
  const urgent = event.priority > 0;
  const lines = [t('arrival.single', lang, { subject: event.subject })];
  if (event.senderName) lines.push(t('arrival.from', lang, { sender: event.senderName }));
  return {
    title: urgent ? t('desktop.arrival.urgentTitle', lang, { priority: t(priorityKey(event.priority), lang) }) : t('arrival.notificationTitle', lang),
    body: lines.join('\n'),
    urgency: urgent ? 'critical' : 'normal',
  };
}

/** The deadline notices a feed page brought (a desk in agency mode): one notification for them; overdue ones stay until dismissed. */
export function noticesNotification(event: Extract<ApiEvent, { type: 'hub.notices' }>, lang: Lang): ArrivalNotificationText {
  return { title: t('notice.notificationTitle', lang), body: noticesSummary(event.arrived, lang), urgency: event.arrived.some(urgentNotice) ? 'critical' : 'normal' };
}

/** A downloaded update waits for the clerk's click: a restart in the middle of typing loses the typing. */
export function updateReadyNotification(version: string, lang: Lang): { title: string; body: string } {
  return { title: t('desktop.update.readyTitle', lang, { version }), body: t('desktop.update.readyBody', lang) };
}

export interface Versions {
  app: string;
  electron: string;
  chrome: string;
  node: string;
}

/** The About box (Help › About): the versions a helpdesk asks for first. */
export function aboutBox(versions: Versions, lang: Lang): { title: string; message: string; detail: string; buttons: string[] } {
  return {
    title: t('desktop.about.title', lang),
    message: t('desktop.about.message', lang, { version: versions.app }),
    detail: t('desktop.about.detail', lang, { electron: versions.electron, chrome: versions.chrome, node: versions.node }),
    buttons: [t('desktop.about.close', lang)],
  };
}

/** The file dialog for another token driver: only the library type of this OS. */
export function pkcs11DialogOptions(platform: NodeJS.Platform, lang: Lang): { title: string; properties: ['openFile']; filters: { name: string; extensions: string[] }[] } {
  return {
    title: t('settings.module.pickTitle', lang),
    properties: ['openFile'],
    filters: [{ name: t('settings.module.fileType', lang), extensions: platform === 'win32' ? ['dll'] : platform === 'darwin' ? ['dylib', 'so'] : ['so'] }],
  };
}
