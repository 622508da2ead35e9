/** Certificates as the report shows them, and the DER round trips the checks need. */
import { createHash } from 'node:crypto';
import type * as pkijs from 'pkijs';
import type { CertificateSummary } from '../../../shared/api/verification.js';
import { describeParsedCertificate, type CertificateInfo } from '../signing/pkcs11/certificate-info.js';

/** pkijs re-encodes a certificate on every toBER: once per certificate is enough. */
const encoded = new WeakMap<pkijs.Certificate, Uint8Array>();
const described = new WeakMap<pkijs.Certificate, CertificateInfo>();

export function certificateDer(certificate: pkijs.Certificate): Uint8Array {
  let der = encoded.get(certificate);
  if (!der) {
    der = new Uint8Array(certificate.toSchema().toBER());
    encoded.set(certificate, der);
  }
  return der;
}

/** The DER a certificate was parsed from, when the caller has it. */
export function rememberDer(certificate: pkijs.Certificate, der: Uint8Array): void {
  encoded.set(certificate, der);
}

function describe(certificate: pkijs.Certificate): CertificateInfo {
  let info = described.get(certificate);
  if (!info) {
    info = describeParsedCertificate(certificate, certificateDer(certificate));
    described.set(certificate, info);
  }
  return info;
}

/** By signature value: unique per certificate, and free where comparing re-encoded DER is not. */
export function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.from(a.signatureValue.valueBlock.valueHexView).equals(Buffer.from(b.signatureValue.valueBlock.valueHexView)) && a.serialNumber.isEqual(b.serialNumber);
}

export function summarizeCertificate(certificate: pkijs.Certificate): CertificateSummary {
  const info = describe(certificate);
  return {
    subject: info.holder.text,
    commonName: info.holder.commonName,
    organization: info.holder.organization,
    email: info.holder.email,
    issuer: info.issuer.text,
    serialNumber: info.serialNumber,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    sha256: createHash('sha256').update(info.der).digest('hex'),
  };
}

/** digitalSignature or nonRepudiation, or no keyUsage extension at all (RFC 5280 §4.2.1.3: any use). */
export function allowsSigning(certificate: pkijs.Certificate): boolean {
  const usage = describe(certificate).keyUsage;
  return usage === null || usage.includes('digitalSignature') || usage.includes('nonRepudiation');
}

export function validAt(certificate: pkijs.Certificate, time: Date): boolean {
  return certificate.notBefore.value <= time && time <= certificate.notAfter.value;
}
