/**
 * What desk commands write to documents and attachments (hub/commands/): drafts made and changed
 * at a desk, and a new revision of an attachment signed at a desk. Each row a command changes is
 * locked first, so two commands on one document, from any hub instance, run one after the other
 * and the second sees what the first did.
 */
import type pg from 'pg';
import { DRAFT_FIELD_SPECS, DRAFT_FIELDS } from '../../shared/api/draft-fields.js';
import type { DraftChanges } from '../../shared/api/draft-field-schema.js';
import type { SigningState } from '../../shared/api/documents.js';

export interface LockedDocument {
  id: number;
  direction: 'incoming' | 'outgoing' | 'draft';
  signingState: SigningState;
  createdBy: number | null;
  /** The number the outgoing register gave it, once numbered. */
  codeNumber: string | null;
  /** An internal document (văn bản nội bộ): numbered in the internal register, sent inside the agency. */
  internal: boolean;
  /** The leader a draft submitted for signature waits for. */
  signingLeaderId: number | null;
}

const LOCKED_COLUMNS = 'id, direction, signing_state AS "signingState", created_by AS "createdBy", code_number AS "codeNumber", internal, signing_leader_id AS "signingLeaderId"';

export async function lockDocument(client: pg.PoolClient, id: number): Promise<LockedDocument | null> {
  return (await client.query<LockedDocument>(`SELECT ${LOCKED_COLUMNS} FROM documents WHERE id = $1 FOR UPDATE`, [id])).rows[0] ?? null;
}

/** The same, read without a lock (a command's precheck). */
export async function documentState(db: pg.Pool | pg.PoolClient, id: number): Promise<LockedDocument | null> {
  return (await db.query<LockedDocument>(`SELECT ${LOCKED_COLUMNS} FROM documents WHERE id = $1`, [id])).rows[0] ?? null;
}

/**
 * Moves a draft's signing step on (the desktop's steps: leader_signed, numbered, agency_signed);
 * numbering also writes the number and the date it was issued on. False when the draft is at none of `from`.
 */
export async function moveSigningState(
  client: pg.PoolClient,
  id: number,
  from: readonly SigningState[],
  to: SigningState,
  at: Date,
  numbered?: { codeNumber: string; promulgationDate: string },
): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE documents SET signing_state = $3, updated_at = $4, code_number = coalesce($5, code_number), promulgation_date = coalesce($6, promulgation_date)
     WHERE id = $1 AND direction = 'draft' AND signing_state = ANY ($2::text[])`,
    [id, [...from], to, at, numbered?.codeNumber ?? null, numbered?.promulgationDate ?? null],
  );
  return rowCount === 1;
}

/**
 * Trình ký: a draft being edited waits for `leaderId`'s signature, the comment of an earlier
 * return cleared. False when it is no longer a draft being edited.
 */
export async function submitDraft(client: pg.PoolClient, id: number, leaderId: number, at: Date): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE documents SET signing_state = 'awaiting_leader', signing_leader_id = $2, leader_comment = NULL, updated_at = $3
     WHERE id = $1 AND direction = 'draft' AND signing_state = 'none'`,
    [id, leaderId, at],
  );
  return rowCount === 1;
}

/** Trả lại: a draft waiting for a leader's signature is edited again, with his comment. False when it waits no more. */
export async function returnDraft(client: pg.PoolClient, id: number, comment: string, at: Date): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE documents SET signing_state = 'none', signing_leader_id = NULL, leader_comment = $2, updated_at = $3
     WHERE id = $1 AND direction = 'draft' AND signing_state = 'awaiting_leader'`,
    [id, comment, at],
  );
  return rowCount === 1;
}

/** The main PDF of a document: its first attachment that is a PDF (the desktop's rule, signing-pdfs.ts); null when it has none. */
export async function mainPdfId(db: pg.Pool | pg.PoolClient, documentId: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM attachments WHERE document_id = $1 AND (content_type = 'application/pdf' OR lower(name) LIKE '%.pdf') ORDER BY position, id LIMIT 1`,
    [documentId],
  );
  return rows[0]?.id ?? null;
}

/** The printed "Nơi nhận" lines of a document, as JSON (a package names them). */
export async function toPlacesOf(db: pg.Pool | pg.PoolClient, documentId: number): Promise<string> {
  return (await db.query<{ to_places: string }>('SELECT to_places FROM documents WHERE id = $1', [documentId])).rows[0]?.to_places ?? '[]';
}

/** Each attachment's current bytes, in order: what a package built before the transaction must still match. */
export async function attachmentHashes(db: pg.Pool | pg.PoolClient, documentId: number): Promise<string[]> {
  return (await db.query<{ sha256: string }>('SELECT sha256 FROM attachments WHERE document_id = $1 ORDER BY position, id', [documentId])).rows.map((row) => row.sha256);
}

export async function lockDraftByClientKey(client: pg.PoolClient, clientKey: string): Promise<LockedDocument | null> {
  return (await client.query<LockedDocument>(`SELECT ${LOCKED_COLUMNS} FROM documents WHERE client_key = $1 FOR UPDATE`, [clientKey])).rows[0] ?? null;
}

