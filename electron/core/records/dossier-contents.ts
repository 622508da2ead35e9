/**
 * What a dossier holds, as its table of contents and the archive metadata read it: the filed
 * documents in chronological order with their author, type, subject and page count.
 */
import type { DossierContentsRow } from '../../../shared/api/records.js';
import type { RecordsContext } from './records-context.js';
import { listAttachments } from '../store/documents.js';
import { filedDocuments, type FiledDocumentRow } from '../store/dossiers.js';
import { isPdfFile } from './archival-form.js';
import { countPages } from './pdf-pages.js';

export function numberNotationOf(row: Pick<FiledDocumentRow, 'code_number' | 'code_notation'>): string {
  const number = row.code_number ?? '';
  return row.code_notation ? `${number}/${row.code_notation}` : number;
}

/** Tác giả: the sender of a received document; this agency for its own. */
export function authorOf(ctx: RecordsContext, row: FiledDocumentRow): string {
  if (row.direction === 'incoming') return row.sender_name ?? row.sender_id ?? '';
  return ctx.connection()?.agencyName ?? ctx.connection()?.agencyCode ?? '';
}

/** The document's date: its own, else the day it was registered or made. */
export const documentDateOf = (row: FiledDocumentRow) => row.promulgation_date ?? (row.registered_at ?? row.created_at).slice(0, 10);

export async function dossierContents(ctx: RecordsContext, dossierId: number): Promise<DossierContentsRow[]> {
  const rows: DossierContentsRow[] = [];
  for (const [index, row] of filedDocuments(ctx.db, dossierId).entries()) {
    let pages = 0;
    for (const attachment of listAttachments(ctx.db, row.id).filter(isPdfFile)) pages += await countPages(ctx.blobs.pathOf(attachment.sha256));
    rows.push({
      ordinal: index + 1,
      documentId: row.id,
      numberNotation: numberNotationOf(row),
      date: documentDateOf(row),
      typeAndSubject: row.type_name ? `${row.type_name}: ${row.subject}` : row.subject,
      author: authorOf(ctx, row),
      pages,
      note: '',
    });
  }
  return rows;
}
