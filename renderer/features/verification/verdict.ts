/** How a verdict reads in the UI: the badge kind, the reason in words, the prefilled return reason. */
import type { DocumentVerdict } from '../../../shared/api/documents.js';
import type { CertificateSummary, DocumentVerification, SubIndication } from '../../../shared/api/verification.js';
import type { Translate } from '../../i18n.js';

export type BadgeKind = 'valid' | 'warning' | 'invalid' | 'unsigned' | 'pending';

export function badgeKind(verdict: DocumentVerdict | Pick<DocumentVerdict, 'indication'> | null): BadgeKind {
  switch (verdict?.indication) {
    case undefined:
      return 'pending';
    case 'TOTAL_PASSED':
      return 'valid';
    case 'INDETERMINATE':
      return 'warning';
    case 'TOTAL_FAILED':
      return 'invalid';
    case 'UNSIGNED':
      return 'unsigned';
  }
}

export function reasonText(subIndication: SubIndication | null, t: Translate): string {
  return subIndication ? t(`verify.sub.${subIndication}`) : t('verify.sub.none');
}

/** The one-sentence verdict at the top of the signature panel. */
export function summaryText(verification: Pick<DocumentVerification, 'indication' | 'subIndication'>, t: Translate): string {
  if (verification.indication === 'TOTAL_PASSED' || verification.indication === 'UNSIGNED') return t(`verify.summary.${verification.indication}`);
  return t(`verify.summary.${verification.indication}`, { reason: reasonText(verification.subIndication, t) });
}

/** "Chữ ký số không hợp lệ: …" for the return dialog; the sender mismatch names both agencies. */
export function returnReason(verification: Pick<DocumentVerification, 'subIndication' | 'sender'>, t: Translate): string {
  const { sender } = verification;
  const reason =
    sender.matches === false
      ? sender.signedBy
        ? t('verify.sender.mismatch', { signedBy: sender.signedBy, expected: sender.expectedName })
        : t('verify.sender.noOrganization', { expected: sender.expectedName })
      : reasonText(verification.subIndication, t);
  return t('verify.return.reason', { reason });
}

/** The X.520 title (chức vụ) from the subject text, where the certificate has one. */
export function certificateTitle(certificate: Pick<CertificateSummary, 'subject'>): string | null {
  return /(?:^|,\s*)title\s*=\s*((?:\\,|[^,])+)/.exec(certificate.subject)?.[1]?.replaceAll('\\,', ',').trim() ?? null;
}
