/** Small labels: urgency (red-ish from Khẩn up) and where a document stands. */
import type { DocumentState, RecipientState } from '../../shared/api/documents.js';
import { documentStateKey, priorityKey, type PlainMessageKey } from '../../shared/i18n/messages.js';
import { useI18n } from '../i18n.js';

/** Nothing visible for a normal document (a screen reader still hears "Thường" in tables). */
export function PriorityBadge({ priority, hideNormal = false }: { priority: number; hideNormal?: boolean }) {
  const { t } = useI18n();
  const key = priorityKey(priority);
  if (key === 'priority.0') return hideNormal ? null : <span className="visually-hidden">{t(key)}</span>;
  return <span className={`badge badge-priority badge-${key.replace('.', '-')}`}>{t(key)}</span>;
}

export function StateBadge({ state }: { state: DocumentState }) {
  const { t } = useI18n();
  return <span className={`badge badge-state badge-state-${state}`}>{t(documentStateKey(state))}</span>;
}

/** `text`: the words for the state, which depend on what the sender asked (features/documents/request-wording.ts). */
export function RecipientStateBadge({ state, text }: { state: RecipientState; text: PlainMessageKey }) {
  const { t } = useI18n();
  return <span className={`badge badge-state badge-recipient-${state}`}>{t(text)}</span>;
}

/** Kept from the demo after the switch to a real axis: read-only. */
export function DemoBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-demo" title={t('document.demo.readOnly')}>
      {t('document.demo.badge')}
    </span>
  );
}

/** Agency mode: an internal document (văn bản nội bộ), between units of the agency, never over the axis. */
export function InternalBadge() {
  const { t } = useI18n();
  return <span className="badge badge-internal">{t('document.internal')}</span>;
}
