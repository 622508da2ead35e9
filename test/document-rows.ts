/**
 * Documents written straight into a real store, for the register and report tests: the rows the
 * exchange would have written, without an axis round for each.
 */
import type { Db } from '../electron/core/store/database.js';

export interface DocumentFields {
  direction: 'incoming' | 'outgoing' | 'draft';
  subject: string;
  state?: string;
  senderId?: string | null;
  senderName?: string | null;
  codeNumber?: string | null;
  codeNotation?: string | null;
  typeName?: string | null;
  promulgationDate?: string | null;
  signerName?: string | null;
  dueDate?: string | null;
  receivedAt?: string | null;
  /** When it was registered (số đến), for an arrival accepted. */
  registeredAt?: string | null;
  priority?: number;
  createdAt?: string;
}

export function insertDocument(db: Db, fields: DocumentFields): number {
  const at = fields.createdAt ?? fields.receivedAt ?? '2026-01-01T00:00:00.000Z';
  const result = db
    .prepare(
      `INSERT INTO documents (direction, subject, state, sender_id, sender_name, code_number, code_notation, type_name, promulgation_date, signer_name, due_date, received_at, registered_at, priority, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      fields.direction,
      fields.subject,
      fields.state ?? (fields.direction === 'incoming' ? 'arrived' : fields.direction === 'outgoing' ? 'sent' : 'editing'),
      fields.senderId ?? null,
      fields.senderName ?? null,
      fields.codeNumber ?? null,
      fields.codeNotation ?? null,
      fields.typeName ?? null,
      fields.promulgationDate ?? null,
      fields.signerName ?? null,
      fields.dueDate ?? null,
      fields.receivedAt ?? null,
      fields.registeredAt ?? null,
      fields.priority ?? 0,
      at,
      at,
    );
  return Number(result.lastInsertRowid);
}
