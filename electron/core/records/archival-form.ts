/**
 * The archival form of a file: the one step every file of a dossier goes through before it
 * leaves for the archive (docs/formats.md#archive-package). A PDF is extended to PAdES B-LTA
 * (validation data in a DSS, then a document time-stamp; docs/formats.md#archival-form) into the
 * handover's work folder, then verified, so the verdict is the extended file's and the package
 * carries the extended bytes. An unsigned PDF and any other file go as they are.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PdfVerification } from '../../../shared/api/verification.js';
import { sha256OfFile } from '../fs/file-hash.js';
import type { ArchivalFormResult } from '../signing/ltv/archival-form.js';

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
  /** `input` extended to B-LTA into `output` (the TSA and trust anchors bound by the caller). */
  extend(input: string, output: string): Promise<ArchivalFormResult>;
  /** An empty folder of this handover, where the extended files are written. */
  workDir: string;
}

export const isPdfFile = (file: { name: string; contentType: string }) => file.contentType === 'application/pdf' || /\.pdf$/i.test(file.name);

/** The file as it goes in the package, and its signatures' verdict (null for a file that is not a PDF). */
export async function toArchivalForm(file: ArchivalFile, deps: ArchivalFormDeps): Promise<{ file: ArchivalFile; verdict: ArchivalVerdict | null }> {
  if (!isPdfFile(file)) return { file, verdict: null };
  const output = path.join(deps.workDir, path.basename(file.name));
  const { level } = await deps.extend(file.path, output);
  const archival = level === 'unsigned' ? file : { ...file, path: output, sha256: await sha256OfFile(output), size: (await stat(output)).size };
  const report = await deps.verifyFile(archival.path, archival.name);
  return { file: archival, verdict: { indication: report.indication ?? 'UNSIGNED', subIndication: report.subIndication } };
}
