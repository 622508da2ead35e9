/**
 * Verifies every signature of one PDF: which revision it covers and what changed after it (judged
 * by docs/formats.md#change-rules), its CMS against the byte ranges hashed from disk, the chain to
 * the trust anchors, the certificate at the signing time (proven by a time-stamp, else claimed by
 * /M), key usage and revocation; once a certificate has expired, as of the time a time-stamp
 * proves, with the revocation data of the document's DSS (docs/formats.md#archival-form). An encrypted PDF that opens without a password is decrypted for
 * reading; a PDF whose structure is damaged still gets a report per signature found by its byte
 * ranges. The file is read by offsets: memory stays flat however large the PDF.
 */
import { stat } from 'node:fs/promises';
import type * as pkijs from 'pkijs';
import type { ChangeAfterSignature, PdfVerification, SignatureChecks, SignatureReport } from '../../../shared/api/verification.js';
import { readDss, type Dss } from '../pdf/dss.js';
import { digestByteRanges, digestTogether } from '../pdf/digest.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import { listSignatures, type ExistingSignature } from '../pdf/signatures.js';
import { PasswordRequiredError } from '../pdf/standard-security.js';
import { allowsSigning, certificateDer, parseCertificate, summarizeCertificate, validAt } from './certificates.js';
import { buildChain } from './chain.js';
import { findChanges, judge, type FoundChange } from './changes.js';
import { checkCms, checkTimestampToken, CmsFormatError, parseCms, parseTimestampToken, type CmsCheck, type ParsedCms, type ParsedTimestampToken } from './cms-check.js';
import { answerAfter, judgeDocumentTimestamps, stillProven, storedAnswers, trustOf, type DocumentTimestampCheck } from './past-validation.js';
import type { RevocationChecker, RevocationResult } from './revocation.js';
import { findRevisions, revisionOf, type Revision } from './revisions.js';
import { scanSignatures } from './signature-scan.js';
import { decide, worst, type VerdictInput } from './verdict.js';

export interface VerifyOptions {
  /** The file name as received, for the report. */
  name: string;
  /** DER certificates. */
  trustAnchors: Uint8Array[];
  revocation: RevocationChecker;
  /** The validation time: when a signature without any time is judged, and what "expired" is measured against; defaults to the present. */
  now?: Date;
}

export async function verifyPdf(file: string, options: VerifyOptions): Promise<PdfVerification> {
  let reader: PdfReader | null = null;
  try {
    let document: ReadDocument | null = null;
    let damage: unknown = null;
    try {
      reader = await PdfReader.open(file, { encrypted: 'decrypt' });
      document = await readDocument(reader);
    } catch (error) {
      damage = error;
    }
    if (!document) {
      const scanned = damage instanceof PasswordRequiredError ? null : await scanSignatures(file).catch(() => null);
      if (!scanned || scanned.signatures.length === 0) {
        const sha256 = await stat(file).then(({ size }) => digestByteRanges(file, [[0, size]], 'SHA-256')).catch(() => new Uint8Array());
        return unreadable(options.name, sha256, damage);
      }
      const { size } = await stat(file);
      const ends = scanned.revisionEnds.length > 0 ? scanned.revisionEnds : [size];
      const revisions = ends.map((end, i) => ({ number: i + 1, end, sections: [] }));
      document = { size, signatures: scanned.signatures, documentTimestamps: [], dss: EMPTY_DSS, revisions, changes: [], damage: message(damage) };
    }
    const context = document;
    const read = context.signatures.map((signature) => readSignature(signature, context.size));
    const stamps = context.documentTimestamps.map((stamp) => ({ ranges: byteRanges(stamp.byteRange, context.size), token: parseTimestampToken(stamp.contents) }));
    // The file's hash and every signature's and document time-stamp's byte ranges in one pass over the file.
    const digests = await digestTogether(reader?.wholeFile ?? file, [
      { ranges: [[0, context.size]], algorithm: 'SHA-256' },
      ...read.flatMap(({ ranges, cms }) => (ranges && cms ? [{ ranges, algorithm: cms.algorithm }] : [])),
      ...stamps.flatMap(({ ranges, token }) => (ranges && token ? [{ ranges, algorithm: token.algorithm }] : [])),
    ]);
    const sha256 = Buffer.from(digests.shift()!).toString('hex');
    const anchors = options.trustAnchors.map(parseCertificate);
    const signatureDigests = read.map(({ ranges, cms }) => (ranges && cms ? digests.shift()! : null));
    const time = options.now ?? new Date();
    const validation: Validation = {
      time,
      anchors,
      revocation: options.revocation,
      dss: context.dss,
      stamps: judgeDocumentTimestamps(
        stamps.flatMap(({ ranges, token }) => (ranges && token ? [checkDocumentTimestamp(token, digests.shift()!, ranges, context, anchors)] : [])),
        time,
      ),
    };
    const reports: SignatureReport[] = [];
    for (const [i, signature] of context.signatures.entries()) {
      const { ranges, cms } = read[i]!;
      const digest = signatureDigests[i];
      reports.push(await verifySignature(signature, ranges, cms && digest ? { cms, digest } : null, context, validation));
    }
    const verdict = worst(reports);
    return { name: options.name, sha256, error: context.damage, signatures: reports, indication: verdict?.indication ?? null, subIndication: verdict?.subIndication ?? null };
  } finally {
    await reader?.close();
  }
}