/** The fields given, as [column, value] (lines as their JSON array); column names from the field table, never from input. */
function draftColumns(fields: DraftChanges): [string, unknown][] {
  return DRAFT_FIELDS.filter((name) => fields[name] !== undefined).map((name) => {
    const value = fields[name];
    return [DRAFT_FIELD_SPECS[name].column, Array.isArray(value) ? JSON.stringify(value) : value];
  });
}

/**
 * A new draft named by the desk's `clientKey`, or null when a draft of that key exists already
 * (committed by a transaction this one waited for): the caller then finds it by the key.
 */
export async function insertDraft(
  client: pg.PoolClient,
  draft: { clientKey: string; createdBy: number; fields: DraftChanges & { subject: string }; answers: number | null; at: Date },
): Promise<number | null> {
  const columns = draftColumns(draft.fields);
  const values = [...columns.map(([, value]) => value), draft.createdBy, draft.clientKey, draft.at, draft.answers];
  const n = columns.length;
  // The maker is given the draft (document_grants), so the one access rule lets him see it.
  const { rows } = await client.query<{ id: number }>(
    `WITH made AS (
       INSERT INTO documents (${columns.map(([column]) => column).join(', ')}, direction, state, created_by, client_key, created_at, updated_at, answers_id)
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, 'draft', 'editing', $${n + 1}, $${n + 2}, $${n + 3}, $${n + 3}, $${n + 4})
       ON CONFLICT (client_key) DO NOTHING RETURNING id),
     given AS (INSERT INTO document_grants (document_id, user_id, granted_by, granted_at) SELECT id, $${n + 1}, $${n + 1}, $${n + 3} FROM made)
     SELECT id FROM made`,
    values,
  );
  return rows[0]?.id ?? null;
}

export async function updateDraftFields(client: pg.PoolClient, id: number, fields: DraftChanges, at: Date): Promise<void> {
  const columns = draftColumns(fields);
  const sets = columns.map(([column], i) => `${column} = $${i + 1}`);
  await client.query(`UPDATE documents SET ${[...sets, `updated_at = $${columns.length + 1}`].join(', ')} WHERE id = $${columns.length + 2}`, [
    ...columns.map(([, value]) => value),
    at,
    id,
  ]);
}

export interface AttachmentFile {
  id: number;
  documentId: number;
  name: string;
  sha256: string;
  size: number;
}

const ATTACHMENT_FILE_COLUMNS = 'id, document_id AS "documentId", name, sha256, size::float8 AS size';

export async function attachmentFile(db: pg.Pool | pg.PoolClient, documentId: number, attachmentId: number): Promise<AttachmentFile | null> {
  return (await db.query<AttachmentFile>(`SELECT ${ATTACHMENT_FILE_COLUMNS} FROM attachments WHERE id = $1 AND document_id = $2`, [attachmentId, documentId])).rows[0] ?? null;
}

export async function lockAttachmentFile(client: pg.PoolClient, documentId: number, attachmentId: number): Promise<AttachmentFile | null> {
  return (await client.query<AttachmentFile>(`SELECT ${ATTACHMENT_FILE_COLUMNS} FROM attachments WHERE id = $1 AND document_id = $2 FOR UPDATE`, [attachmentId, documentId])).rows[0] ?? null;
}

/**
 * Points an attachment at a new version of its file; the earlier versions stay listed in
 * attachment_versions (the desktop's rule, electron/core/store/documents.ts). Returns its version number.
 */
export async function addAttachmentVersion(client: pg.PoolClient, attachmentId: number, blob: { sha256: string; size: number }, step: string, at: Date): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    `INSERT INTO attachment_versions (attachment_id, version, sha256, size, step, created_at)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM attachment_versions WHERE attachment_id = $1 RETURNING version`,
    [attachmentId, blob.sha256, blob.size, step, at],
  );
  await client.query('UPDATE attachments SET sha256 = $2, size = $3 WHERE id = $1', [attachmentId, blob.sha256, blob.size]);
  await client.query('UPDATE documents SET updated_at = $2 WHERE id = (SELECT document_id FROM attachments WHERE id = $1)', [attachmentId, at]);
  return rows[0]!.version;
}

/** What a reply's ResponseFor names of the arrival it answers: null when the draft answers none. */
export interface AnsweredArrival {
  senderId: string;
  edxmlDocumentId: string;
  codeNumber: string;
  codeNotation: string;
  promulgationDate: string;
}

export async function answeredArrival(db: pg.Pool | pg.PoolClient, draftId: number): Promise<AnsweredArrival | null> {
  const { rows } = await db.query<AnsweredArrival>(
    `SELECT coalesce(a.sender_id, '') AS "senderId", coalesce(a.edxml_document_id, '') AS "edxmlDocumentId", coalesce(a.code_number, '') AS "codeNumber",
       coalesce(a.code_notation, '') AS "codeNotation", coalesce(a.promulgation_date, '') AS "promulgationDate"
     FROM documents d JOIN documents a ON a.id = d.answers_id WHERE d.id = $1`,
    [draftId],
  );
  return rows[0] ?? null;
}

/** The drafts (and replies sent) answering an arrival: who sees them changes with the arrival's work. */
export async function repliesTo(db: pg.Pool | pg.PoolClient, arrivalId: number): Promise<number[]> {
  return (await db.query<{ id: number }>('SELECT id FROM documents WHERE answers_id = $1 ORDER BY id', [arrivalId])).rows.map((row) => row.id);
}
