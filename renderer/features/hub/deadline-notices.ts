/**
 * Deadline notices at the desk (docs/architecture.md, "Deadline notices at the desk"): the words a
 * reminder or a daily digest is shown with, in the notification area, the desktop notification and
 * "Việc của tôi"; where one leads; the person's notices and the count unread.
 */
import type { DeskNotice } from '../../../shared/api/hub-link.js';
import type { MessageKey, ParamsArg } from '../../../shared/i18n/messages.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { useApiQuery } from '../../api/client.js';
import { routeHref, type Route } from '../../router.js';

/** As many as "Việc của tôi" lists; the count unread covers them all. */
export const NOTICES_SHOWN = 50;

export function useNotices(enabled = true) {
  return useApiQuery('hub.notices', { limit: NOTICES_SHOWN }, { enabled });
}

export type Words = <K extends MessageKey>(key: K, ...params: ParamsArg<K>) => string;

export function noticeText(notice: DeskNotice, t: Words): string {
  if (notice.kind === 'digest') {
    const { day, overdue, dueToday, dueSoon, awaiting } = notice.digest;
    return t('notice.digest', { date: formatDayMonthYear(day), overdue, dueToday, dueSoon, awaiting });
  }
  const { reminder } = notice;
  const subject = notice.documentSubject ?? t('notice.aDocument');
  const date = formatDayMonthYear(reminder.deadline);
  if (reminder.kind === 'due_soon') return t('notice.dueSoon', { date, subject });
  return t(reminder.own ? 'notice.overdue' : 'notice.overdueOfUnit', { days: reminder.workingDaysLate, date, subject });
}

/** A reminder opens its document; a digest, "Việc của tôi". */
export function noticeRoute(notice: DeskNotice): Route {
  return notice.kind === 'reminder' && notice.reminder.documentId !== null ? { area: 'inbox', documentId: notice.reminder.documentId } : { area: 'work' };
}

export const noticeHref = (notice: DeskNotice): string => routeHref(noticeRoute(notice));

/** Overdue reminders are urgent; the rest is news. */
export const urgentNotice = (notice: DeskNotice): boolean => notice.kind === 'reminder' && notice.reminder.kind === 'overdue';
