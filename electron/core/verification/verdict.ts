/** The verdict from the checks, in the order shared/api/verification.ts fixes (first match wins). */
import type { Indication, SignatureChecks, SubIndication } from '../../../shared/api/verification.js';

export interface Verdict {
  indication: Indication;
  subIndication: SubIndication | null;
}

export interface VerdictInput {
  checks: SignatureChecks;
  /** The CMS could not be read. */
  unreadable: boolean;
  hasSigner: boolean;
  /** Revoked, and when relative to the signing time. */
  revoked: 'before_signing' | 'after_signing_proven' | 'after_signing_unproven' | null;
  /** A certificate has expired since, and the signature cannot be judged as of a proven earlier time (docs/formats.md#archival-form). */
  pastValidation: 'no_proof_of_existence' | 'no_revocation_data' | null;
}

export function decide({ checks, unreadable, hasSigner, revoked, pastValidation }: VerdictInput): Verdict {
  const failed = (subIndication: SubIndication): Verdict => ({ indication: 'TOTAL_FAILED', subIndication });
  const indeterminate = (subIndication: SubIndication): Verdict => ({ indication: 'INDETERMINATE', subIndication });
  // What is wrong with the signature itself comes before what happened to the document after it.
  if (unreadable) return failed('FORMAT_FAILURE');
  if (checks.integrity === false) return failed('HASH_FAILURE');
  if (checks.cryptographic === false) return failed('SIG_CRYPTO_FAILURE');
  if (revoked === 'before_signing') return failed('REVOKED');
  if (!checks.noDisallowedChanges) return failed('FORMAT_FAILURE');
  if (!hasSigner) return indeterminate('NO_SIGNING_CERTIFICATE_FOUND');
  if (checks.chainTrusted !== true) return indeterminate('NO_CERTIFICATE_CHAIN_FOUND');
  if (checks.keyUsage === false) return indeterminate('CHAIN_CONSTRAINTS_FAILURE');
  if (checks.validAtSigningTime === false || pastValidation === 'no_proof_of_existence') return indeterminate('OUT_OF_BOUNDS_NO_POE');
  // Expired since, the time proven, but nothing shows it was not revoked while valid: the signature was not made long-term.
  if (pastValidation === 'no_revocation_data') return indeterminate('OUT_OF_BOUNDS_NOT_REVOKED');
  // Revoked after the claimed time, with nothing proving the signature existed before: DSS says REVOKED_NO_POE.
  if (revoked === 'after_signing_unproven') return indeterminate('REVOKED_NO_POE');
  if (checks.revocation !== 'good' && revoked !== 'after_signing_proven') return indeterminate('TRY_LATER');
  return { indication: 'TOTAL_PASSED', subIndication: null };
}

const RANK: Record<Indication, number> = { TOTAL_PASSED: 0, INDETERMINATE: 1, TOTAL_FAILED: 2 };

/** Sub-indications from the most specific, in the order `decide` tries them (docs/formats.md#verdicts). */
const SPECIFIC_FIRST: readonly (SubIndication | null)[] = [
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'REVOKED',
  'FORMAT_FAILURE',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'CHAIN_CONSTRAINTS_FAILURE',
  'OUT_OF_BOUNDS_NO_POE',
  'OUT_OF_BOUNDS_NOT_REVOKED',
  'REVOKED_NO_POE',
  'TRY_LATER',
];

function specificity(subIndication: SubIndication | null): number {
  const at = SPECIFIC_FIRST.indexOf(subIndication);
  return at < 0 ? SPECIFIC_FIRST.length : at;
}

/** The worst verdict; of equally bad ones the most specific, then the first. */
export function worst(verdicts: readonly Verdict[]): Verdict | null {
  return verdicts.reduce<Verdict | null>((bad, verdict) => {
    if (bad === null || RANK[verdict.indication] > RANK[bad.indication]) return verdict;
    return RANK[verdict.indication] === RANK[bad.indication] && specificity(verdict.subIndication) < specificity(bad.subIndication) ? verdict : bad;
  }, null);
}
