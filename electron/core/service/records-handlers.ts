/**
 * Records management without the token: the copies register, the yearly list of dossiers,
 * filing documents, closing dossiers, their tables of contents, and the handovers' files and
 * receipts. Making a copy and a handover package need the agency's token: signing-handlers.ts.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { DossierFiling } from '../../../shared/api/records.js';
import { vietnamYear } from '../../../shared/text/vietnam-time.js';
import { exportTable } from '../export/export-file.js';
import { fileNameWords } from '../export/file-name.js';
import { ownAgencyName } from './own-agency.js';
import { dossierContents } from '../records/dossier-contents.js';
import { rankDossiers } from '../records/dossier-suggestions.js';
import { contentsTable, copiesTable, dossierListTable } from '../records/records-tables.js';
import { appendAudit } from '../store/audit-log.js';
import { copiesOfDocument, copiesOfYear, getCopy } from '../store/certified-copies.js';
import { writeTransaction } from '../store/database.js';
import { getDocumentRow } from '../store/documents.js';
import {
  closeDossier,
  createDossier,
  dossiersAwaitingHandover,
  dossiersOfDocument,
  fileDocument,
  getDossier,
  listDossiers,
  markHandedOver,
  openDossiers,
  unfileDocument,
} from '../store/dossiers.js';
import { getHandover, listHandovers, recordReceipt } from '../store/handovers.js';
import { savedBlobLink } from '../records/saved-blob-link.js';
import { authorizeExport } from './export-policy.js';
import type { CoreContext, HandlerMap } from './handlers.js';

type RecordsMethods =
  | 'copies.list'
  | 'copies.read'
  | 'copies.export'
  | 'dossiers.list'
  | 'dossiers.create'
  | 'dossiers.close'
  | 'dossiers.forDocument'
  | 'dossiers.file'
  | 'dossiers.unfile'
  | 'dossiers.contents'
  | 'dossiers.exportContents'
  | 'dossiers.exportList'
  | 'dossiers.awaitingHandover'
  | 'handover.list'
  | 'handover.read'
  | 'handover.recordReceipt';

/** A year's copies register or list holds at most this many lines in one export. */
const MAX_EXPORT_ROWS = 100_000;
const MAX_HANDOVERS = 500;

