/**
 * Signature verification reports, as the renderer, the CLI and the store see them.
 * The vocabulary is ETSI EN 319 102-1 as EU DSS prints it, so an IT admin can compare a VanThu
 * verdict with DSS's or Acrobat's word for word. Dates are ISO 8601 strings (UTC).
 *
 * How the checks map to a verdict (first match wins: the most specific reason, docs/formats.md#verdicts):
 * - unreadable signature / CMS → TOTAL_FAILED / FORMAT_FAILURE
 * - byte ranges' digest ≠ message-digest → TOTAL_FAILED / HASH_FAILURE
 * - signature value does not verify → TOTAL_FAILED / SIG_CRYPTO_FAILURE
 * - CRL/OCSP says revoked before the signing time → TOTAL_FAILED / REVOKED
 * - a change after it that is not allowed, or a document whose structure cannot be read → TOTAL_FAILED / FORMAT_FAILURE
 * - no signer certificate in the CMS → INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND
 * - no chain to a trust anchor → INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND
 * - key usage without digitalSignature/nonRepudiation → INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE
 * - a certificate outside its validity at the (proven, else claimed) signing time, or expired since
 *   with no trusted time-stamp proving the signature existed before → INDETERMINATE / OUT_OF_BOUNDS_NO_POE
 * - expired since, the time proven, but no revocation data from while it was valid (none in the
 *   DSS: the signature was not made long-term, docs/formats.md#archival-form) → INDETERMINATE / OUT_OF_BOUNDS_NOT_REVOKED
 * - revocation not known (no pointer, server unreachable) → INDETERMINATE / TRY_LATER — never a silent pass
 * - the agency signature's O= is not the package's sender → INDETERMINATE / SIG_CONSTRAINTS_FAILURE
 *   (a validation-policy constraint, as DSS classes it; the UI offers "return" with the reason filled in)
 */

/** The overall verdict on a signature (ETSI EN 319 102-1 §5.1.3). */
export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';

/** Why a signature is not TOTAL_PASSED (ETSI EN 319 102-1 table 5/6); the subset VanThu decides. */
export type SubIndication =
  // TOTAL_FAILED
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'NOT_YET_VALID'
  // INDETERMINATE
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'REVOKED_NO_POE'
  | 'TRY_LATER';

export interface CertificateSummary {
  /** RFC 4514-like text of the subject, as printed by OpenSSL (UTF-8 names kept). */
  subject: string;
  commonName: string | null;
  /** O= of the subject: for an agency signature, the agency's name. */
  organization: string | null;
  email: string | null;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, hex: to tell certificates apart in the technical details. */
  sha256: string;
}

/** DocMDP /P of a certification (ISO 32000-1 §12.8.2.2): 1 no changes, 2 form filling and signing, 3 also annotations. */
export type CertificationPermission = 1 | 2 | 3;

/**
 * One change made to the file after a signature, in a later incremental update, judged by the
 * rule table of docs/formats.md#change-rules.
 */
export interface ChangeAfterSignature {
  /** The revision (1-based, oldest first) that made the change. */
  revision: number;
  /**
   * metadata: validation data (DSS), a document time-stamp, document information or XMP;
   * signature: a further signature; form_fill: a value of an existing field; form_field: a new
   * field; annotation: an annotation added, changed or removed; page_content, new_page, other:
   * what the pages show or anything else.
   */
  kind: 'metadata' | 'signature' | 'form_fill' | 'form_field' | 'annotation' | 'page_content' | 'new_page' | 'other';
  allowed: boolean;
  /**
   * Why it is not allowed: 'rule' (it alters what the signed pages show, or the signatures and
   * fields themselves: never allowed), 'certification' (the document's certification forbids it),
   * 'field_lock' (the signature locked that field); null when allowed.
   */
  forbiddenBy: 'rule' | 'certification' | 'field_lock' | null;
  /** What changed, for the technical details (object numbers, the field's name). */
  detail: string;
}

