/**
 * The person's deadline notices in "Việc của tôi": reminders and daily digests, newest first, the
 * unread ones marked; each leads to its document (a digest, to this screen's lists), and is marked
 * read with "Đã đọc", or all at once. docs/architecture.md, "Deadline notices at the desk".
 */
import { useQueryClient } from '@tanstack/react-query';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { useApiMutation } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';
import { noticeText, urgentNotice } from '../../../shared/i18n/notice-text.js';
import { noticeHref, useNotices } from './deadline-notices.js';

export function WorkNotices() {
  const { t, lang } = useI18n();
  const notices = useNotices();
  const queryClient = useQueryClient();
  const read = useApiMutation('hub.readNotices', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: methodKey('hub.notices') }),
  });
  const list = notices.data?.notices ?? [];
  if (list.length === 0) return null;
  const title = t('work.notices.title');
  return (
    <div className="table-wrap work-notices">
      <h2>
        {title}
        {notices.data!.unread > 0 ? (
          <>
            {' '}
            <button type="button" className="button button-small" disabled={read.isPending} onClick={() => read.mutate({})}>
              {t('work.notices.readAll')}
            </button>
          </>
        ) : null}
      </h2>
      {read.error ? <QueryError error={read.error} onRetry={() => read.mutate(read.variables ?? {})} /> : null}
      <ul aria-label={title}>
        {list.map((notice) => (
          <li key={notice.key} className={[notice.read ? '' : 'notice-unread', urgentNotice(notice) ? 'row-overdue' : ''].filter(Boolean).join(' ') || undefined}>
            {notice.read ? null : <span className="badge badge-overdue">{t('work.notices.unread')}</span>} <span className="muted">{formatDayMonthYear(notice.day)}</span>{' '}
            <a href={noticeHref(notice)} onClick={() => (notice.read ? undefined : read.mutate({ keys: [notice.key] }))}>
              {noticeText(notice, lang)}
            </a>
            {notice.read ? null : (
              <>
                {' '}
                <button type="button" className="button button-small" disabled={read.isPending} onClick={() => read.mutate({ keys: [notice.key] })}>
                  {t('work.notices.read')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