export function recordsHandlers(ctx: CoreContext): HandlerMap<RecordsMethods> {
  const { db } = ctx;

  function dossierOf(id: number) {
    const dossier = getDossier(db, id, new Date());
    if (!dossier) throw new ApiError('not_found', `Dossier ${id} does not exist.`);
    return dossier;
  }

  function documentOf(id: number) {
    const row = getDocumentRow(db, id);
    if (!row) throw new ApiError('not_found', `Document ${id} does not exist.`);
    if (row.direction === 'draft') throw new ApiError('conflict', 'A draft is filed once it is issued.', { documentId: 'a received or issued document' });
    return row;
  }

  function filing(documentId: number): DossierFiling {
    const row = documentOf(documentId);
    const now = new Date();
    const filed = dossiersOfDocument(db, documentId, now);
    const filedIds = new Set(filed.map((dossier) => dossier.id));
    // The dossiers of the year the document arrived in (else was made), and of this year.
    const years = [...new Set([vietnamYear(new Date(row.received_at ?? row.created_at)), vietnamYear(now)])];
    const open = years.flatMap((year) => openDossiers(db, year, now)).filter((dossier) => !filedIds.has(dossier.id));
    const authorText = [row.sender_name, row.sender_id, row.signer_name, row.signer_position].filter(Boolean).join(' ');
    return { filed, suggestions: rankDossiers(open, { typeName: row.type_name, subject: row.subject, authorText }) };
  }

  return {
    'copies.list': ({ documentId }) => {
      documentOf(documentId);
      return copiesOfDocument(db, documentId);
    },

    'copies.read': ({ id }) => {
      const copy = getCopy(db, id);
      if (!copy) throw new ApiError('not_found', `Copy ${id} does not exist.`);
      return savedBlobLink(ctx, copy, copy.fileName, 'application/pdf');
    },

    'copies.export': ({ year, format }) => {
      authorizeExport(ctx, 'register:copies', { year, format });
      return exportTable(ctx.files, copiesTable(ownAgencyName(ctx), year, copiesOfYear(db, year, MAX_EXPORT_ROWS)), format, `so-ban-sao-${year}`);
    },

    'dossiers.list': ({ year }) => listDossiers(db, year, new Date()),

    'dossiers.create': (input) => {
      const now = new Date();
      const id = writeTransaction(db, () => {
        const created = createDossier(db, input, now);
        if (created !== null) appendAudit(db, { actor: ctx.actor, action: 'dossier.create', subject: `dossier:${created}`, details: { year: input.year, code: input.code } }, now);
        return created;
      });
      if (id === null) throw new ApiError('conflict', `The ${input.year} list has a dossier ${input.code} already; choose another code.`, { code: 'a code not used this year' });
      return dossierOf(id);
    },

    'dossiers.close': ({ id, retentionYears }) => {
      const dossier = dossierOf(id);
      const now = new Date();
      const closed = writeTransaction(db, () => {
        if (!closeDossier(db, id, retentionYears, now)) return false;
        appendAudit(db, { actor: ctx.actor, action: 'dossier.close', subject: `dossier:${id}`, details: { code: dossier.code, retentionYears: retentionYears === undefined ? dossier.retentionYears : retentionYears } }, now);
        return true;
      });
      if (!closed) throw new ApiError('conflict', `Dossier ${dossier.code} is closed already.`);
      return dossierOf(id);
    },

    'dossiers.forDocument': ({ documentId }) => filing(documentId),

    'dossiers.file': ({ dossierId, documentId }) => {
      documentOf(documentId);
      const dossier = dossierOf(dossierId);
      const now = new Date();
      const result = writeTransaction(db, () => {
        const filed = fileDocument(db, dossierId, documentId, ctx.actor, now);
        if (filed === 'filed') appendAudit(db, { actor: ctx.actor, action: 'dossier.file', subject: `document:${documentId}`, details: { dossier: dossier.code, year: dossier.year } }, now);
        return filed;
      });
      if (result === 'not_open') throw new ApiError('conflict', `Dossier ${dossier.code} is closed: it takes no more documents.`, { dossierId: 'an open dossier' });
      return filing(documentId);
    },

    'dossiers.unfile': ({ dossierId, documentId }) => {
      const dossier = dossierOf(dossierId);
      const now = new Date();
      const removed = writeTransaction(db, () => {
        if (!unfileDocument(db, dossierId, documentId)) return false;
        appendAudit(db, { actor: ctx.actor, action: 'dossier.unfile', subject: `document:${documentId}`, details: { dossier: dossier.code, year: dossier.year } }, now);
        return true;
      });
      if (!removed) throw new ApiError('conflict', `Dossier ${dossier.code} is closed or does not hold document ${documentId}.`);
      return filing(documentId);
    },

    'dossiers.contents': async ({ id }) => ({ dossier: dossierOf(id), rows: await dossierContents(ctx, id) }),

    'dossiers.exportContents': async ({ id, format }) => {
      const dossier = dossierOf(id);
      authorizeExport(ctx, `dossier:${dossier.year}:${dossier.code}`, { format });
      return exportTable(ctx.files, contentsTable(ownAgencyName(ctx), dossier, await dossierContents(ctx, id)), format, `muc-luc-${dossier.year}-${fileNameWords(dossier.code)}`);
    },

    'dossiers.exportList': ({ year, format }) => {
      authorizeExport(ctx, `dossiers:${year}`, { format });
      return exportTable(ctx.files, dossierListTable(ownAgencyName(ctx), year, listDossiers(db, year, new Date())), format, `danh-muc-ho-so-${year}`);
    },

    'dossiers.awaitingHandover': () => dossiersAwaitingHandover(db, new Date()).sort((a, b) => (a.handoverDue ?? '').localeCompare(b.handoverDue ?? '')),

    'handover.list': () => listHandovers(db, MAX_HANDOVERS),

    'handover.read': ({ id }) => {
      const handover = getHandover(db, id);
      if (!handover) throw new ApiError('not_found', `Handover ${id} does not exist.`);
      return savedBlobLink(ctx, handover, handover.fileName, 'application/zip');
    },

    'handover.recordReceipt': ({ id, receivedOn, receivedBy, note }) => {
      if (!getHandover(db, id)) throw new ApiError('not_found', `Handover ${id} does not exist.`);
      const now = new Date();
      const recorded = writeTransaction(db, () => {
        if (!recordReceipt(db, id, receivedOn, receivedBy, note)) return false;
        markHandedOver(db, id);
        appendAudit(db, { actor: ctx.actor, action: 'handover.receipt', subject: `handover:${id}`, details: { receivedOn, receivedBy } }, now);
        return true;
      });
      if (!recorded) throw new ApiError('conflict', `The receipt of handover ${id} is recorded already.`);
      return getHandover(db, id)!;
    },
  };
}
