/**
 * Whose certificate made a PDF's last signature: a person's or an organisation's, told from its
 * subject as the desk tells a token's certificate (shared/domain/certificate-kind.ts). The hub asks
 * this of a seal uploaded from the clerk's desk: the agency's step takes the organisation's
 * certificate, as the standalone step does. Read from the signature's bytes alone (its byte range
 * and its CMS), the way the verifier reads a PDF it cannot parse.
 */
import { certificateKind, type CertificateKind } from '../../../shared/domain/certificate-kind.js';
import { describeParsedCertificate } from '../pki/certificate-info.js';
import { certificateDer } from './certificates.js';
import { findSigner, parseCms } from './cms-check.js';
import { scanSignatures } from './signature-scan.js';

/** The kind of the certificate of the signature that ends the file; null when its subject does not say, or there is none. */
export async function lastSignerKind(file: string): Promise<CertificateKind | null> {
  const { signatures } = await scanSignatures(file);
  const end = (signature: (typeof signatures)[number]) => signature.byteRange[2]! + signature.byteRange[3]!;
  const last = signatures.reduce<(typeof signatures)[number] | null>((latest, signature) => (latest && end(latest) >= end(signature) ? latest : signature), null);
  if (!last) return null;
  const cms = parseCms(last.contents);
  const signer = findSigner(cms.signerInfo, cms.certificates);
  return signer ? certificateKind(describeParsedCertificate(signer, certificateDer(signer)).holder.attributes).kind : null;
}
