/**
 * Checks for signing in with a token: the certificate chains to one of the agency's trust
 * anchors (the desktop verifier's path building), is valid now and allows signing, and its key
 * made the signature over the challenge text. Which user it belongs to is the store's business.
 */
import { createHash, verify as verifySignature, X509Certificate, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { allowsSigning, validAt } from '../../electron/core/verification/certificates.js';
import { buildChain } from '../../electron/core/verification/chain.js';
import { certificatesIn, NotACertificate } from '../../electron/core/verification/anchor-certificates.js';

export type CertificateRefusal = 'not_a_certificate' | 'untrusted' | 'not_valid_now' | 'no_signing_usage';

export interface CheckedCertificate {
  der: Uint8Array;
  sha256: string;
  subject: string;
  serialNumber: string;
  notAfter: Date;
}

/** One DER certificate from base64 (DER) or a PEM text; null when it is neither. */
export function decodeCertificate(encoded: string | Uint8Array): Uint8Array | null {
  const bytes = typeof encoded === 'string' ? decodeText(encoded) : encoded;
  try {
    const ders = certificatesIn(bytes);
    return ders.length === 1 ? ders[0]! : null;
  } catch (error) {
    if (error instanceof NotACertificate) return null;
    throw error;
  }
}

function decodeText(text: string): Uint8Array {
  return text.includes('-----BEGIN') ? new TextEncoder().encode(text) : new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
}

export function describeCertificate(der: Uint8Array): CheckedCertificate {
  const x509 = new X509Certificate(der);
  return {
    der,
    sha256: createHash('sha256').update(der).digest('hex'),
    subject: x509.subject.split('\n').join(', '),
    serialNumber: x509.serialNumber,
    notAfter: new Date(x509.validTo),
  };
}

/** Why the certificate cannot sign anyone in, or null when it can. */
export async function certificateRefusal(der: Uint8Array, anchors: readonly pkijs.Certificate[], at: Date): Promise<CertificateRefusal | null> {
  let certificate: pkijs.Certificate;
  try {
    certificate = pkijs.Certificate.fromBER(der);
  } catch {
    return 'not_a_certificate';
  }
  if (!validAt(certificate, at)) return 'not_valid_now';
  if (!allowsSigning(certificate)) return 'no_signing_usage';
  if (!(await buildChain(certificate, [], anchors)).trusted) return 'untrusted';
  return null;
}

/**
 * True when `signature` is the certificate key's signature over `text` with SHA-256: RSA
 * PKCS#1 v1.5 (CKM_SHA256_RSA_PKCS), or ECDSA as a token returns it (r‖s) or DER-encoded.
 */
export function signatureMatches(der: Uint8Array, text: string, signature: Uint8Array): boolean {
  let key: KeyObject;
  try {
    key = new X509Certificate(der).publicKey;
  } catch {
    return false;
  }
  const data = Buffer.from(text, 'utf8');
  try {
    if (key.asymmetricKeyType === 'ec') {
      return verifySignature('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature) || verifySignature('sha256', data, { key, dsaEncoding: 'der' }, signature);
    }
    if (key.asymmetricKeyType === 'rsa') return verifySignature('sha256', data, key, signature);
    return false;
  } catch {
    return false;
  }
}

/** Certificates of a trust-anchor folder's files, parsed once when the hub starts. */
export function parseAnchors(ders: readonly Uint8Array[]): pkijs.Certificate[] {
  return ders.map((der) => pkijs.Certificate.fromBER(der));
}
