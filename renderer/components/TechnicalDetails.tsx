/** "Chi tiết": the technical words (PKCS#11, X.509, a DN, a hash) behind a closed disclosure, plain words in front. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.js';

export function TechnicalDetails({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <details className="technical-details">
      <summary>{t('common.details')}</summary>
      <div className="technical-details-body">{children}</div>
    </details>
  );
}
