/**
 * The document-level verdict built from the engine's per-file reports: the sender check
 * and the worst indication. Pure, so that the rule is tested on report objects and shared by the
 * core (which stores it) and the renderer (which explains it).
 */
import type { DocumentVerification, Indication, PdfVerification, SenderCheck, SubIndication } from '../api/verification.js';
import { foldText } from '../text/fold.js';

/** Names compared as a clerk reads them: case, tone marks, đ and spacing do not matter. */
export function foldName(name: string): string {
  return foldText(name).replace(/\s+/g, ' ').trim();
}

const SEVERITY: Record<Indication, number> = { TOTAL_PASSED: 0, INDETERMINATE: 1, TOTAL_FAILED: 2 };

/**
 * The agency signature is the last one on the main PDF (NĐ 30: the agency signs after the
 * leader). It must name the sender: the package's From/OrganName, or the directory's name for
 * the sender code (a package may spell the name differently from the directory).
 */
export function senderCheck(sender: { code: string; names: readonly (string | null)[] }, mainPdf: PdfVerification | null): SenderCheck {
  const names = sender.names.filter((name): name is string => Boolean(name?.trim()));
  const last = mainPdf?.signatures.at(-1) ?? null;
  const signedBy = last?.signer?.organization ?? null;
  const expectedName = names[0] ?? sender.code;
  if (!last) return { expectedName, expectedCode: sender.code, signedBy: null, matches: null };
  const folded = signedBy === null ? null : foldName(signedBy);
  return { expectedName, expectedCode: sender.code, signedBy, matches: folded !== null && names.some((name) => foldName(name) === folded) };
}

/**
 * The worst file decides (first file first on ties, the main document being first). A sender
 * mismatch is a validation-policy failure, INDETERMINATE / SIG_CONSTRAINTS_FAILURE as DSS
 * classes it; it takes the place of any other INDETERMINATE reason because it is the one the
 * clerk acts on (return the document), but never softens a TOTAL_FAILED.
 */
export function documentVerdict(files: readonly PdfVerification[], sender: SenderCheck): Pick<DocumentVerification, 'indication' | 'subIndication'> {
  let worst: { indication: Indication; subIndication: SubIndication | null } | null = null;
  for (const file of files) {
    if (file.indication === null) continue;
    if (!worst || SEVERITY[file.indication] > SEVERITY[worst.indication]) worst = { indication: file.indication, subIndication: file.subIndication };
  }
  if (!worst) return { indication: 'UNSIGNED', subIndication: null };
  if (sender.matches === false && worst.indication !== 'TOTAL_FAILED') return { indication: 'INDETERMINATE', subIndication: 'SIG_CONSTRAINTS_FAILURE' };
  return worst;
}

/** A failed verification the clerk should answer with "return" (status 02). */
export function warrantsReturn(verification: Pick<DocumentVerification, 'indication' | 'sender'>): boolean {
  return verification.indication === 'TOTAL_FAILED' || verification.sender.matches === false;
}
