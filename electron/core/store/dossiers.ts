/**
 * Dossiers (hồ sơ) of the agency's yearly list, and the documents filed in each
 * (docs/formats.md#dossiers). A document may sit in several dossiers; a dossier takes documents
 * only while open; closed and handed-over dossiers do not change.
 */
import type { Dossier, DossierState } from '../../../shared/api/records.js';
import { handoverDue, handoverDueSoon, handoverRequired, retentionEnds } from '../../../shared/domain/dossier-dates.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import type { Db } from './database.js';

interface DossierRow {
  id: number;
  year: number;
  code: string;
  heading: string;
  title: string;
  retention_years: number | null;
  keeper: string;
  unit: string;
  type_names: string;
  description: string;
  state: DossierState;
  opened_at: string;
  closed_at: string | null;
  handover_id: number | null;
  handover_received: number;
  document_count: number;
}

const SELECT_DOSSIERS = `SELECT d.*,
  (SELECT count(*) FROM dossier_documents f WHERE f.dossier_id = d.id) AS document_count,
  (SELECT received_at IS NOT NULL FROM handovers h WHERE h.id = d.handover_id) AS handover_received
  FROM dossiers d`;

function toDossier(row: DossierRow, today: string): Dossier {
  const closedOn = row.closed_at ? vietnamDate(new Date(row.closed_at)) : null;
  const required = handoverRequired(row.retention_years);
  const due = closedOn && required ? handoverDue(closedOn) : null;
  return {
    id: row.id,
    year: row.year,
    code: row.code,
    heading: row.heading,
    title: row.title,
    retentionYears: row.retention_years,
    keeper: row.keeper,
    unit: row.unit,
    typeNames: JSON.parse(row.type_names) as string[],
    description: row.description,
    state: row.state,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    documentCount: row.document_count,
    handoverRequired: required,
    handoverDue: due,
    handoverDueSoon: due !== null && row.state !== 'handed_over' && handoverDueSoon(due, today),
    retentionEnds: closedOn ? retentionEnds(closedOn, row.retention_years) : null,
    handoverId: row.handover_id,
  };
}

export interface NewDossier {
  year: number;
  code: string;
  heading: string;
  title: string;
  retentionYears: number | null;
  keeper: string;
  unit: string;
  typeNames: string[];
  description: string;
}

/** Null when the year's list has that code already. */
export function createDossier(db: Db, input: NewDossier, now: Date): number | null {
  const result = db
    .prepare(
      `INSERT INTO dossiers (year, code, heading, title, retention_years, keeper, unit, type_names, description, opened_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (year, code) DO NOTHING`,
    )
    .run(input.year, input.code, input.heading, input.title, input.retentionYears, input.keeper, input.unit, JSON.stringify(input.typeNames), input.description, now.toISOString());
  return result.changes === 1 ? Number(result.lastInsertRowid) : null;
}

/** The year's list in the order of its codes (01.VP before 02.VP, then by heading). */
export function listDossiers(db: Db, year: number, now: Date): Dossier[] {
  const rows = db.prepare(`${SELECT_DOSSIERS} WHERE d.year = ? ORDER BY d.heading, d.code`).all(year) as DossierRow[];
  return rows.map((row) => toDossier(row, vietnamDate(now)));
}

export function getDossier(db: Db, id: number, now: Date): Dossier | null {
  const row = db.prepare(`${SELECT_DOSSIERS} WHERE d.id = ?`).get(id) as DossierRow | undefined;
  return row ? toDossier(row, vietnamDate(now)) : null;
}

/** Closed dossiers that go to the archive and whose receipt is not recorded yet. */
export function dossiersAwaitingHandover(db: Db, now: Date): Dossier[] {
  const rows = db
    .prepare(`${SELECT_DOSSIERS} WHERE d.state = 'closed' AND (d.retention_years IS NULL OR d.retention_years >= 5) ORDER BY d.closed_at, d.code`)
    .all() as DossierRow[];
  return rows.map((row) => toDossier(row, vietnamDate(now)));
}