/** Each check the verdict is built from; null where it could not be made. */
export interface SignatureChecks {
  /** The byte ranges' SHA-256 equals the signed message-digest attribute. */
  integrity: boolean | null;
  /** The signature over the signed attributes verifies with the signer's public key. */
  cryptographic: boolean | null;
  /** A chain from the signer to a configured trust anchor was found. */
  chainTrusted: boolean | null;
  /** Every certificate of the chain was within its validity at the signing time. */
  validAtSigningTime: boolean | null;
  /** The signer's key usage allows signing (digitalSignature or nonRepudiation). */
  keyUsage: boolean | null;
  /** What CRL/OCSP said of the signer's certificate. */
  revocation: 'good' | 'revoked' | 'unknown' | 'unreachable' | 'not_checked';
  /** No change after the signature other than allowed ones. */
  noDisallowedChanges: boolean;
}

export interface SignatureReport {
  fieldName: string | null;
  /** adbe.pkcs7.detached or ETSI.CAdES.detached. */
  subFilter: string | null;
  signer: CertificateSummary | null;
  /** Signer first, trust anchor last; as far as it could be built. */
  chain: CertificateSummary[];
  /** /M of the signature dictionary (claimed, not proven). */
  claimedSigningTime: string | null;
  /** An RFC 3161 timestamp over the signature (PAdES B-T): proven time and its TSA. */
  timestamp: { time: string; tsa: string | null; valid: boolean } | null;
  /** The signature certifies the document (DocMDP): what it lets later revisions change; null for an approval signature. */
  certification: CertificationPermission | null;
  /** The revision this signature covers (1-based, oldest first) and how many the file has. */
  revision: number;
  revisions: number;
  /** The signature covers the whole file as it is now (it is the last revision). */
  coversWholeDocument: boolean;
  changesAfter: ChangeAfterSignature[];
  checks: SignatureChecks;
  indication: Indication;
  subIndication: SubIndication | null;
  /**
   * The PAdES baseline level the file gives the signature (ETSI EN 319 142-1): B-B; B-T with a
   * signature time-stamp; B-LT with its chain's revocation data in the document's DSS; B-LTA with
   * a document time-stamp over them. Absent in reports stored before VanThu read levels.
   */
  level?: SignatureLevel;
  /** The newest document time-stamp covering the signature (B-LTA); `valid`: it proves its time now. */
  archiveTimestamp?: { time: string; tsa: string | null; valid: boolean } | null;
  /**
   * The time the chain and its revocation were judged at: the verification time, or, once a
   * certificate has expired, the earliest time a trusted time-stamp proves (past signature validation).
   */
  validatedAt?: string;
}

export type SignatureLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface PdfVerification {
  /** The attachment's file name as received. */
  name: string;
  sha256: string;
  /**
   * The PDF could not be read: why (the file is then TOTAL_FAILED / FORMAT_FAILURE). When only its
   * structure is damaged, the signatures found by their byte ranges are still reported.
   */
  error: string | null;
  signatures: SignatureReport[];
  /** The worst of its signatures; an unsigned PDF has no indication. */
  indication: Indication | null;
  subIndication: SubIndication | null;
}

/** Does the agency signature name the agency that sent the package? */
export interface SenderCheck {
  /** The sender's name from the package (edXML From/OrganName) and its code. */
  expectedName: string;
  expectedCode: string;
  /** O= of the last signature of the main PDF (the agency signature), or null if none. */
  signedBy: string | null;
  /** Names compared after folding (case, diacritics, đ, spaces); null when there is no signature. */
  matches: boolean | null;
}

/** What VanThu stores per incoming document, computed in the background at arrival. */
export interface DocumentVerification {
  documentId: number;
  verifiedAt: string;
  /** Worst over all files, with the sender check folded in (a mismatch is INDETERMINATE / SIG_CONSTRAINTS_FAILURE, never hiding a TOTAL_FAILED). */
  indication: Indication | 'UNSIGNED';
  subIndication: SubIndication | null;
  files: PdfVerification[];
  sender: SenderCheck;
}

/**
 * What a document's verdict is when the clerk accepts it: its stored indication, or NOT_VERIFIED
 * while the background check has not finished. Anything but TOTAL_PASSED needs the clerk's
 * confirmation, which the audit log records.
 */
export const ACCEPT_VERDICTS = ['TOTAL_PASSED', 'INDETERMINATE', 'TOTAL_FAILED', 'UNSIGNED', 'NOT_VERIFIED'] as const;
export type AcceptVerdict = (typeof ACCEPT_VERDICTS)[number];