/** What the file's structure says: the signatures, the revisions and what each revision changed. */
interface ReadDocument {
  size: number;
  /** Without document time-stamps (PAdES B-LTA): they are not signatures of a person. */
  signatures: ExistingSignature[];
  documentTimestamps: ExistingSignature[];
  /** The validation data the file keeps (PAdES B-LT). */
  dss: Dss;
  revisions: Revision[];
  changes: FoundChange[];
  /** Why the structure could not be read, when the signatures were found by their byte ranges instead. */
  damage: string | null;
}

async function readDocument(reader: PdfReader): Promise<ReadDocument> {
  const all = await listSignatures(reader);
  const signatures = all.filter((signature) => !signature.documentTimestamp);
  const revisions = await findRevisions(reader);
  const dss = signatures.length > 0 ? await readDss(reader) : EMPTY_DSS;
  return { size: reader.size, signatures, documentTimestamps: all.filter((signature) => signature.documentTimestamp), dss, revisions, changes: signatures.length > 0 ? await findChanges(reader, revisions) : [], damage: null };
}

const EMPTY_DSS: Dss = { certificates: [], ocsps: [], crls: [], vri: [] };

/** What every signature of the file is judged with: the validation time, the anchors, the DSS, the document time-stamps. */
interface Validation {
  time: Date;
  anchors: pkijs.Certificate[];
  revocation: RevocationChecker;
  dss: Dss;
  stamps: DocumentTimestampCheck[];
}

function checkDocumentTimestamp(token: ParsedTimestampToken, digest: Uint8Array, ranges: ByteRanges, context: ReadDocument, anchors: pkijs.Certificate[]): Omit<DocumentTimestampCheck, 'usable'> {
  const { tsa, valid } = checkTimestampToken(token, digest);
  const revision = revisionOf(context.revisions, ranges[1][0] + ranges[1][1]).number;
  return { time: token.time, tsa, intact: valid, revision, ...trustOf(tsa, token.certificates, token.time, anchors) };
}

type ByteRanges = [[number, number], [number, number]];

function unreadable(name: string, sha256: Uint8Array, error: unknown): PdfVerification {
  return { name, sha256: Buffer.from(sha256).toString('hex'), error: message(error), signatures: [], indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };
}

/** Unsound byte ranges (past the end: a truncated or forged file) make the signature unreadable, like a bad CMS. */
function readSignature(signature: ExistingSignature, size: number): { ranges: ByteRanges | null; cms: ParsedCms | null } {
  const ranges = byteRanges(signature.byteRange, size);
  try {
    return { ranges, cms: parseCms(signature.contents) };
  } catch (error) {
    if (!(error instanceof CmsFormatError)) throw error;
    return { ranges, cms: null };
  }
}

