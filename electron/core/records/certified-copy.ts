/**
 * Certified copies (docs/formats.md#certified-copies): sao y (the whole document), sao lục (a
 * sao y, again) and trích sao (some pages), each an electronic copy with the agency's signature
 * at the top right of page 1, no image, saying the form of the copy, the copying agency and the
 * time. A whole copy keeps the source's bytes and signatures and adds the agency's in an
 * incremental update; an extract is a new PDF of the chosen pages. The copy's number in the
 * copies register is taken only once it is signed, in the transaction that records it.
 */
import { copyFile, readFile, rm, stat } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import { COPY_FORM_TEXT, type CertifiedCopy, type CopyKind } from '../../../shared/api/records.js';
import { isoVietnamTime, vietnamYear } from '../../../shared/text/vietnam-time.js';
import { sha256OfFile } from '../fs/file-hash.js';
import { assetPath, SIGNATURE_FONT } from '../signing/assets.js';
import { refusalFor } from '../signing/pdf/modification-guard.js';
import { hasField } from '../signing/pdf/form-fields.js';
import { pageGeometry } from '../signing/pdf/page-geometry.js';
import { agencyLines, textAppearance } from '../signing/visible-signature.js';
import { appendAudit } from '../store/audit-log.js';
import { getCopy, recordCopy } from '../store/certified-copies.js';
import { writeTransaction } from '../store/database.js';
import { getDocumentRow, listAttachments } from '../store/documents.js';
import type { RecordsContext } from './records-context.js';
import { isPdfFile } from './archival-form.js';
import { topRightRect, type AgencySigner } from './agency-signer.js';
import { countPages, extractPages, PageRangeError, parsePageRanges } from './pdf-pages.js';

export const COPY_FIELD = 'CopySignature';

/** A sao lục is made from a sao y, which holds a copy signature already: each copy signs a field of its own. */
async function freeCopyField(file: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? COPY_FIELD : `${COPY_FIELD}${n}`;
    if (!(await hasField(file, name))) return name;
  }
}
const REASON: Record<CopyKind, string> = { SY: 'Sao y', SL: 'Sao lục', TrS: 'Trích sao' };

type CopyInput = ApiParsedInput<'copies.create'>;

/** The file a copy is made from, and a name for the copy. */
function sourceOf(ctx: RecordsContext, input: CopyInput): { path: string; name: string; sourceCopyId: number | null } {
  const document = getDocumentRow(ctx.db, input.documentId);
  if (!document) throw new ApiError('not_found', `Document ${input.documentId} does not exist.`);
  if (document.direction === 'draft') throw new ApiError('conflict', 'A draft has no original to copy: copy a received or issued document.', { documentId: 'a received or issued document' });
  if (input.kind === 'SL') {
    const source = input.sourceCopyId === undefined ? null : getCopy(ctx.db, input.sourceCopyId);
    if (!source || source.documentId !== input.documentId || source.kind !== 'SY') {
      throw new ApiError('invalid_input', 'A sao lục is made from a sao y of the same document: choose one.', { sourceCopyId: 'a sao y of this document' });
    }
    return { path: ctx.blobs.pathOf(source.sha256), name: source.fileName, sourceCopyId: source.id };
  }
  const main = listAttachments(ctx.db, input.documentId).find(isPdfFile);
  if (!main) throw new ApiError('invalid_input', 'The document has no PDF to copy.', { documentId: 'a document with a PDF' });
  return { path: ctx.blobs.pathOf(main.sha256), name: main.name, sourceCopyId: null };
}

export async function createCertifiedCopy(ctx: RecordsContext, input: CopyInput, signer: () => Promise<AgencySigner>): Promise<CertifiedCopy> {
  const source = sourceOf(ctx, input);
  const file = ctx.blobs.tempPath('.pdf');
  try {
    if (input.kind === 'TrS') {
      let pages: number[];
      try {
        pages = parsePageRanges(input.pages ?? '', await countPages(source.path));
        await extractPages(source.path, pages, file);
      } catch (error) {
        if (error instanceof PageRangeError) throw new ApiError('invalid_input', error.message, { pages: error.message });
        throw new ApiError('conflict', `The pages cannot be taken out of ${source.name}: ${error instanceof Error ? error.message : String(error)}`, { pdf: 'unreadable', file: source.name });
      }
    } else {
      await copyFile(source.path, file);
    }
    // Refused before any PIN is asked: an encrypted source, or one certified against a new signature.
    const refusal = await refusalFor(file, ['sign']);
    if (refusal) throw new ApiError('conflict', `${source.name}: ${refusal.message}`, { pdf: refusal.code, file: source.name });
    const agency = await signer();
    const agencyName = agencyLines(agency.certificate.holder, agency.at)[0]!;
    const font = await readFile(assetPath(SIGNATURE_FONT));
    await agency.sign(file, {
      fieldName: await freeCopyField(file),
      rect: topRightRect(await pageGeometry(file, 1)),
      appearance: textAppearance([COPY_FORM_TEXT[input.kind], agencyName, isoVietnamTime(agency.at)], font),
      reason: REASON[input.kind],
    });
    const sha256 = await sha256OfFile(file);
    const blob = await ctx.blobs.adoptFile(file, { sha256, size: (await stat(file)).size });
    const signerText = agency.certificate.holder.text;
    const id = writeTransaction(ctx.db, () => {
      const copyId = recordCopy(
        ctx.db,
        {
          documentId: input.documentId,
          sourceCopyId: source.sourceCopyId,
          kind: input.kind,
          pages: input.kind === 'TrS' ? (input.pages ?? '') : null,
          agencyName,
          signer: signerText,
          fileName: `${COPY_FORM_TEXT[input.kind]} - ${source.name.replace(/^(SAO Y|SAO LỤC|TRÍCH SAO) - /, '')}`,
          sha256: blob.sha256,
          size: blob.size,
          note: input.note,
        },
        vietnamYear(agency.at),
        agency.at,
      );
      appendAudit(ctx.db, { actor: ctx.actor, action: 'copy.create', subject: `document:${input.documentId}`, details: { copy: copyId, kind: input.kind, pdf: blob.sha256, signer: signerText } }, agency.at);
      return copyId;
    });
    return getCopy(ctx.db, id)!;
  } finally {
    await rm(file, { force: true });
  }
}
