/**
 * Certified copies (bản sao) and the copies register: one yearly number sequence for sao y,
 * sao lục and trích sao (docs/formats.md#certified-copies), kept in register_counters under the
 * code 'copies' like the other registers' series.
 */
import type { CertifiedCopy, CopyKind } from '../../../shared/api/records.js';
import type { Db } from './database.js';
import { formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { takeNextNumber } from './registers.js';

export const COPIES_REGISTER = 'copies';

interface CopyRow {
  id: number;
  document_id: number;
  source_copy_id: number | null;
  kind: CopyKind;
  year: number;
  number: number;
  pages: string | null;
  agency_name: string;
  signer: string;
  file_name: string;
  sha256: string;
  size: number;
  note: string;
  created_at: string;
  subject: string;
  code_number: string | null;
  code_notation: string | null;
}

const SELECT_COPIES = `SELECT c.*, d.subject, d.code_number, d.code_notation FROM certified_copies c JOIN documents d ON d.id = c.document_id`;

function toCopy(row: CopyRow): CertifiedCopy {
  return {
    id: row.id,
    documentId: row.document_id,
    sourceCopyId: row.source_copy_id,
    kind: row.kind,
    year: row.year,
    number: row.number,
    notation: `${formatDocumentNumber(row.number)}/${row.kind}`,
    pages: row.pages,
    agencyName: row.agency_name,
    signer: row.signer,
    fileName: row.file_name,
    sha256: row.sha256,
    size: row.size,
    note: row.note,
    createdAt: row.created_at,
    documentSubject: row.subject,
    documentNotation: row.code_notation ? `${row.code_number ?? ''}/${row.code_notation}` : (row.code_number ?? ''),
  };
}

export interface NewCopy {
  documentId: number;
  sourceCopyId: number | null;
  kind: CopyKind;
  pages: string | null;
  agencyName: string;
  signer: string;
  fileName: string;
  sha256: string;
  size: number;
  note: string;
}

/** Takes the next number of `year` and records the copy; inside the write transaction. */
export function recordCopy(db: Db, input: NewCopy, year: number, now: Date): number {
  const number = takeNextNumber(db, COPIES_REGISTER, year);
  const result = db
    .prepare(
      `INSERT INTO certified_copies (document_id, source_copy_id, kind, year, number, pages, agency_name, signer, file_name, sha256, size, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.documentId, input.sourceCopyId, input.kind, year, number, input.pages, input.agencyName, input.signer, input.fileName, input.sha256, input.size, input.note, now.toISOString());
  return Number(result.lastInsertRowid);
}

export function getCopy(db: Db, id: number): CertifiedCopy | null {
  const row = db.prepare(`${SELECT_COPIES} WHERE c.id = ?`).get(id) as CopyRow | undefined;
  return row ? toCopy(row) : null;
}

export function copiesOfDocument(db: Db, documentId: number): CertifiedCopy[] {
  return (db.prepare(`${SELECT_COPIES} WHERE c.document_id = ? ORDER BY c.year, c.number`).all(documentId) as CopyRow[]).map(toCopy);
}

/** The copies register's book of a year, in number order. */
export function copiesOfYear(db: Db, year: number, limit: number): CertifiedCopy[] {
  return (db.prepare(`${SELECT_COPIES} WHERE c.year = ? ORDER BY c.number LIMIT ?`).all(year, limit) as CopyRow[]).map(toCopy);
}