async function verifySignature(
  signature: ExistingSignature,
  ranges: ByteRanges | null,
  read: { cms: ParsedCms; digest: Uint8Array } | null,
  context: ReadDocument,
  validation: Validation,
): Promise<SignatureReport> {
  const signedEnd = ranges ? ranges[1][0] + ranges[1][1] : context.size;
  const revision = revisionOf(context.revisions, signedEnd);
  const permissions = { certification: signature.certification, lock: signature.lock };
  const changesAfter: ChangeAfterSignature[] = context.changes.filter((change) => change.revision > revision.number).map((change) => judge(change, permissions, revision.number));
  if (context.damage !== null) {
    changesAfter.push({ revision: context.revisions.length, kind: 'other', allowed: false, forbiddenBy: 'rule', detail: `the document's structure cannot be read: ${context.damage}` });
  }
  const checks: SignatureChecks = {
    integrity: null,
    cryptographic: null,
    chainTrusted: null,
    validAtSigningTime: null,
    keyUsage: null,
    revocation: 'not_checked',
    noDisallowedChanges: changesAfter.every((change) => change.allowed),
  };
  const report: SignatureReport = {
    fieldName: signature.fieldName ?? null,
    subFilter: signature.subFilter ?? null,
    signer: null,
    chain: [],
    claimedSigningTime: signature.signingTime?.toISOString() ?? null,
    timestamp: null,
    certification: signature.certification,
    revision: revision.number,
    revisions: context.revisions.length,
    coversWholeDocument: signedEnd === context.size,
    changesAfter,
    checks,
    indication: 'TOTAL_FAILED',
    subIndication: 'FORMAT_FAILURE',
  };
  const input: VerdictInput = { checks, unreadable: true, hasSigner: false, revoked: null, pastValidation: null };
  const cms = read ? await checkCms(read.cms, read.digest) : null;
  if (cms) {
    input.unreadable = false;
    input.hasSigner = cms.signer !== null;
    checks.integrity = cms.integrity;
    checks.cryptographic = cms.cryptographic;
    report.timestamp = cms.timestamp && { time: cms.timestamp.time.toISOString(), tsa: cms.timestamp.tsa ? summarizeCertificate(cms.timestamp.tsa).subject : null, valid: cms.timestamp.valid };
    report.level = cms.timestamp?.valid ? 'B-T' : 'B-B';
    if (cms.signer) await judgeSigner(cms.signer, cms, signature, validation, report, input);
  }
  const covering = validation.stamps.filter((stamp) => stamp.revision > revision.number).sort((a, b) => b.revision - a.revision)[0];
  report.archiveTimestamp = covering ? { time: covering.time.toISOString(), tsa: covering.tsa ? summarizeCertificate(covering.tsa).subject : null, valid: covering.usable } : null;
  Object.assign(report, decide(input));
  return report;
}

