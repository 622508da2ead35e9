/**
 * Which open dossier a document likely belongs in, for the clerk filing it: the dossier that
 * collects its type weighs most, then the unit (matched against who wrote or signed it; at the
 * desk a document has no internal unit), then the words its subject shares with the dossier's
 * title, all accent-folded. Dossiers with no match at all are still offered, after the others.
 */
import type { Dossier } from '../../../shared/api/records.js';
import { foldText } from '../../../shared/text/fold.js';

export interface FilingCandidate {
  typeName: string | null;
  subject: string;
  /** Sender, signer and their position: where a unit's name would show. */
  authorText: string;
}

const words = (text: string) => new Set(foldText(text).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3));

export function filingScore(dossier: Dossier, document: FilingCandidate): number {
  const type = foldText(document.typeName ?? '').trim();
  const typeMatch = type !== '' && dossier.typeNames.some((name) => foldText(name).trim() === type) ? 4 : 0;
  const unit = foldText(dossier.unit).trim();
  const unitMatch = unit !== '' && foldText(document.authorText).includes(unit) ? 2 : 0;
  const title = words(`${dossier.heading} ${dossier.title}`);
  const shared = [...words(document.subject)].filter((word) => title.has(word)).length;
  return typeMatch + unitMatch + Math.min(shared, 3) * 0.5;
}

/** The dossiers, likeliest first; ties keep the list's order. */
export function rankDossiers(dossiers: readonly Dossier[], document: FilingCandidate): Dossier[] {
  return dossiers
    .map((dossier, index) => ({ dossier, index, score: filingScore(dossier, document) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.dossier);
}
