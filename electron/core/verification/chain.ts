/**
 * Path building from the signer to a trust anchor (RFC 5280 §6, the parts a PAdES verdict needs):
 * at each link an issuer whose subject is the certificate's issuer and whose key verifies its
 * signature, taken from the anchors first, then from the certificates the CMS carries.
 */
import type * as pkijs from 'pkijs';
import { sameCertificate } from './certificates.js';
import { signedBy } from './signature-check.js';

const MAX_DEPTH = 10;

export interface ChainResult {
  /** Signer first; ends at the anchor when trusted. */
  chain: pkijs.Certificate[];
  trusted: boolean;
}

export function buildChain(signer: pkijs.Certificate, pool: readonly pkijs.Certificate[], anchors: readonly pkijs.Certificate[]): ChainResult {
  const chain = [signer];
  for (let current = signer; chain.length <= MAX_DEPTH; ) {
    if (anchors.some((anchor) => sameCertificate(anchor, current))) return { chain, trusted: true };
    const issuer = findIssuer(current, anchors, chain) ?? findIssuer(current, pool, chain);
    if (!issuer) return { chain, trusted: false };
    chain.push(issuer);
    current = issuer;
  }
  return { chain, trusted: false };
}

function findIssuer(certificate: pkijs.Certificate, candidates: readonly pkijs.Certificate[], chain: readonly pkijs.Certificate[]): pkijs.Certificate | undefined {
  return candidates.find((candidate) => candidate.subject.isEqual(certificate.issuer) && !chain.some((link) => sameCertificate(link, candidate)) && signedBy(certificate, candidate));
}