async function judgeSigner(signer: pkijs.Certificate, cms: CmsCheck, signature: ExistingSignature, validation: Validation, report: SignatureReport, input: VerdictInput): Promise<void> {
  const { checks } = report;
  const proven = cms.timestamp?.valid ? cms.timestamp.time : null;
  const signingTime = proven ?? signature.signingTime ?? validation.time;
  const { chain, trusted } = buildChain(signer, [...cms.certificates, ...validation.dss.certificates.map(parseCertificate)], validation.anchors);
  report.signer = summarizeCertificate(signer);
  report.chain = chain.map(summarizeCertificate);
  report.validatedAt = validation.time.toISOString();
  checks.chainTrusted = trusted;
  checks.keyUsage = allowsSigning(signer);
  checks.validAtSigningTime = chain.every((certificate) => validAt(certificate, signingTime));
  if (!trusted) return;
  // Every link below the anchor: the anchor itself is trusted by configuration, not by revocation data.
  const links = chain.slice(0, -1).map((certificate, i) => ({ certificate, issuer: chain[i + 1]! }));
  const stored = await Promise.all(links.map(({ certificate, issuer }) => storedAnswers(validation.dss, certificate, issuer)));
  if (stored.every((answers) => answers.length > 0)) report.level = validation.stamps.some((stamp) => stamp.intact && stamp.revision > report.revision) ? 'B-LTA' : 'B-LT';
  if (links.some(({ certificate }) => !validAt(certificate, validation.time))) return judgePast(cms, links, stored, validation, report, input);
  const results: RevocationResult[] = [];
  for (const [i, { certificate, issuer }] of links.entries()) {
    const live = await validation.revocation.check(certificateDer(certificate), certificateDer(issuer));
    // Offline, or the responder is down: an answer the DSS keeps still counts while it is current.
    results.push(live.status === 'good' || live.status === 'revoked' ? live : (answerAfter(stored[i]!, certificate, validation.time) ?? live));
  }
  const revoked = results.find((result) => result.status === 'revoked');
  checks.revocation = revoked ? 'revoked' : (results.find((result) => result.status !== 'good')?.status ?? 'good');
  if (revoked) {
    const after = revoked.revokedAt !== undefined && revoked.revokedAt > signingTime;
    input.revoked = !after ? 'before_signing' : proven ? 'after_signing_proven' : 'after_signing_unproven';
  }
}

/**
 * Past signature validation: a certificate of the chain has expired since. The signature stands
 * if a trusted time-stamp proves it existed while the chain was valid (the best-signature-time:
 * the earliest such proof) and the DSS holds, for every link, revocation data issued after that
 * time while the certificate was still valid.
 */
function judgePast(
  cms: CmsCheck,
  links: { certificate: pkijs.Certificate; issuer: pkijs.Certificate }[],
  stored: RevocationResult[][],
  validation: Validation,
  report: SignatureReport,
  input: VerdictInput,
): void {
  const { checks } = report;
  const covering = validation.stamps.filter((stamp) => stamp.usable && stamp.revision > report.revision);
  const proofs = covering.map((stamp) => stamp.time);
  const own = cms.timestamp;
  if (own?.valid) {
    const { trusted, tsaChain } = trustOf(own.tsa, own.certificates, own.time, validation.anchors);
    if (trusted && stillProven({ tsaChain }, validation.time, covering)) proofs.push(own.time);
  }
  const best = proofs.length > 0 ? new Date(Math.min(...proofs.map((time) => time.getTime()))) : null;
  checks.validAtSigningTime = best !== null && [...links.map((link) => link.certificate), links.at(-1)!.issuer].every((certificate) => validAt(certificate, best));
  if (!best || !checks.validAtSigningTime) {
    checks.revocation = 'not_checked';
    input.pastValidation = 'no_proof_of_existence';
    return;
  }
  report.validatedAt = best.toISOString();
  const answers = links.map(({ certificate }, i) => answerAfter(stored[i]!, certificate, best));
  const revoked = answers.find((answer) => answer?.status === 'revoked');
  if (revoked) {
    checks.revocation = 'revoked';
    input.revoked = revoked.revokedAt !== undefined && revoked.revokedAt > best ? 'after_signing_proven' : 'before_signing';
  } else if (answers.every((answer) => answer?.status === 'good')) {
    checks.revocation = 'good';
  } else {
    checks.revocation = 'unknown';
    input.pastValidation = 'no_revocation_data';
  }
}

/** [a b c d] as two ranges, when they are sane: from 0, a gap for /Contents, within the file. */
function byteRanges(values: number[], size: number): ByteRanges | null {
  if (values.length !== 4 || !values.every((value) => Number.isInteger(value) && value >= 0)) return null;
  const [a, b, c, d] = values as [number, number, number, number];
  if (a !== 0 || c <= b || c + d > size) return null;
  return [[a, b], [c, d]];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
