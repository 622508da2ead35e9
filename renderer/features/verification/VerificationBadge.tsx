/**
 * The signature verdict as a small label: an icon and a word, never colour alone, and a title
 * (tooltip and accessible description) that says what it means.
 */
import type { DocumentVerdict } from '../../../shared/api/documents.js';
import { useI18n } from '../../i18n.js';
import { badgeKind, type BadgeKind } from './verdict.js';

const ICON: Record<BadgeKind, string> = { valid: '✓', warning: '!', invalid: '✕', unsigned: '–', pending: '…' };

export function VerificationBadge({ verdict }: { verdict: DocumentVerdict | Pick<DocumentVerdict, 'indication'> | null }) {
  const { t } = useI18n();
  const kind = badgeKind(verdict);
  const title = t(`verify.badge.${kind}.title`);
  return (
    <span className={`badge badge-verify badge-verify-${kind}`} title={title} aria-label={`${t('list.col.signature')}: ${t(`verify.badge.${kind}`)}. ${title}`} role="img">
      <span aria-hidden="true" className="badge-icon">
        {ICON[kind]}
      </span>{' '}
      <span aria-hidden="true">{t(`verify.badge.${kind}`)}</span>
    </span>
  );
}
