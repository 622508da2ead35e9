/** Certificates as the report shows them, and the DER round trips the checks need. */
import { createHash } from 'node:crypto';
import type * as pkijs from 'pkijs';
import type { CertificateSummary } from '../../../shared/api/verification.js';
import { describeCertificate } from '../signing/pkcs11/certificate-info.js';

export function certificateDer(certificate: pkijs.Certificate): Uint8Array {
  return new Uint8Array(certificate.toSchema().toBER());
}

export function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.from(certificateDer(a)).equals(Buffer.from(certificateDer(b)));
}

export function summarizeCertificate(certificate: pkijs.Certificate): CertificateSummary {
  const der = certificateDer(certificate);
  const info = describeCertificate(der);
  return {
    subject: info.holder.text,
    commonName: info.holder.commonName,
    organization: info.holder.organization,
    email: info.holder.email,
    issuer: info.issuer.text,
    serialNumber: info.serialNumber,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
}

/** digitalSignature or nonRepudiation, or no keyUsage extension at all (RFC 5280 §4.2.1.3: any use). */
export function allowsSigning(certificate: pkijs.Certificate): boolean {
  const usage = describeCertificate(certificateDer(certificate)).keyUsage;
  return usage === null || usage.includes('digitalSignature') || usage.includes('nonRepudiation');
}

export function validAt(certificate: pkijs.Certificate, time: Date): boolean {
  return certificate.notBefore.value <= time && time <= certificate.notAfter.value;
}
