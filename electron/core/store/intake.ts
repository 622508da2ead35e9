/**
 * Scans waiting to be registered (intake_items, migration 180) and the registration of a paper,
 * e-mailed or hand-delivered arrival: an incoming document numbered from the same incoming
 * register as the axis arrivals (docs/formats.md#paper-arrivals), its scan the attachment.
 */
import type { ArrivalOrigin, IntakeItem } from '../../../shared/api/intake.js';
import type { Priority } from '../../../shared/api/documents.js';
import { appendAudit } from './audit-log.js';
import { cachedStatement, writeTransaction, type Db } from './database.js';
import { indexDeferredDocument } from './document-index.js';
import { insertAttachments } from './documents.js';
import { textProgress } from './content-texts.js';
import { enterInRegister } from './registers.js';

interface ItemRow {
  id: number;
  source: IntakeItem['source'];
  file_name: string;
  size: number;
  sha256: string;
  created_at: string;
}

export type StoredIntakeItem = Omit<IntakeItem, 'guess'>;

const toItem = (db: Db, row: ItemRow): StoredIntakeItem => ({
  id: row.id,
  source: row.source,
  fileName: row.file_name,
  size: row.size,
  sha256: row.sha256,
  createdAt: row.created_at,
  reading: textProgress(db, row.sha256),
});

export function addIntakeItem(db: Db, input: { source: IntakeItem['source']; fileName: string; size: number; sha256: string }, actor: string, now: Date = new Date()): StoredIntakeItem {
  return writeTransaction(db, () => {
    const id = Number(
      db.prepare('INSERT INTO intake_items (source, file_name, size, sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(input.source, input.fileName, input.size, input.sha256, now.toISOString()).lastInsertRowid,
    );
    appendAudit(db, { actor, action: 'intake.add', subject: `intake:${id}`, details: { source: input.source, fileName: input.fileName, sha256: input.sha256 } }, now);
    return getIntakeItem(db, id)!;
  });
}

export function getIntakeItem(db: Db, id: number): StoredIntakeItem | null {
  const row = cachedStatement(db, 'SELECT * FROM intake_items WHERE id = ?').get(id) as ItemRow | undefined;
  return row ? toItem(db, row) : null;
}

export function listIntakeItems(db: Db): StoredIntakeItem[] {
  return (db.prepare('SELECT * FROM intake_items ORDER BY id').all() as ItemRow[]).map((row) => toItem(db, row));
}

/** Whether the scanner folder's file with this content was taken in already (waiting or registered). */
export function intakeHasContent(db: Db, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM intake_items WHERE sha256 = ? UNION ALL SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1').get(sha256, sha256) !== undefined;
}

export function discardIntakeItem(db: Db, id: number, actor: string, now: Date = new Date()): boolean {
  return writeTransaction(db, () => {
    const removed = db.prepare('DELETE FROM intake_items WHERE id = ?').run(id).changes === 1;
    if (removed) appendAudit(db, { actor, action: 'intake.discard', subject: `intake:${id}`, details: {} }, now);
    return removed;
  });
}

export interface ArrivalHeader {
  codeNumber: string;
  codeNotation: string;
  typeName: string;
  promulgationDate: string | null;
  senderName: string;
  subject: string;
  summary: string;
  priority: Priority;
  dueDate: string | null;
}

export interface PaperArrival {
  itemId: number;
  origin: ArrivalOrigin;
  header: ArrivalHeader;
  /** Where the paper original is kept (a cabinet, a unit); empty for an e-mail. */
  paperOriginalAt: string;
  register: { id: number; code: string };
}

/** Another stored document with the same number, notation and issuer (the decree's duplicate warning), or null. */
export function sameNumberedDocument(db: Db, header: Pick<ArrivalHeader, 'codeNumber' | 'codeNotation' | 'senderName'>): number | null {
  if (!header.codeNumber) return null;
  const row = db
    .prepare("SELECT id FROM documents WHERE direction = 'incoming' AND code_number = ? AND coalesce(code_notation, '') = ? AND lower(coalesce(sender_name, '')) = lower(?) LIMIT 1")
    .get(header.codeNumber, header.codeNotation, header.senderName) as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * Registers the scan as an incoming document: takes the next số đến of the register, attaches the
 * scan, removes the waiting item, in one transaction with its audit row. Null when the item was
 * registered or discarded meanwhile.
 */
export function registerPaperArrival(db: Db, arrival: PaperArrival, actor: string, now: Date = new Date()): { documentId: number; arrivalNumber: number } | null {
  return writeTransaction(db, () => {
    const item = cachedStatement(db, 'SELECT * FROM intake_items WHERE id = ?').get(arrival.itemId) as ItemRow | undefined;
    if (!item) return null;
    const at = now.toISOString();
    const h = arrival.header;
    const documentId = Number(
      db
        .prepare(
          `INSERT INTO documents (direction, state, origin, paper_original_at, subject, summary, code_number, code_notation, type_name, promulgation_date,
             sender_name, priority, due_date, received_at, created_at, updated_at, index_deferred)
           VALUES ('incoming', 'accepted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(arrival.origin, arrival.paperOriginalAt || null, h.subject, h.summary, h.codeNumber || null, h.codeNotation || null, h.typeName || null, h.promulgationDate, h.senderName || null, h.priority, h.dueDate, at, at, at)
        .lastInsertRowid,
    );
    // Indexed once, with its scan and its register number (document-index.ts).
    insertAttachments(db, [{ documentId, name: item.file_name, contentType: 'application/pdf', size: item.size, sha256: item.sha256 }], at);
    const arrivalNumber = enterInRegister(db, documentId, arrival.register, now);
    db.prepare('UPDATE documents SET arrival_number = ? WHERE id = ?').run(arrivalNumber, documentId);
    indexDeferredDocument(db, documentId);
    db.prepare('DELETE FROM intake_items WHERE id = ?').run(item.id);
    appendAudit(
      db,
      {
        actor,
        action: 'document.register.paper',
        subject: `document:${documentId}`,
        details: { origin: arrival.origin, arrivalNumber, register: arrival.register.code, paperOriginalAt: arrival.paperOriginalAt, sha256: item.sha256 },
      },
      now,
    );
    return { documentId, arrivalNumber };
  });
}

/** What the ĐẾN stamp of a registered arrival prints. */
export interface StampFacts {
  arrivalNumber: number;
  registeredAt: string;
}

export function stampFacts(db: Db, documentId: number): StampFacts | null {
  const row = db.prepare("SELECT register_number, registered_at FROM documents WHERE id = ? AND direction = 'incoming' AND register_number IS NOT NULL").get(documentId) as
    | { register_number: number; registered_at: string }
    | undefined;
  return row ? { arrivalNumber: row.register_number, registeredAt: row.registered_at } : null;
}
