/**
 * Deadline notices at the desk (docs/architecture.md, "Deadline notices at the desk"): where one
 * leads; the person's notices and the count unread. Their words: shared/i18n/notice-text.ts.
 */
import type { DeskNotice } from '../../../shared/api/hub-link.js';
import { useApiQuery } from '../../api/client.js';
import { routeHref, type Route } from '../../router.js';

/** As many as "Việc của tôi" lists; the count unread covers them all. */
export const NOTICES_SHOWN = 50;

export function useNotices(enabled = true) {
  return useApiQuery('hub.notices', { limit: NOTICES_SHOWN }, { enabled });
}

/** A reminder opens its document; a digest, "Việc của tôi". */
export function noticeRoute(notice: DeskNotice): Route {
  return notice.kind === 'reminder' && notice.reminder.documentId !== null ? { area: 'inbox', documentId: notice.reminder.documentId } : { area: 'work' };
}

export const noticeHref = (notice: DeskNotice): string => routeHref(noticeRoute(notice));
