/**
 * The archival form of a file: the one step every file of a dossier goes through before it
 * leaves for the archive (docs/formats.md#archive-package). Today a PDF goes as it is and its
 * signatures are verified, so the package and the handover record say what they were worth
 * when handed over. Extending signatures to PAdES B-LT/B-LTA (validation data in a DSS, then a
 * document time-stamp) belongs here, before the verification, so the verdict is the extended
 * file's and the package carries the extended bytes.
 */
import type { PdfVerification } from '../../../shared/api/verification.js';

export interface ArchivalFile {
  path: string;
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

export interface ArchivalVerdict {
  indication: string;
  subIndication: string | null;
}

export interface ArchivalFormDeps {
  verifyFile(path: string, name: string): Promise<PdfVerification>;
}

export const isPdfFile = (file: { name: string; contentType: string }) => file.contentType === 'application/pdf' || /\.pdf$/i.test(file.name);

/** The file as it goes in the package, and its signatures' verdict (null for a file that is not a PDF). */
export async function toArchivalForm(file: ArchivalFile, deps: ArchivalFormDeps): Promise<{ file: ArchivalFile; verdict: ArchivalVerdict | null }> {
  if (!isPdfFile(file)) return { file, verdict: null };
  const report = await deps.verifyFile(file.path, file.name);
  return { file, verdict: { indication: report.indication ?? 'UNSIGNED', subIndication: report.subIndication } };
}
