/**
 * Received packages that could not be stored, with the reason a clerk can act on. The package
 * bytes are kept (as a blob) so that Retry works after the cause is fixed, e.g. a sender's
 * agency added to the directory.
 */
import type { QuarantineItem } from '../../../shared/api/documents.js';
import { isQuarantineReason, type QuarantineReason } from '../../../shared/api/quarantine-reasons.js';
import type { Db } from './database.js';

interface QuarantineRow {
  id: number;
  axis_doc_id: string;
  message_type: 'edoc' | 'status';
  sender_id: string | null;
  reason_code: string;
  /** The technical detail. */
  reason: string;
  package_sha256: string | null;
  state: QuarantineItem['state'];
  created_at: string;
}

const toItem = (row: QuarantineRow): QuarantineItem => ({
  id: row.id,
  axisDocId: row.axis_doc_id,
  messageType: row.message_type,
  senderId: row.sender_id,
  // A code written by a newer version reads as `other`; the detail still says what happened.
  reason: isQuarantineReason(row.reason_code) ? row.reason_code : 'other',
  detail: row.reason,
  state: row.state,
  createdAt: row.created_at,
});

export function quarantinePackage(
  db: Db,
  entry: { axisDocId: string; messageType: 'edoc' | 'status'; senderId: string | null; reason: QuarantineReason; detail: string; packageSha256: string | null },
  at: string,
): void {
  db.prepare(
    `INSERT INTO quarantine (axis_doc_id, message_type, sender_id, reason_code, reason, package_sha256, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)
     ON CONFLICT (axis_doc_id) DO UPDATE SET reason_code = excluded.reason_code, reason = excluded.reason, state = 'open', updated_at = excluded.updated_at`,
  ).run(entry.axisDocId, entry.messageType, entry.senderId, entry.reason, entry.detail, entry.packageSha256, at, at);
}

export function listQuarantine(db: Db): QuarantineItem[] {
  return (db.prepare("SELECT * FROM quarantine ORDER BY state = 'ignored', id DESC").all() as QuarantineRow[]).map(toItem);
}

export function getQuarantined(db: Db, id: number): (QuarantineItem & { packageSha256: string | null }) | null {
  const row = db.prepare('SELECT * FROM quarantine WHERE id = ?').get(id) as QuarantineRow | undefined;
  return row ? { ...toItem(row), packageSha256: row.package_sha256 } : null;
}

export function setQuarantineState(db: Db, id: number, state: QuarantineItem['state'], at: string): void {
  db.prepare('UPDATE quarantine SET state = ?, updated_at = ? WHERE id = ?').run(state, at, id);
}

export function retryingQuarantine(db: Db): (QuarantineItem & { packageSha256: string | null })[] {
  return (db.prepare("SELECT * FROM quarantine WHERE state = 'retrying' ORDER BY id").all() as QuarantineRow[]).map((row) => ({ ...toItem(row), packageSha256: row.package_sha256 }));
}

/** A quarantined package stored after all: it leaves the list. */
export function removeQuarantined(db: Db, id: number): void {
  db.prepare('DELETE FROM quarantine WHERE id = ?').run(id);
}
