/**
 * Revocation of a certificate: from the OCSP responder its authority information access names,
 * else from the CRL its CRL distribution point names, over HTTP with a short timeout; CRLs are
 * cached for the checker's lifetime (one verification run). An unreachable server or a
 * certificate without a pointer is never a pass: the verdict says TRY_LATER.
 */
import * as pkijs from 'pkijs';
import { parseCertificate } from './certificates.js';
import { httpExchange } from './http-get.js';
import { ocspUrls, queryOcsp } from './ocsp.js';
import { algorithmOf, publicKeyOf, rememberedPerPair, verifiesWith } from './signature-check.js';

export interface RevocationResult {
  /** 'not_checked': the caller chose not to ask (offline); like any status but 'good', never a pass. */
  status: 'good' | 'revoked' | 'unknown' | 'unreachable' | 'not_checked';
  /** When the certificate was revoked (status 'revoked'). */
  revokedAt?: Date;
  /** Why it is unknown or unreachable, for the technical details. */
  detail?: string;
  /**
   * The signed answer a 'good' or 'revoked' came from (an OCSPResponse or a CRL, DER) and the time
   * it speaks for (thisUpdate): what a PDF's DSS keeps so the status can be judged after the
   * certificate has expired (docs/formats.md#archival-form).
   */
  evidence?: RevocationEvidence;
}

export interface RevocationEvidence {
  kind: 'ocsp' | 'crl';
  der: Uint8Array;
  /** thisUpdate: the time the status is given for. */
  issuedAt: Date;
  /** When the issuer promises newer information; absent when it does not say. */
  nextUpdate?: Date;
}

/** Checks `certificate` (DER) against the revocation data its `issuer` (DER) signs. Injectable: tests serve their own CRLs. */
export interface RevocationChecker {
  check(certificate: Uint8Array, issuer: Uint8Array): Promise<RevocationResult>;
}

const CRL_DISTRIBUTION_POINTS_OID = '2.5.29.31';
const URI_NAME = 6;
const DEFAULT_TIMEOUT_MS = 5000;

type CrlFetch = { crl: pkijs.CertificateRevocationList; der: Uint8Array } | { error: string };

export function httpRevocationChecker(options: { timeoutMs?: number } = {}): RevocationChecker {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cache = new Map<string, Promise<CrlFetch>>();
  const load = (url: string): Promise<CrlFetch> => {
    let pending = cache.get(url);
    if (!pending) {
      pending = fetchCrl(url, timeoutMs);
      cache.set(url, pending);
    }
    return pending;
  };
  return {
    async check(certificateDer, issuerDer) {
      const certificate = parseCertificate(certificateDer);
      const issuer = parseCertificate(issuerDer);
      const urls = crlUrls(certificate);
      const responders = ocspUrls(certificate);
      if (urls.length === 0 && responders.length === 0) return { status: 'unknown', detail: 'the certificate names no OCSP responder and no CRL distribution point' };
      const failures: string[] = [];
      for (const url of responders) {
        const answer = await queryOcsp(url, certificate, issuer, timeoutMs);
        if (answer.status === 'good' || answer.status === 'revoked') return answer;
        failures.push(answer.detail ?? url);
      }
      for (const url of urls) {
        const fetched = await load(url);
        if ('error' in fetched) {
          failures.push(`${url}: ${fetched.error}`);
          continue;
        }
        const verdict = lookUp(fetched, certificate, issuer, new Date());
        if (verdict.status !== 'unknown') return verdict;
        failures.push(`${url}: ${verdict.detail ?? 'unusable CRL'}`);
      }
      return { status: 'unreachable', detail: failures.join('; ') };
    },
  };
}

/** For `--offline`: nothing is fetched, every signature ends INDETERMINATE / TRY_LATER at best. */
export const offlineRevocationChecker: RevocationChecker = {
  check: async () => ({ status: 'not_checked', detail: 'revocation not checked (offline)' }),
};

function crlUrls(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((candidate) => candidate.extnID === CRL_DISTRIBUTION_POINTS_OID);
  const points = (extension?.parsedValue as pkijs.CRLDistributionPoints | undefined)?.distributionPoints ?? [];
  return points.flatMap((point) =>
    Array.isArray(point.distributionPoint)
      ? point.distributionPoint.filter((name) => name.type === URI_NAME && /^https?:\/\//i.test(String(name.value))).map((name) => String(name.value))
      : [],
  );
}

async function fetchCrl(url: string, timeoutMs: number): Promise<CrlFetch> {
  let answer;
  try {
    answer = await httpExchange(url, { timeoutMs });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (answer.status !== 200) return { error: `HTTP ${answer.status}` };
  try {
    const der = pemOrDer(answer.body);
    return { crl: pkijs.CertificateRevocationList.fromBER(der), der };
  } catch (error) {
    return { error: `not a CRL (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Whether `issuer` signed `crl`, checked once per pair: one CRL serves every document of a run. */
const signedBy = rememberedPerPair(
  (crl: pkijs.CertificateRevocationList, issuer: pkijs.Certificate) =>
    crl.issuer.isEqual(issuer.subject) && verifiesWith(publicKeyOf(issuer), algorithmOf(crl.signatureAlgorithm), crl.tbsView, crl.signatureValue.valueBlock.valueHexView),
);

/**
 * A CRL counts only if the issuer signed it and, when `now` is given (a CRL fetched to judge the
 * present), it is current; a CRL kept as validation data speaks for its thisUpdate instead.
 */
export function lookUp({ crl, der }: { crl: pkijs.CertificateRevocationList; der: Uint8Array }, certificate: pkijs.Certificate, issuer: pkijs.Certificate, now: Date | null): RevocationResult {
  if (!signedBy(crl, issuer)) return { status: 'unknown', detail: "the CRL is not signed by the certificate's issuer" };
  if (now && crl.nextUpdate && crl.nextUpdate.value < now) return { status: 'unknown', detail: `the CRL expired on ${crl.nextUpdate.value.toISOString()}` };
  const entry = crl.revokedCertificates?.find((revoked) => revoked.userCertificate.isEqual(certificate.serialNumber));
  const evidence: RevocationEvidence = { kind: 'crl', der, issuedAt: crl.thisUpdate.value, ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}) };
  return entry ? { status: 'revoked', revokedAt: entry.revocationDate.value, evidence } : { status: 'good', evidence };
}

/** CRLs are served as DER (RFC 5280 §4.2.1.13) but PEM turns up too. */
export function pemOrDer(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const match = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(text);
  return match ? new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')) : bytes;
}
