/**
 * Handover to the archive (nộp lưu; docs/formats.md#archive-package): closed dossiers are packed
 * as SIP_hoso packages with their metadata, every file in its archival form, and the list of
 * what is handed over (mục lục hồ sơ nộp lưu) signed by the agency's token. The package is kept
 * as a blob and the handover recorded; the archive's receipt is recorded later.
 */
import { extname } from 'node:path';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors.js';
import type { ExportedFile } from '../../../shared/api/registers.js';
import type { Dossier, Handover, HandoverSignatureVerdict } from '../../../shared/api/records.js';
import { isoVietnamTime } from '../../../shared/text/vietnam-time.js';
import { tableToPdf } from '../export/table-pdf.js';
import { sha256OfFile } from '../fs/file-hash.js';
import { assetPath, SIGNATURE_FONT } from '../signing/assets.js';
import { ArchivalFormError } from '../signing/ltv/archival-form.js';
import { pageGeometry } from '../signing/pdf/page-geometry.js';
import { agencyLines, textAppearance } from '../signing/visible-signature.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { listAttachments } from '../store/documents.js';
import { assignHandover, filedDocuments, getDossier } from '../store/dossiers.js';
import { getHandover, insertHandover } from '../store/handovers.js';
import type { RecordsContext } from './records-context.js';
import { topRightRect, type AgencySigner } from './agency-signer.js';
import { savedBlobLink } from './saved-blob-link.js';
import { archiveDate, docCodeOf, documentTypeCode, maintenanceCode, type DocumentMetadata } from './archive-metadata.js';
import { ArchiveMetadataError, checkPackageMetadata, HANDOVER_LIST_NAME, newPackageId, writeArchivePackage, type PackageDossier, type PackageFile } from './archive-package.js';
import { toArchivalForm, type ArchivalFormDeps } from './archival-form.js';
import { authorOf, documentDateOf } from './dossier-contents.js';
import { countPages } from './pdf-pages.js';
import { handoverListTable, type HandoverListRow } from './records-tables.js';

export const HANDOVER_LIST_FIELD = 'HandoverListSignature';
/** Vietnamese, Circular 05/2025's language code table. */
const VIETNAMESE = '01';
/** Chế độ sử dụng: public, unless the agency marks a dossier otherwise (not kept at the desk yet). */
const PUBLIC_MODE = '01';
/** Documents that came over the axis or were issued signed: born digital. */
const BORN_DIGITAL = '01';

export interface HandoverDeps extends Omit<ArchivalFormDeps, 'workDir'> {
  software: { name: string; version: string };
}

interface PreparedDossier extends PackageDossier {
  dossier: Dossier;
  list: HandoverListRow;
  verdicts: HandoverSignatureVerdict[];
}

function closedDossier(ctx: RecordsContext, id: number, now: Date): Dossier {
  const dossier = getDossier(ctx.db, id, now);
  if (!dossier) throw new ApiError('not_found', `Dossier ${id} does not exist.`);
  if (dossier.state !== 'closed') throw new ApiError('conflict', `Dossier ${dossier.code} is ${dossier.state === 'open' ? 'still open: close it first' : 'handed over already'}.`, { dossiers: dossier.code });
  return dossier;
}

/** One dossier's documents and files in archival form, with the metadata of each. */
async function prepareDossier(ctx: RecordsContext, dossier: Dossier, organId: string, deps: ArchivalFormDeps): Promise<PreparedDossier> {
  const fileCode = `${organId}.${dossier.year}.${dossier.code}`;
  const rows = filedDocuments(ctx.db, dossier.id);
  if (rows.length === 0) throw new ApiError('conflict', `Dossier ${dossier.code} holds no documents.`, { dossiers: dossier.code });
  const maintenance = maintenanceCode(dossier.retentionYears);
  const verdicts: HandoverSignatureVerdict[] = [];
  const documents: PackageDossier['documents'] = [];
  let totalPages = 0;
  for (const [index, row] of rows.entries()) {
    const docCode = docCodeOf(fileCode, index + 1);
    const files: PackageFile[] = [];
    let pages = 0;
    for (const [k, attachment] of listAttachments(ctx.db, row.id).entries()) {
      const name = `${docCode}${k === 0 ? '' : `_${k + 1}`}${extname(attachment.name).toLowerCase() || '.bin'}`;
      const archival = await toArchivalForm({ path: ctx.blobs.pathOf(attachment.sha256), name, contentType: attachment.contentType, sha256: attachment.sha256, size: attachment.size }, deps).catch((error: unknown) => {
        // Nothing is handed over with a signature that cannot be kept verifiable: the clerk learns which file, IT why.
        if (error instanceof ArchivalFormError) throw new ApiError('conflict', `${attachment.name} (dossier ${dossier.code}) cannot be put in archival form: ${error.message}`, { archivalForm: error.code, dossiers: dossier.code });
        throw error;
      });
      if (archival.verdict) {
        verdicts.push({ dossierCode: dossier.code, fileName: name, ...archival.verdict });
        pages += await countPages(archival.file.path);
      }
      files.push(archival.file);
    }
    totalPages += pages;
    const signer = [row.signer_position, row.signer_name].filter((part) => part && part.trim() !== '').join(' ');
    const metadata: DocumentMetadata = {
      docId: `${dossier.year}.${dossier.id}.${index + 1}`,
      docCode,
      maintenance,
      typeName: documentTypeCode(row.type_name),
      ...(row.code_number ? { codeNumber: row.code_number } : {}),
      ...(row.code_notation ? { codeNotation: row.code_notation } : {}),
      issuedDate: archiveDate(documentDateOf(row)),
      organName: authorOf(ctx, row),
      subject: row.subject,
      language: VIETNAMESE,
      numberOfPage: String(pages),
      mode: PUBLIC_MODE,
      confidenceLevel: BORN_DIGITAL,
      ...(signer ? { autograph: signer } : {}),
      riskRecovery: '0',
      process: '0',
      description: '',
    };
    documents.push({ metadata, files });
  }
  const dates = rows.map(documentDateOf).sort();
  const [startDate, endDate] = [dates[0]!, dates[dates.length - 1]!];
  const objId = newPackageId();
  return {
    objId,
    dossier,
    verdicts,
    documents,
    documentation: [{ name: 'signature-verdicts.json', text: `${JSON.stringify(verdicts, null, 2)}\n` }],
    metadata: {
      fileCode,
      title: dossier.title,
      maintenance,
      mode: PUBLIC_MODE,
      language: VIETNAMESE,
      startDate: archiveDate(startDate),
      endDate: archiveDate(endDate),
      totalDoc: String(rows.length),
      numberOfPage: String(totalPages),
      confidenceLevel: BORN_DIGITAL,
      riskRecovery: '0',
      description: dossier.description,
    },
    list: { dossier, startDate, endDate, pages: totalPages, packageId: objId },
  };
}

