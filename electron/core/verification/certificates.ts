/** Certificates as the report shows them, and the DER round trips the checks need. */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { CertificateSummary } from '../../../shared/api/verification.js';
import { describeParsedCertificate, type CertificateInfo } from '../pki/certificate-info.js';

/**
 * Parsed certificates by their DER: the same leader, agency and CA certificates come with every
 * document, and parsing one with pkijs costs more than checking a signature. Bounded, so a long
 * run over many signers keeps memory flat.
 */
const parsed = new Map<string, pkijs.Certificate>();
const MAX_PARSED = 512;

/** The certificate of `der`, parsed once; throws as pkijs.Certificate.fromBER does. */
export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  const key = createHash('sha256').update(der).digest('base64');
  let certificate = parsed.get(key);
  if (certificate) {
    // Most recently used last, so the first key is the one to evict.
    parsed.delete(key);
  } else {
    certificate = pkijs.Certificate.fromBER(der);
    rememberDer(certificate, der);
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(key, certificate);
  return certificate;
}

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
function rememberDer(certificate: pkijs.Certificate, der: Uint8Array): void {
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
