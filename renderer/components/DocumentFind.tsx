/**
 * Find-in-document for the viewer: the typed words looked up in the file's pages of words (its
 * text layer, or what OCR read from a scan, so a scanned letter is searchable too), folded the
 * same way as every search; each match lists its page with the passage, and goes to that page.
 */
import { useMemo, useState } from 'react';
import { findRuns, passageAround, typedRuns } from '../../shared/text/passage.js';
import { useApiQuery } from '../api/client.js';
import { useI18n } from '../i18n.js';
import { Highlighted } from './Highlighted.js';

export function DocumentFind({ attachmentId, onPage }: { attachmentId: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const text = useApiQuery('content.attachmentText', { attachmentId });
  const hits = useMemo(() => {
    // What is typed is one phrase here, as in any viewer's find: "ngan sach" finds "ngân sách", not each word apart.
    const phrase = typedRuns(typed).flat();
    if (phrase.length === 0 || !text.data?.pages) return [];
    const runs = [phrase];
    return text.data.pages.flatMap((page, i) => {
      const count = findRuns(page, runs).length;
      const passage = count > 0 ? passageAround(page, runs, 40, 80) : null;
      return passage ? [{ page: i + 1, count, passage }] : [];
    });
  }, [typed, text.data]);
  const total = hits.reduce((sum, hit) => sum + hit.count, 0);
  return (
    <div className="document-find" role="search">
      <label htmlFor={`find-${attachmentId}`} className="visually-hidden">
        {t('find.label')}
      </label>
      <input id={`find-${attachmentId}`} type="search" placeholder={t('find.label')} value={typed} maxLength={200} onChange={(event) => setTyped(event.target.value)} />
      {typed.trim() === '' ? null : !text.data?.pages ? (
        <p className="muted">{t('find.notRead')}</p>
      ) : (
        <>
          <p role="status" className="muted">
            {total === 0 ? t('find.none') : t('find.count', { count: total })}
          </p>
          <ul className="find-hits">
            {hits.map((hit) => (
              <li key={hit.page}>
                <button type="button" className="link-button" onClick={() => onPage(hit.page)}>
                  {t('find.page', { page: hit.page })}
                </button>{' '}
                <Highlighted passage={hit.passage} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
