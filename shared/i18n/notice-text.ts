/**
 * The words of a deadline notice (a reminder or the daily digest) wherever it is shown: the
 * renderer's notification area and "Việc của tôi", and the desktop notification Electron's main
 * process or the browser shows. Dates in dd/MM/yyyy.
 */
import type { DeskNotice } from '../api/hub-link.js';
import { formatDayMonthYear } from '../text/display-formats.js';
import { t, type Lang } from './messages.js';

export function noticeText(notice: DeskNotice, lang: Lang): string {
  if (notice.kind === 'digest') {
    const { day, overdue, dueToday, dueSoon, awaiting } = notice.digest;
    return t('notice.digest', lang, { date: formatDayMonthYear(day), overdue, dueToday, dueSoon, awaiting });
  }
  const { reminder } = notice;
  const subject = notice.documentSubject ?? t('notice.aDocument', lang);
  const date = formatDayMonthYear(reminder.deadline);
  if (reminder.kind === 'due_soon') return t('notice.dueSoon', lang, { date, subject });
  return t(reminder.own ? 'notice.overdue' : 'notice.overdueOfUnit', lang, { days: reminder.workingDaysLate, date, subject });
}

/** What a notification says of the notices one feed page brought: the one's words, or how many. */
export function noticesSummary(notices: readonly DeskNotice[], lang: Lang): string {
  const [first] = notices;
  return notices.length === 1 && first ? noticeText(first, lang) : t('notice.many', lang, { count: notices.length });
}

/** Overdue reminders are urgent; the rest is news. */
export const urgentNotice = (notice: DeskNotice): boolean => notice.kind === 'reminder' && notice.reminder.kind === 'overdue';
