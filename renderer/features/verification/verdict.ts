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

/**
 * Why the verdict is not TOTAL_PASSED, in the clerk's words: the sender mismatch names both
 * agencies, an unreadable file names the file, anything else explains the sub-indication.
 */
function reasonOf(verification: Pick<DocumentVerification, 'subIndication' | 'sender' | 'files'>, t: Translate): string {
  const { sender } = verification;
  if (verification.subIndication === 'SIG_CONSTRAINTS_FAILURE' && sender.matches === false) {
    return sender.signedBy ? t('verify.sender.mismatch', { signedBy: sender.signedBy, expected: sender.expectedName }) : t('verify.sender.noOrganization', { expected: sender.expectedName });
  }
  const unreadable = verification.subIndication === 'FORMAT_FAILURE' ? verification.files.find((file) => file.error !== null) : undefined;
  if (unreadable) return t('verify.reason.unreadable', { name: unreadable.name });
  return reasonText(verification.subIndication, t);
}

/** The one-sentence verdict at the top of the signature panel. */
export function summaryText(verification: Pick<DocumentVerification, 'indication' | 'subIndication' | 'sender' | 'files'>, t: Translate): string {
  if (verification.indication === 'TOTAL_PASSED' || verification.indication === 'UNSIGNED') return t(`verify.summary.${verification.indication}`);
  return t(`verify.summary.${verification.indication}`, { reason: reasonOf(verification, t) });
}

/** "Chữ ký số không hợp lệ: …" for the return dialog. */
export function returnReason(verification: Pick<DocumentVerification, 'subIndication' | 'sender' | 'files'>, t: Translate): string {
  return t('verify.return.reason', { reason: reasonOf(verification, t) });
}

/** The X.520 title (chức vụ) from the subject text, where the certificate has one. */
export function certificateTitle(certificate: Pick<CertificateSummary, 'subject'>): string | null {
  return /(?:^|,\s*)title\s*=\s*((?:\\,|[^,])+)/.exec(certificate.subject)?.[1]?.replaceAll('\\,', ',').trim() ?? null;
}
