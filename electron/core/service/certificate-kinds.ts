/**
 * Personal and organisation certificates: the leader approves with a person's certificate, the
 * agency seals with the organisation's. The subject decides (shared/domain/certificate-kind.ts);
 * where it cannot, or decides wrongly, IT sets the kind of that certificate in Settings, kept per
 * certificate (SHA-256 of its DER) like its signature image.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { CertificateKindInfo } from '../../../shared/api/signing.js';
import { certificateKind, type CertificateKind } from '../../../shared/domain/certificate-kind.js';
import type { CertificateInfo } from '../pki/certificate-info.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction, type Db } from '../store/database.js';
import { deleteValue, readValue, writeValue } from '../store/key-value.js';
import { certificateSha256Of } from './signing-images.js';

const KIND_SETTING_PREFIX = 'signing.certificateKind.';

export function certificateKindOf(db: Db, certificate: Pick<CertificateInfo, 'der' | 'holder'>): CertificateKindInfo {
  const set = readValue<CertificateKind>(db, 'settings', `${KIND_SETTING_PREFIX}${certificateSha256Of(certificate.der)}`);
  const found = certificateKind(certificate.holder.attributes);
  if (set === 'person' || set === 'organization') return { kind: set, source: 'setting', subjectKind: found.kind, marker: found.marker };
  return { kind: found.kind, source: found.kind ? 'subject' : 'none', subjectKind: found.kind, marker: found.marker };
}

export function setCertificateKind(db: Db, actor: string, certificateSha256: string, kind: CertificateKind | null): void {
  const key = `${KIND_SETTING_PREFIX}${certificateSha256}`;
  writeTransaction(db, () => {
    if (kind) writeValue(db, 'settings', key, kind);
    else deleteValue(db, 'settings', key);
    appendAudit(db, { actor, action: 'signing.certificateKind', details: { certificate: certificateSha256, kind } });
  });
}

/** The leader's step takes a person's certificate, the agency's step the organisation's: refused before the PIN is used. */
export function requireCertificateKind(db: Db, certificate: CertificateInfo, expected: CertificateKind): void {
  const { kind } = certificateKindOf(db, certificate);
  if (kind === expected) return;
  const wanted = expected === 'person' ? "a person's certificate (the leader's own)" : "the organisation's certificate (the agency's)";
  const found = kind === null ? 'a certificate whose kind is not known (set it in Settings)' : kind === 'person' ? "a person's certificate" : "an organisation's certificate";
  throw new ApiError('conflict', `This step signs with ${wanted}; ${certificate.holder.text} is ${found}.`, { certificateKind: expected });
}