/** Open dossiers of a year, for filing. */
export function openDossiers(db: Db, year: number, now: Date): Dossier[] {
  const rows = db.prepare(`${SELECT_DOSSIERS} WHERE d.year = ? AND d.state = 'open' ORDER BY d.code`).all(year) as DossierRow[];
  return rows.map((row) => toDossier(row, vietnamDate(now)));
}

export function dossiersOfDocument(db: Db, documentId: number, now: Date): Dossier[] {
  const rows = db
    .prepare(`${SELECT_DOSSIERS} WHERE d.id IN (SELECT dossier_id FROM dossier_documents WHERE document_id = ?) ORDER BY d.year DESC, d.code`)
    .all(documentId) as DossierRow[];
  return rows.map((row) => toDossier(row, vietnamDate(now)));
}

/** False when the dossier is not open. */
export function closeDossier(db: Db, id: number, retentionYears: number | null | undefined, now: Date): boolean {
  const keep = retentionYears === undefined ? 1 : 0;
  return (
    db
      .prepare("UPDATE dossiers SET state = 'closed', closed_at = ?, retention_years = CASE WHEN ? THEN retention_years ELSE ? END WHERE id = ? AND state = 'open'")
      .run(now.toISOString(), keep, retentionYears ?? null, id).changes === 1
  );
}

export type FilingResult = 'filed' | 'already_filed' | 'not_open';

export function fileDocument(db: Db, dossierId: number, documentId: number, actor: string, now: Date): FilingResult {
  const open = db.prepare("SELECT 1 FROM dossiers WHERE id = ? AND state = 'open'").get(dossierId);
  if (!open) return 'not_open';
  const result = db
    .prepare('INSERT INTO dossier_documents (dossier_id, document_id, filed_at, filed_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(dossierId, documentId, now.toISOString(), actor);
  return result.changes === 1 ? 'filed' : 'already_filed';
}

/** False when the dossier is not open or did not hold the document. */
export function unfileDocument(db: Db, dossierId: number, documentId: number): boolean {
  return (
    db
      .prepare("DELETE FROM dossier_documents WHERE dossier_id = ? AND document_id = ? AND dossier_id IN (SELECT id FROM dossiers WHERE state = 'open')")
      .run(dossierId, documentId).changes === 1
  );
}

export interface FiledDocumentRow {
  id: number;
  direction: string;
  code_number: string | null;
  code_notation: string | null;
  promulgation_date: string | null;
  type_name: string | null;
  subject: string;
  sender_name: string | null;
  sender_id: string | null;
  signer_name: string | null;
  signer_position: string;
  registered_at: string | null;
  created_at: string;
}

/**
 * A dossier's documents in chronological order (the document's date, else when it was
 * registered), which is the order the System numbers them in (Appendix VI).
 */
export function filedDocuments(db: Db, dossierId: number): FiledDocumentRow[] {
  return db
    .prepare(
      `SELECT d.id, d.direction, d.code_number, d.code_notation, d.promulgation_date, d.type_name, d.subject, d.sender_name, d.sender_id,
              d.signer_name, d.signer_position, d.registered_at, d.created_at
       FROM dossier_documents f JOIN documents d ON d.id = f.document_id
       WHERE f.dossier_id = ?
       ORDER BY COALESCE(d.promulgation_date, substr(d.registered_at, 1, 10), substr(d.created_at, 1, 10)), d.id`,
    )
    .all(dossierId) as FiledDocumentRow[];
}

/** Links the dossiers to the package they went in. */
export function assignHandover(db: Db, dossierIds: readonly number[], handoverId: number): void {
  const statement = db.prepare("UPDATE dossiers SET handover_id = ? WHERE id = ? AND state = 'closed'");
  for (const id of dossierIds) {
    if (statement.run(handoverId, id).changes !== 1) throw new Error(`Dossier ${id} is not closed.`);
  }
}

export function markHandedOver(db: Db, handoverId: number): void {
  db.prepare("UPDATE dossiers SET state = 'handed_over' WHERE handover_id = ? AND state = 'closed'").run(handoverId);
}
