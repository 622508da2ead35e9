/**
 * What a signature needs once a certificate of its chain has expired (past signature validation,
 * ETSI EN 319 102-1 §5.6.2.4 as EU DSS applies it): a proof of existence (POE) before the expiry,
 * given by a time-stamp whose TSA chains to a trust anchor (the signature's own time-stamp, or a
 * document time-stamp covering the signature), and revocation data from the document's DSS issued
 * after that time and while the certificate was still valid. docs/formats.md#archival-form.
 */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { Dss } from '../pdf/dss.js';
import { validAt } from './certificates.js';
import { buildChain } from './chain.js';
import { readOcspResponse } from './ocsp.js';
import { lookUp, type RevocationEvidence, type RevocationResult } from './revocation.js';

/** A time-stamp (a signature's or a document's), checked. */
export interface TimestampCheck {
  time: Date;
  tsa: pkijs.Certificate | null;
  /** It stamps exactly what it should and the TSA's signature verifies. */
  intact: boolean;
  /** The TSA's chain reaches a trust anchor and each of its certificates was valid at `time`. */
  trusted: boolean;
  tsaChain: pkijs.Certificate[];
}

export interface DocumentTimestampCheck extends TimestampCheck {
  /** The revision (1-based) it ends: it proves what every earlier revision holds. */
  revision: number;
  /**
   * It proves its time now: intact and trusted, and its TSA certificate is valid at the validation
   * time or the time-stamp is itself covered by a later usable one made before the TSA expired.
   */
  usable: boolean;
}

/** Whether the TSA of a time-stamp made at `time` chains to a trust anchor, each certificate valid then. */
export function trustOf(tsa: pkijs.Certificate | null, certificates: readonly pkijs.Certificate[], time: Date, anchors: readonly pkijs.Certificate[]): { trusted: boolean; tsaChain: pkijs.Certificate[] } {
  if (!tsa) return { trusted: false, tsaChain: [] };
  const { chain, trusted } = buildChain(tsa, certificates, anchors);
  return { trusted: trusted && chain.every((certificate) => validAt(certificate, time)), tsaChain: chain };
}

/** Marks which document time-stamps are usable, the newest first: each older one leans on a newer one. */
export function judgeDocumentTimestamps(stamps: Omit<DocumentTimestampCheck, 'usable'>[], validationTime: Date): DocumentTimestampCheck[] {
  const judged: DocumentTimestampCheck[] = stamps.map((stamp) => ({ ...stamp, usable: false }));
  const newestFirst = [...judged].sort((a, b) => b.revision - a.revision);
  for (const [i, stamp] of newestFirst.entries()) {
    if (!stamp.intact || !stamp.trusted) continue;
    stamp.usable = stillProven(stamp, validationTime, newestFirst.slice(0, i));
  }
  return judged;
}

/** A time-stamp's time still holds: its TSA chain is valid now, or a later usable document time-stamp was made before the TSA chain expired. */
export function stillProven(stamp: { tsaChain: readonly pkijs.Certificate[] }, validationTime: Date, later: readonly DocumentTimestampCheck[]): boolean {
  const expiry = Math.min(...stamp.tsaChain.slice(0, -1).map((certificate) => certificate.notAfter.value.getTime()));
  if (validationTime.getTime() <= expiry) return true;
  return later.some((newer) => newer.usable && newer.time.getTime() <= expiry);
}

/** Every answer the DSS holds about `certificate` from its `issuer`, with the time each speaks for. */
export async function storedAnswers(dss: Dss, certificate: pkijs.Certificate, issuer: pkijs.Certificate): Promise<RevocationResult[]> {
  const answers: RevocationResult[] = [];
  for (const der of dss.ocsps) {
    const answer = await readOcspResponse(der, certificate, issuer, 'DSS');
    if (answer.evidence) answers.push(answer);
  }
  for (const der of dss.crls) {
    let crl;
    try {
      crl = crlOf(der);
    } catch {
      continue;
    }
    const answer = lookUp({ crl, der }, certificate, issuer, null);
    if (answer.evidence) answers.push(answer);
  }
  return answers;
}

/**
 * The answer that gives the status at the POE: fresh for it — issued at or after it, or still
 * current then (its nextUpdate after it: ETSI EN 319 102-1 §5.2.5 takes nextUpdate − thisUpdate as
 * the freshness when the policy sets none) — and issued while the certificate was valid (a CA
 * need not list an expired certificate as revoked, so a later "good" proves nothing). The newest
 * such answer.
 */
export function answerAfter(answers: readonly RevocationResult[], certificate: pkijs.Certificate, poe: Date): RevocationResult | null {
  const fresh = (evidence: RevocationEvidence) => evidence.issuedAt >= poe || (evidence.nextUpdate !== undefined && evidence.nextUpdate > poe);
  const fitting = answers.filter(({ evidence }) => evidence && fresh(evidence) && validAt(certificate, evidence.issuedAt));
  return fitting.sort((a, b) => b.evidence!.issuedAt.getTime() - a.evidence!.issuedAt.getTime())[0] ?? null;
}

const crls = new Map<string, pkijs.CertificateRevocationList>();

/** CRLs parsed once per run: the same CA's CRL sits in every document of a dossier. */
function crlOf(der: Uint8Array): pkijs.CertificateRevocationList {
  const key = createHash('sha256').update(der).digest('base64');
  let crl = crls.get(key);
  if (!crl) {
    crl = pkijs.CertificateRevocationList.fromBER(der);
    if (crls.size > 64) crls.delete(crls.keys().next().value!);
    crls.set(key, crl);
  }
  return crl;
}