/** Makes, signs and records the package of the given closed dossiers; returns it as a file too. */
export async function exportHandover(ctx: RecordsContext, dossierIds: readonly number[], signer: () => Promise<AgencySigner>, deps: HandoverDeps): Promise<{ handover: Handover; file: ExportedFile }> {
  const now = new Date();
  const dossiers = [...new Set(dossierIds)].map((id) => closedDossier(ctx, id, now));
  const connection = ctx.connection();
  if (!connection) throw new ApiError('not_configured', 'Connect to the axis first: the package names the agency by its code.');
  // The extended files live until the package holds them.
  const workDir = ctx.blobs.tempPath('.archival');
  await mkdir(workDir, { recursive: true });
  try {
    return await packDossiers(ctx, dossiers, connection.agencyCode, signer, { ...deps, workDir });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function packDossiers(ctx: RecordsContext, dossiers: Dossier[], agencyCode: string, signer: () => Promise<AgencySigner>, deps: HandoverDeps & ArchivalFormDeps): Promise<{ handover: Handover; file: ExportedFile }> {
  const prepared: PreparedDossier[] = [];
  for (const dossier of dossiers) prepared.push(await prepareDossier(ctx, dossier, agencyCode, deps));
  try {
    // Checked before the PIN is used: a package the archive would refuse is never signed.
    checkPackageMetadata(prepared);
  } catch (error) {
    if (error instanceof ArchiveMetadataError) throw new ApiError('invalid_input', `The archive metadata is not valid: ${error.message}`, { metadata: error.message });
    throw error;
  }
  const agency = await signer();
  const agencyName = agencyLines(agency.certificate.holder, agency.at)[0]!;
  const listFile = ctx.blobs.tempPath('.pdf');
  const zipFile = ctx.blobs.tempPath('.zip');
  try {
    await writeFile(listFile, await tableToPdf(handoverListTable(agencyName, prepared.map((entry) => entry.list))));
    await agency.sign(listFile, {
      fieldName: HANDOVER_LIST_FIELD,
      rect: topRightRect(await pageGeometry(listFile, 1)),
      appearance: textAppearance([agencyName, isoVietnamTime(agency.at)], await readFile(assetPath(SIGNATURE_FONT))),
      reason: 'Nộp lưu',
    });
    const list = { path: listFile, name: HANDOVER_LIST_NAME, contentType: 'application/pdf', sha256: await sha256OfFile(listFile), size: (await stat(listFile)).size };
    await writeArchivePackage(zipFile, { agency: { id: agencyCode, name: agencyName }, software: deps.software, createdAt: agency.at, dossiers: prepared, list });
    const fileName = `nop-luu-${isoVietnamTime(agency.at).slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.zip`;
    const written = { sha256: await sha256OfFile(zipFile), size: (await stat(zipFile)).size };
    const blob = await ctx.blobs.adoptFile(zipFile, written);
    const verdicts = prepared.flatMap((entry) => entry.verdicts);
    const id = writeTransaction(ctx.db, () => {
      const handoverId = insertHandover(ctx.db, { fileName, sha256: blob.sha256, size: blob.size, signer: agency.certificate.holder.text, verdicts, createdBy: ctx.actor }, agency.at);
      assignHandover(ctx.db, dossiers.map((dossier) => dossier.id), handoverId);
      appendAudit(ctx.db, { actor: ctx.actor, action: 'handover.export', subject: `handover:${handoverId}`, details: { dossiers: dossiers.map((dossier) => dossier.code), zip: blob.sha256, signer: agency.certificate.holder.text } }, agency.at);
      return handoverId;
    });
    return { handover: getHandover(ctx.db, id)!, file: savedBlobLink(ctx, blob, fileName, 'application/zip') };
  } finally {
    await rm(listFile, { force: true });
    await rm(zipFile, { force: true });
  }
}
