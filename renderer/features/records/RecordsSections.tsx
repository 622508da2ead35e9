/** The records part of a received or issued document: its dossiers and its certified copies. */
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { CopiesSection } from './CopiesSection.js';
import { DossierFiling } from './DossierFiling.js';

export function RecordsSections({ detail }: { detail: DocumentDetail }) {
  return (
    <>
      <DossierFiling detail={detail} />
      <CopiesSection detail={detail} />
    </>
  );
}
