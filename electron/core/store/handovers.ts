/** Handovers to the archive (nộp lưu): the package made, and the archive's receipt when recorded. */
import type { Handover, HandoverSignatureVerdict } from '../../../shared/api/records.js';
import type { Db } from './database.js';

interface HandoverRow {
  id: number;
  file_name: string;
  sha256: string;
  size: number;
  signer: string;
  verdicts: string;
  created_at: string;
  created_by: string;
  received_at: string | null;
  received_by: string | null;
  receipt_note: string | null;
  dossier_ids: string | null;
}

const SELECT_HANDOVERS = `SELECT h.*, (SELECT group_concat(d.id) FROM dossiers d WHERE d.handover_id = h.id) AS dossier_ids FROM handovers h`;

function toHandover(row: HandoverRow): Handover {
  return {
    id: row.id,
    fileName: row.file_name,
    sha256: row.sha256,
    size: row.size,
    dossierIds: row.dossier_ids ? row.dossier_ids.split(',').map(Number) : [],
    signer: row.signer,
    createdAt: row.created_at,
    createdBy: row.created_by,
    verdicts: JSON.parse(row.verdicts) as HandoverSignatureVerdict[],
    receivedAt: row.received_at,
    receivedBy: row.received_by,
    receiptNote: row.receipt_note,
  };
}

export interface NewHandover {
  fileName: string;
  sha256: string;
  size: number;
  signer: string;
  verdicts: HandoverSignatureVerdict[];
  createdBy: string;
}

export function insertHandover(db: Db, input: NewHandover, now: Date): number {
  const result = db
    .prepare('INSERT INTO handovers (file_name, sha256, size, signer, verdicts, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.fileName, input.sha256, input.size, input.signer, JSON.stringify(input.verdicts), now.toISOString(), input.createdBy);
  return Number(result.lastInsertRowid);
}

export function getHandover(db: Db, id: number): Handover | null {
  const row = db.prepare(`${SELECT_HANDOVERS} WHERE h.id = ?`).get(id) as HandoverRow | undefined;
  return row ? toHandover(row) : null;
}

export function listHandovers(db: Db, limit: number): Handover[] {
  return (db.prepare(`${SELECT_HANDOVERS} ORDER BY h.id DESC LIMIT ?`).all(limit) as HandoverRow[]).map(toHandover);
}

/** False when a receipt is recorded already. */
export function recordReceipt(db: Db, id: number, receivedAt: string, receivedBy: string, note: string): boolean {
  return db.prepare('UPDATE handovers SET received_at = ?, received_by = ?, receipt_note = ? WHERE id = ? AND received_at IS NULL').run(receivedAt, receivedBy, note, id).changes === 1;
}
