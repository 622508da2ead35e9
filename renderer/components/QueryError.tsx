import type { ApiError } from '../../shared/api/errors.js';
import { errorText } from '../../shared/i18n/messages.js';
import { useI18n } from '../i18n.js';

/** A failed read, translated, with a retry button. */
export function QueryError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="query-error" role="alert">
      <p title={error.message}>{errorText(error.code, lang)}</p>
      <button type="button" className="button button-small" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
