/**
 * The changes of a document row as it moves through its life: drafted, signed, numbered, sent,
 * received, handled, revoked, replaced, updated. Each guards the state it moves from in its WHERE,
 * so a change that lost a race changes nothing and says so (false); the caller runs it inside its
 * write transaction, beside the outbox, timeline and audit rows of the same step.
 */
import type { DocumentState, SigningState } from '../../../shared/api/documents.js';
import { cachedStatement, type Db } from './database.js';
import { indexDeferredDocument } from './document-index.js';
import { insertAttachments, type DocumentRow, type NewAttachment } from './documents.js';

/** The id of the document received from `senderId` under its edXML DocumentId. */
export function findIncomingId(db: Db, senderId: string, edxmlDocumentId: string): number | null {
  const row = cachedStatement(db, "SELECT id FROM documents WHERE direction = 'incoming' AND sender_id = ? AND edxml_document_id = ?").get(senderId, edxmlDocumentId) as
    | { id: number }
    | undefined;
  return row?.id ?? null;
}

/** The id of the document this agency sent under its edXML DocumentId. */
export function findOutgoingId(db: Db, edxmlDocumentId: string): number | null {
  const row = cachedStatement(db, "SELECT id FROM documents WHERE direction = 'outgoing' AND edxml_document_id = ?").get(edxmlDocumentId) as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * Stores a received document's row (its columns as the receiving code built them) and its
 * attachment rows, in the order given: its search index row is written once, with them all.
 */
export function insertReceivedDocument(db: Db, columns: Readonly<Record<string, unknown>>, attachments: readonly Omit<NewAttachment, 'documentId'>[], at: string): number {
  const names = [...Object.keys(columns), 'index_deferred'];
  const id = Number(
    cachedStatement(db, `INSERT INTO documents (${names.join(', ')}, created_at, updated_at) VALUES (${names.map(() => '?').join(', ')}, ?, ?)`).run(...Object.values(columns), 1, at, at)
      .lastInsertRowid,
  );
  try {
    insertAttachments(db, attachments.map((attachment) => ({ ...attachment, documentId: id })), at);
  } finally {
    indexDeferredDocument(db, id);
  }
  return id;
}

/** Something about the document changed (a status arrived): it moves up the lists. */
export function touchDocument(db: Db, id: number, at: string): void {
  cachedStatement(db, 'UPDATE documents SET updated_at = ? WHERE id = ?').run(at, id);
}

/** The draft leaves: it becomes the outgoing document queued for the axis. False when it is no draft any more. */
export function queueDraftForSending(db: Db, id: number, sent: { edxmlDocumentId: string; promulgationDate: string; senderId: string; packageSha256: string }, at: string): boolean {
  return (
    db
      .prepare(
        `UPDATE documents SET direction = 'outgoing', state = 'queued', edxml_document_id = ?, promulgation_date = ?, sender_id = ?,
           package_sha256 = ?, updated_at = ? WHERE id = ? AND direction = 'draft'`,
      )
      .run(sent.edxmlDocumentId, sent.promulgationDate, sent.senderId, sent.packageSha256, at, id).changes === 1
  );
}

/** The axis took the document package: the document is sent (a retry after a failure too). */
export function markDocumentSent(db: Db, id: number, axisDocId: string, at: string): void {
  db.prepare("UPDATE documents SET state = 'sent', axis_doc_id = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'failed')").run(axisDocId, at, id);
}

/** The axis refused the document package for good. */
export function markDocumentFailed(db: Db, id: number, at: string): void {
  db.prepare("UPDATE documents SET state = 'failed', updated_at = ? WHERE id = ?").run(at, id);
}

/** An unsigned draft takes its number (AllowUnsignedSending). False when it is no unsigned draft any more. */
export function numberUnsignedDraft(db: Db, id: number, codeNumber: string, promulgationDate: string, at: string): boolean {
  return (
    db
      .prepare("UPDATE documents SET code_number = ?, promulgation_date = ?, updated_at = ? WHERE id = ? AND direction = 'draft' AND signing_state = 'none'")
      .run(codeNumber, promulgationDate, at, id).changes === 1
  );
}

/** The handling state a status this agency sent puts a received document in, with its arrival number. */
export function setHandlingState(db: Db, id: number, state: DocumentState, arrivalNumber: number | null, at: string): void {
  db.prepare('UPDATE documents SET state = ?, arrival_number = ?, updated_at = ? WHERE id = ?').run(state, arrivalNumber, at, id);
}

/** Back to an earlier handling state (an undone status), the arrival number kept. */
export function setDocumentState(db: Db, id: number, state: DocumentState, at: string): void {
  db.prepare('UPDATE documents SET state = ?, updated_at = ? WHERE id = ?').run(state, at, id);
}

export function revokeDocument(db: Db, id: number, reason: string, at: string): void {
  db.prepare("UPDATE documents SET state = 'revoked', revoked_at = ?, revoke_reason = ?, updated_at = ? WHERE id = ?").run(at, reason, at, id);
}

/** `replacementId` replaces `originalId`. */
export function linkReplacement(db: Db, replacementId: number, originalId: number, at: string): void {
  db.prepare('UPDATE documents SET replaces_id = ?, updated_at = ? WHERE id = ?').run(originalId, at, replacementId);
}

/** The header fields an update of a sent document may change. */
export type IssuedHeader = Pick<DocumentRow, 'subject' | 'summary' | 'type_name' | 'signer_name' | 'signer_position' | 'signer_competence' | 'place' | 'due_date' | 'priority'>;

export function updateIssuedHeader(db: Db, id: number, header: IssuedHeader, at: string): void {
  db.prepare(
    `UPDATE documents SET subject = ?, summary = ?, type_name = ?, signer_name = ?, signer_position = ?, signer_competence = ?, place = ?,
       due_date = ?, priority = ?, updated_at = ? WHERE id = ?`,
  ).run(header.subject, header.summary, header.type_name, header.signer_name, header.signer_position, header.signer_competence, header.place, header.due_date, header.priority, at, id);
}

/** The header fields a received update brings. */
export type ReceivedHeader = Pick<
  DocumentRow,
  'subject' | 'summary' | 'code_number' | 'code_notation' | 'type_name' | 'signer_name' | 'signer_position' | 'signer_competence' | 'priority' | 'to_places' | 'header_fields'
>;

export function applyReceivedHeader(db: Db, id: number, header: ReceivedHeader, at: string): void {
  db.prepare(
    `UPDATE documents SET subject = ?, summary = ?, code_number = ?, code_notation = ?, type_name = ?, signer_name = ?, signer_position = ?,
       signer_competence = ?, priority = ?, to_places = ?, header_fields = ?, updated_at = ? WHERE id = ?`,
  ).run(
    header.subject,
    header.summary,
    header.code_number,
    header.code_notation,
    header.type_name,
    header.signer_name,
    header.signer_position,
    header.signer_competence,
    header.priority,
    header.to_places,
    header.header_fields,
    at,
    id,
  );
}

/** Sets the given columns (names from the code, never from input) and the package they came in. */
export function replaceContentColumns(db: Db, id: number, columns: Readonly<Record<string, unknown>>, packageSha256: string, at: string): void {
  const names = Object.keys(columns);
  db.prepare(`UPDATE documents SET ${names.map((column) => `${column} = ?`).join(', ')}, package_sha256 = ?, updated_at = ? WHERE id = ?`).run(
    ...Object.values(columns),
    packageSha256,
    at,
    id,
  );
}

/** Keeps what a document held before a change (history, not loss); `previous` is stored as JSON. */
export function recordRevision(db: Db, documentId: number, reason: string, previous: unknown, at: string): void {
  db.prepare('INSERT INTO document_revisions (document_id, revised_at, reason, previous) VALUES (?, ?, ?, ?)').run(documentId, at, reason, JSON.stringify(previous));
}

/** Removes a document's attachment rows (their blobs stay in the store); inside the transaction that adds the new ones. */
export function deleteAttachmentsOf(db: Db, documentId: number): void {
  db.prepare('DELETE FROM attachments WHERE document_id = ?').run(documentId);
}

/**
 * One step of the signing sequence (docs/architecture.md, "Signing"): from `from` to `to`, with the
 * number and date when the step gives them. False when the draft is not at `from` any more.
 */
export function moveSigningState(
  db: Db,
  id: number,
  from: SigningState,
  to: SigningState,
  at: string,
  extra: { codeNumber?: string; promulgationDate?: string; leaderComment?: string | null } = {},
): boolean {
  const columns: [string, unknown][] = [
    ['signing_state', to],
    ...(extra.codeNumber === undefined ? [] : [['code_number', extra.codeNumber] as [string, unknown]]),
    ...(extra.promulgationDate === undefined ? [] : [['promulgation_date', extra.promulgationDate] as [string, unknown]]),
    ...(extra.leaderComment === undefined ? [] : [['leader_comment', extra.leaderComment] as [string, unknown]]),
  ];
  const sets = columns.map(([column]) => `${column} = ?`).join(', ');
  return db.prepare(`UPDATE documents SET ${sets}, updated_at = ? WHERE id = ? AND direction = 'draft' AND signing_state = ?`).run(...columns.map(([, value]) => value), at, id, from).changes === 1;
}

/** Deletes a draft not yet numbered (its attachments and timeline go with it). False when it is no such draft any more. */
export function deleteUnnumberedDraft(db: Db, id: number): boolean {
  return db.prepare("DELETE FROM documents WHERE id = ? AND direction = 'draft' AND signing_state IN ('none', 'awaiting_leader', 'leader_signed')").run(id).changes === 1;
}

/** The file an attachment had before the draft's submission for signing (the version before its 'fields' step). */
export function versionBeforeSubmission(db: Db, attachmentId: number): { sha256: string; size: number } | null {
  return (
    (db
      .prepare(
        `SELECT sha256, size FROM attachment_versions WHERE attachment_id = ? AND version < (
           SELECT max(version) FROM attachment_versions WHERE attachment_id = ? AND step = 'fields')
         ORDER BY version DESC LIMIT 1`,
      )
      .get(attachmentId, attachmentId) as { sha256: string; size: number } | undefined) ?? null
  );
}
